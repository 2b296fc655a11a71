/**
 * ไฟล์แนบ: a labelled file input and the files chosen so far, each with a button to take it out
 * and its own error (`files[i]`, as the server names it). Picking again adds to the list. Used by
 * the complaint form, staff intake and the staff actions that take files.
 */
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MEDIA_TYPES } from '../../shared/api/attachments.ts';
import { formatBytes } from './dates.ts';
import { Field } from './form.tsx';

export interface FileFieldProps {
  label: string;
  /** What may be sent (types, count, size) and who will see the files. */
  hint: string;
  files: readonly File[];
  setFiles: (files: File[]) => void;
  /** Field path → message: `files` for the whole list, `files[i]` for one file. */
  errors: Record<string, string>;
}

/** The error summary's labels of the file fields: the list, and each file by its number. */
export function fileLabels(label: string, count: number): Record<string, string> {
  return { files: label, ...Object.fromEntries(Array.from({ length: Math.max(count, 1) }, (_, index) => [`files[${index}]`, `${label} ${index + 1}`])) };
}

export function FileField({ label, hint, files, setFiles, errors }: FileFieldProps) {
  const { t } = useTranslation('citizen');
  return (
    <>
      <Field label={label} hint={hint} error={errors.files} name="files">
        {({ id, describedBy, invalid }) => (
          // The browser's own button speaks the browser's language ("Choose Files"): ours speaks the page's.
          <div className="file-picker">
            <input
              id={id}
              type="file"
              className="file-picker__input"
              multiple
              accept={ATTACHMENT_MEDIA_TYPES.join(',')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => {
                setFiles([...files, ...Array.from(event.target.files ?? [])]);
                event.target.value = '';
              }}
            />
            <label htmlFor={id} className="button button--secondary file-picker__button" aria-hidden="true">
              {t('file.chooseFiles')}
            </label>
            <span className="muted" aria-hidden="true">
              {files.length === 0 ? t('file.noneChosen') : t('file.chosen', { count: files.length })}
            </span>
          </div>
        )}
      </Field>
      {files.length > 0 ? (
        <ul className="file-list">
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`} data-field={`files[${index}]`}>
              <span>
                {file.name} ({formatBytes(file.size)})
              </span>
              <button type="button" className="button button--link" onClick={() => setFiles(files.filter((_, other) => other !== index))} aria-label={t('file.removeFile', { name: file.name })}>
                {t('file.remove')}
              </button>
              {errors[`files[${index}]`] ? (
                <p className="field__error" role="alert">
                  {errors[`files[${index}]`]}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
