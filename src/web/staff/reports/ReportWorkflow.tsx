/**
 * The steps of a report the user may take now, as the server's `actions` say: submit to the head,
 * approve or send back with a comment, publish, or make a new version saying what changed. A
 * draft's texts are saved before it is submitted.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reviseReport, sendBackReport, takeReportStep, type PlainReportStep, type Report } from '../../api/reports.ts';
import { ErrorSummary, Field } from '../../components/form.tsx';
import { useSubmission } from '../../components/use-form-errors.ts';

const PLAIN_STEPS: ReadonlyArray<{ step: PlainReportStep; label: 'submit' | 'approve' | 'publish' }> = [
  { step: 'submit', label: 'submit' },
  { step: 'approve', label: 'approve' },
  { step: 'publish', label: 'publish' },
];
/** As the API bounds a comment and a change note. */
const NOTE_MAX = 2000;

type Open = null | 'send-back' | 'revise';

export function ReportWorkflow({ report, dirty, onChange, onRevised }: { report: Report; dirty: boolean; onChange: (report: Report) => void; onRevised: (report: Report) => void }) {
  const { t } = useTranslation('reports');
  const [open, setOpen] = useState<Open>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<PlainReportStep | null>(null);
  const { sending, failure, fail, submit } = useSubmission();
  const steps = PLAIN_STEPS.filter(({ step }) => report.actions.includes(step));
  const offers = steps.length > 0 || report.actions.includes('send-back') || report.actions.includes('revise');

  const take = (step: PlainReportStep) =>
    void submit(async () => {
      onChange(await takeReportStep(report.id, step));
      setDone(step);
    });
  const sendNote = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text) {
      fail({ [open === 'revise' ? 'changeNote' : 'comment']: t('new.problems.required') });
      return;
    }
    void submit(async () => {
      if (open === 'revise') onRevised(await reviseReport(report.id, text));
      else onChange(await sendBackReport(report.id, text));
      setOpen(null);
      setNote('');
    });
  };
  const field = open === 'revise' ? 'changeNote' : 'comment';

  return (
    <section className="report__section report-workflow" aria-labelledby="report-workflow">
      <h2 id="report-workflow">{t('workflow.heading')}</h2>
      <ErrorSummary message={failure.message} errors={failure.fields} labels={{ comment: t('workflow.comment'), changeNote: t('workflow.changeNote') }} />
      {done ? (
        <p role="status" className="report-workflow__done">
          {t(`workflow.done.${done}`)}
        </p>
      ) : null}
      {!offers ? <p className="muted">{t('workflow.none')}</p> : null}
      {report.actions.includes('submit') && dirty ? <p className="notice">{t('workflow.unsaved')}</p> : null}
      {offers && open === null ? (
        <div className="button-row">
          {steps.map(({ step, label }) => (
            <button key={step} type="button" className="button button--primary" disabled={sending || (step === 'submit' && dirty)} onClick={() => take(step)}>
              {t(`workflow.${label}`)}
            </button>
          ))}
          {report.actions.includes('send-back') ? (
            <button type="button" className="button button--secondary" disabled={sending} onClick={() => setOpen('send-back')}>
              {t('workflow.sendBack')}
            </button>
          ) : null}
          {report.actions.includes('revise') ? (
            <button type="button" className="button button--secondary" disabled={sending} onClick={() => setOpen('revise')}>
              {t('workflow.revise')}
            </button>
          ) : null}
        </div>
      ) : null}
      {open !== null ? (
        <form onSubmit={sendNote} noValidate className="report-workflow__note">
          <Field
            label={open === 'revise' ? t('workflow.changeNote') : t('workflow.comment')}
            hint={open === 'revise' ? t('workflow.changeNoteHint') : t('workflow.commentHint')}
            name={field}
            error={failure.fields[field]}
            required
          >
            {({ id, describedBy, invalid }) => (
              <textarea id={id} rows={3} maxLength={NOTE_MAX} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" value={note} onChange={(event) => setNote(event.target.value)} />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={sending}>
              {open === 'revise' ? t('workflow.confirmRevise') : t('workflow.confirmSendBack')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setOpen(null)}>
              {t('workflow.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
