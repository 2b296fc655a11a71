/**
 * ดำเนินการ: the actions the server allows on this case now (`permissions`; the console never
 * decides roles itself), each as a form checked like the server checks it, the server's field
 * errors shown on their fields.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_ACTIONS, CHANNELS, RESOLUTION_RESULTS, takesFiles, type CaseAction, type CaseStatus } from '../../shared/case-model.ts';
import { checkFiles, megabytes } from '../citizen/complaint-form.ts';
import { FileField, fileLabels } from '../components/FileField.tsx';
import { fetchCategories, useList, useUploadLimits } from '../api/reference.ts';
import { actOnCase, type CaseTriage } from '../api/staff.ts';
import type { CaseDetail } from '../api/types.ts';
import { ErrorSummary } from '../components/form.tsx';
import { useProblemText, useSubmission } from '../components/use-form-errors.ts';
import { formatDate } from '../components/dates.ts';
import { actionBody, actionFormFor, checkAction, EMPTY_ACTION_VALUES, type ActionValues } from './action-forms.ts';
import { ActionFields } from './ActionFields.tsx';

export interface CaseActionsProps {
  detail: CaseDetail;
  triage: CaseTriage | undefined;
  onDone: (action: CaseAction, status: CaseStatus) => void;
}

export function CaseActions({ detail, triage, onDone }: CaseActionsProps) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const allowed = CASE_ACTIONS.filter((action) => detail.permissions.includes(action));
  const [open, setOpen] = useState<CaseAction | null>(null);
  // ระยะยืนยันผล, as the server reads it now: until when the citizen may still answer.
  const confirmation = detail.confirmation;
  const windowLine = confirmation ? (
    <p className="muted" data-testid="confirmation-window">
      {t(confirmation.open ? 'actions.confirmationOpen' : 'actions.confirmationEnded', { date: formatDate(confirmation.until, i18n.language) })}
    </p>
  ) : null;
  if (allowed.length === 0) return <p className="muted">{t('actions.none')}</p>;
  return (
    <div className="case-actions">
      {windowLine}
      <div className="case-actions__choices" role="group" aria-label={t('actions.choose')}>
        {allowed.map((action) => (
          <button
            key={action}
            type="button"
            className={open === action ? 'button button--primary button--small' : 'button button--secondary button--small'}
            aria-expanded={open === action}
            aria-controls={open === action ? `action-form-${action}` : undefined}
            onClick={() => setOpen(open === action ? null : action)}
          >
            {t(`actions.names.${action}`)}
          </button>
        ))}
      </div>
      {open ? (
        <ActionForm
          key={`${open}-${detail.id}`}
          action={open}
          detail={detail}
          triage={triage}
          onCancel={() => setOpen(null)}
          onDone={(status) => {
            setOpen(null);
            onDone(open, status);
          }}
        />
      ) : null}
    </div>
  );
}

function ActionForm({ action, detail, triage, onCancel, onDone }: { action: CaseAction; detail: CaseDetail; triage: CaseTriage | undefined; onCancel: () => void; onDone: (status: CaseStatus) => void }) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const problemText = useProblemText();
  const form = actionFormFor(action, detail);
  const categories = useList('all', fetchCategories);
  const [values, setValues] = useState<ActionValues>(EMPTY_ACTION_VALUES);
  const [files, setFiles] = useState<File[]>([]);
  const uploadLimits = useUploadLimits();
  const { sending, failure, fail, submit: send } = useSubmission();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = problemText({ ...checkAction(action, values, detail.id, form), ...(takesFiles(action) ? checkFiles(files, uploadLimits) : {}) });
    if (Object.keys(problems).length > 0) return fail(problems, t('common:errors.fixFields'));
    await send(async () => {
      const answer = await actOnCase(detail.id, action, actionBody(action, values, form), takesFiles(action) ? files : []);
      onDone(answer.status);
    });
  };

  const labels: Record<string, string> = {
    note: t('actions.fields.note'),
    reason: t('actions.fields.reason'),
    message: t('actions.fields.message'),
    categoryCode: t('actions.fields.category'),
    agencyCode: t('agency.label'),
    result: t('actions.fields.result'),
    channel: t('actions.fields.channel'),
    businessDays: t('actions.fields.businessDays'),
    newDueDate: t('actions.fields.newDueDate'),
    intoCaseId: t('actions.fields.mergeInto'),
    confirmed: t('actions.fields.mergeConfirm'),
    shareIdentity: t('exchange.shareIdentity'),
    ...fileLabels(t('actions.fields.files'), files.length),
  };

  return (
    <section id={`action-form-${action}`} className="action-form card" aria-labelledby={`action-title-${action}`}>
      <h3 id={`action-title-${action}`} ref={headingRef} tabIndex={-1}>
        {t(`actions.names.${action}`)}
      </h3>
      <p className="muted">{t(`actions.help.${action}`)}</p>
      {action === 'close' && detail.closeRequiresReason && detail.confirmation ? (
        <p className="notice" data-testid="close-early">
          {t('actions.closeEarly', { date: formatDate(detail.confirmation.until, i18n.language) })}
        </p>
      ) : null}
      <ErrorSummary message={failure.message} errors={failure.fields} labels={labels} />
      <form onSubmit={(event) => void submit(event)} noValidate data-action={action}>
        <ActionFields
          form={form}
          values={values}
          setValues={setValues}
          errors={failure.fields}
          labels={labels}
          categories={categories.items}
          results={RESOLUTION_RESULTS}
          channels={CHANNELS}
          suggestions={triage?.triage?.suggestions ?? []}
          duplicates={triage?.possibleDuplicates ?? []}
        />
        {takesFiles(action) ? (
          <FileField
            label={t('actions.fields.files')}
            hint={`${uploadLimits ? t('actions.fields.filesHint', { max: uploadLimits.maxFiles, size: megabytes(uploadLimits.maxFileBytes) }) : t('actions.fields.filesTypesHint')} · ${action === 'note' ? t('actions.fields.filesInternal') : t('actions.fields.filesSeenByCitizen')}`}
            files={files}
            setFiles={setFiles}
            errors={failure.fields}
          />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('actions.sending') : t(`actions.names.${action}`)}
          </button>
          <button type="button" className="button button--ghost" onClick={onCancel}>
            {t('actions.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
