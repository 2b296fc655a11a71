/**
 * The texts of a report's memo (บันทึกข้อความ): the memo lines (ที่, เรียน), its sections
 * (ความเป็นมา, ผลการวิเคราะห์, ปัญหาและอุปสรรค, ข้อเสนอแนะ) and the signature blocks — a form
 * while the report may be edited (only the changed texts are sent), a read-out otherwise.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { saveReportTexts, type Report, type ReportTexts } from '../../api/reports.ts';
import { formatDateTime } from '../../components/dates.ts';
import { ErrorSummary, Field, TextField } from '../../components/form.tsx';
import { useSubmission } from '../../components/use-form-errors.ts';
import { changedTexts } from './report-form.ts';

const MEMO_LINES = ['documentNumber', 'addressee'] as const;
const SECTIONS = ['background', 'analysis', 'problems', 'recommendations'] as const;
const SIGNATURES = ['preparedByName', 'preparedByPosition', 'approverName', 'approverPosition'] as const;
/** As the API bounds them (src/shared/api/reports.ts). */
const LINE_MAX = 300;
const SECTION_MAX = 5000;

export function ReportTextsForm({ report, onSaved, onDirtyChange }: { report: Report; onSaved: (report: Report) => void; onDirtyChange: (dirty: boolean) => void }) {
  const { t, i18n } = useTranslation('reports');
  const [texts, setTexts] = useState<ReportTexts>(report.texts);
  const [saved, setSaved] = useState<ReportTexts>(report.texts);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const { sending, failure, submit } = useSubmission();
  const changes = changedTexts(saved, texts);
  const dirty = Object.keys(changes).length > 0;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  const set = (key: keyof ReportTexts) => (value: string) => setTexts((current) => ({ ...current, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      const next = await saveReportTexts(report.id, changes);
      setSaved(next.texts);
      setTexts(next.texts);
      setSavedAt(next.figuresComputedAt);
      onSaved(next);
    });
  };
  const labels = Object.fromEntries([...MEMO_LINES, ...SECTIONS, ...SIGNATURES].map((key) => [key, t(`texts.${key}`)]));
  const line = (key: (typeof MEMO_LINES)[number] | (typeof SIGNATURES)[number]) => (
    <TextField key={key} type="text" label={t(`texts.${key}`)} name={key} value={texts[key]} onChange={set(key)} maxLength={LINE_MAX} error={failure.fields[key]} />
  );
  return (
    <form className="report__section report-texts" onSubmit={onSubmit} noValidate aria-labelledby="report-texts">
      <h2 id="report-texts">{t('texts.heading')}</h2>
      <ErrorSummary message={failure.message} errors={failure.fields} labels={labels} />
      <div className="report-texts__lines">{MEMO_LINES.map(line)}</div>
      {SECTIONS.map((key) => (
        <Field key={key} label={t(`texts.${key}`)} name={key} error={failure.fields[key]}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={6} maxLength={SECTION_MAX} aria-describedby={describedBy} aria-invalid={invalid} value={texts[key]} onChange={(event) => set(key)(event.target.value)} />
          )}
        </Field>
      ))}
      <div className="report-texts__lines">{SIGNATURES.map(line)}</div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={sending || !dirty}>
          {t('texts.save')}
        </button>
        {savedAt && !dirty ? (
          <p role="status" className="report-texts__saved">
            {t('texts.saved', { at: formatDateTime(savedAt, i18n.language) })}
          </p>
        ) : null}
      </div>
    </form>
  );
}

/** The texts as they stand, when the report may not be changed. */
export function ReportTextsView({ report }: { report: Report }) {
  const { t } = useTranslation('reports');
  const shown = (key: keyof ReportTexts) => report.texts[key] || t('texts.empty');
  return (
    <section className="report__section report-texts" aria-labelledby="report-texts">
      <h2 id="report-texts">{t('texts.heading')}</h2>
      <dl className="report-texts__read">
        {[...MEMO_LINES, ...SECTIONS, ...SIGNATURES].map((key) => (
          <div key={key} className={SECTIONS.includes(key as (typeof SECTIONS)[number]) ? 'report-texts__section' : undefined}>
            <dt>{t(`texts.${key}`)}</dt>
            <dd>{shown(key)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
