/**
 * ดำเนินการหลายเรื่องพร้อมกัน: assign, forward or close the selected cases with one reason,
 * then the result of each case (which failed and why) before the list is loaded again.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { bulkAct, type BulkAction, type BulkResult } from '../api/staff.ts';
import type { CaseListItem } from '../api/types.ts';
import { ErrorSummary, Field } from '../components/form.tsx';
import { useSubmission } from '../components/use-form-errors.ts';
import { AgencyChooser } from './AgencyChooser.tsx';
import { LabelledOptions } from './options.tsx';
import { BulkBodySchema } from '../../shared/api/case-actions.ts';
import { textBoundsOf } from '../../shared/api/fields.ts';

const BULK_ACTIONS: readonly BulkAction[] = ['assign', 'forward', 'close'];
const { min: REASON_MIN, max: REASON_MAX } = textBoundsOf(BulkBodySchema.shape.reason);

export interface BulkOutcomeData {
  results: BulkResult[];
  succeeded: number;
  failed: number;
  /** Tracking codes of the cases acted on, as they were when sent. */
  codes: Record<string, string>;
}

export interface BulkActionsProps {
  selected: readonly CaseListItem[];
  onClear: () => void;
  /** After the server answered, with each case's result. */
  onDone: (outcome: BulkOutcomeData) => void;
}

export function BulkActions({ selected, onClear, onDone }: BulkActionsProps) {
  const { t } = useTranslation(['staff', 'common']);
  const { sending, failure, fail, submit: send } = useSubmission();
  const [action, setAction] = useState<BulkAction>('assign');
  const [agencyCode, setAgencyCode] = useState('');
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const trimmed = reason.trim();
    if (action !== 'close' && !agencyCode) problems.agencyCode = t('common:errors.required');
    if (!trimmed) problems.reason = t('common:errors.required');
    else if (trimmed.length < REASON_MIN) problems.reason = t('common:errors.tooShort', { min: REASON_MIN });
    else if (trimmed.length > REASON_MAX) problems.reason = t('common:errors.tooLong', { max: REASON_MAX });
    if (Object.keys(problems).length > 0) return fail(problems, t('common:errors.fixFields'));
    const codes = Object.fromEntries(selected.map((item) => [item.id, item.trackingCode]));
    await send(async () => {
      const answer = await bulkAct(action, { caseIds: selected.map((item) => item.id), reason: trimmed, ...(action === 'close' ? {} : { agencyCode }) });
      setReason('');
      onDone({ ...answer, codes });
    });
  };

  const labels = { agencyCode: t('agency.label'), reason: t('bulk.reason'), caseIds: t('inbox.columns.select') };
  return (
    <section className="bulk card" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('bulk.heading')}</h2>
      <p>
        <strong>{t('bulk.selected', { count: selected.length })}</strong>{' '}
        <button type="button" className="button button--link" onClick={onClear}>
          {t('bulk.clearSelection')}
        </button>
      </p>
      <ErrorSummary message={failure.message} errors={failure.fields} labels={labels} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('bulk.action')} name="action">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={action} onChange={(event) => setAction(event.target.value as BulkAction)}>
              <LabelledOptions values={BULK_ACTIONS} label={(option) => t(`bulk.${option}`)} />
            </select>
          )}
        </Field>
        {action !== 'close' ? <AgencyChooser value={agencyCode} onChange={setAgencyCode} error={failure.fields.agencyCode} name="agencyCode" required /> : null}
        <Field label={t('bulk.reason')} hint={t('bulk.reasonHint')} error={failure.fields.reason} required name="reason">
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={3} aria-describedby={describedBy} aria-invalid={invalid} value={reason} onChange={(event) => setReason(event.target.value)} />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('bulk.sending') : t('bulk.submit', { count: selected.length })}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Each case's result: done with its new status, or failed and why; takes the focus when shown. */
export function BulkOutcome({ outcome, onDismiss }: { outcome: BulkOutcomeData; onDismiss: () => void }) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const language = i18n.language;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [outcome]);
  return (
    <section className="bulk-outcome card" data-testid="bulk-outcome" aria-labelledby="bulk-outcome-title">
      <h2 id="bulk-outcome-title" ref={headingRef} tabIndex={-1}>
        {t('bulk.resultHeading')}
      </h2>
      <p role="status">{t('bulk.summary', { succeeded: outcome.succeeded, failed: outcome.failed })}</p>
      <ul className="bulk-outcome__list">
        {outcome.results.map((result) => (
          <li key={result.id} className={result.ok ? 'bulk-outcome__item bulk-outcome__item--ok' : 'bulk-outcome__item bulk-outcome__item--failed'}>
            <span className="bulk-outcome__mark">{result.ok ? t('bulk.ok') : t('bulk.failed')}</span>{' '}
            <Link href={`/cases/${result.id}`} className="mono">
              {outcome.codes[result.id] ?? result.id}
            </Link>
            {': '}
            {result.ok ? t('bulk.newStatus', { status: t(`common:status.${result.status}`) }) : language === 'th' ? result.error.messageTh || result.error.message : result.error.message}
          </li>
        ))}
      </ul>
      <button type="button" className="button button--ghost button--small" onClick={onDismiss}>
        {t('bulk.dismiss')}
      </button>
    </section>
  );
}
