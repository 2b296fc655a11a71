/**
 * ออกรหัสติดตามใหม่: counter staff give a citizen who lost the access key a new one, after
 * checking who they are (the note says how; audited). The new key is shown once, on the
 * printable receipt with its QR code; the old key and any mailed key waiting stop working.
 * Offered only where the case's permissions include `reissue_access_key`.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reissueAccessKey } from '../api/staff.ts';
import type { CaseDetail } from '../api/types.ts';
import { ErrorSummary, Field } from '../components/form.tsx';
import { Receipt } from '../components/Receipt.tsx';
import { useSubmission } from '../components/use-form-errors.ts';
import './access-key-reissue.css';

const NOTE_MIN = 5;
const NOTE_MAX = 500;

export function AccessKeyReissue({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['staff', 'common']);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const { sending, failure, fail, submit } = useSubmission();
  const slipRef = useRef<HTMLDivElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (issued) slipRef.current?.focus();
  }, [issued]);

  if (!detail.permissions.includes('reissue_access_key')) return null;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text) return fail({ identityCheck: t('common:errors.required') }, t('common:errors.fixFields'));
    if (text.length < NOTE_MIN) return fail({ identityCheck: t('common:errors.tooShort', { min: NOTE_MIN }) }, t('common:errors.fixFields'));
    await submit(async () => {
      const answer = await reissueAccessKey(detail.id, text);
      setIssued(answer.accessKey);
      setNote('');
      setOpen(false);
    });
  };

  // Only the slip goes to the printer, not the case around it.
  const print = () => {
    document.body.classList.add('printing-access-key');
    const restore = () => {
      document.body.classList.remove('printing-access-key');
      window.removeEventListener('afterprint', restore);
    };
    window.addEventListener('afterprint', restore);
    window.print();
  };

  if (issued) {
    return (
      <div className="access-key-issued" ref={slipRef} tabIndex={-1} data-testid="new-access-key">
        <p className="notice" role="status">
          {t('accessKey.issued')}
        </p>
        <div className="access-key-slip">
          <Receipt receipt={{ trackingCode: detail.trackingCode, accessKey: issued, receivedAt: detail.receivedAt, dueDate: detail.sla.dueDate }} />
        </div>
        <div className="button-row">
          <button type="button" className="button button--primary" onClick={print}>
            {t('accessKey.print')}
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setIssued(null);
              requestAnimationFrame(() => openRef.current?.focus());
            }}
          >
            {t('accessKey.done')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="access-key-reissue">
      {open ? (
        <form onSubmit={(event) => void send(event)} noValidate aria-labelledby="access-key-heading">
          <h3 id="access-key-heading">{t('accessKey.heading')}</h3>
          <p className="muted">{t('accessKey.lead')}</p>
          <ErrorSummary message={failure.message} errors={failure.fields} labels={{ identityCheck: t('accessKey.identityCheck') }} />
          <Field label={t('accessKey.identityCheck')} hint={t('accessKey.identityCheckHint', { min: NOTE_MIN, max: NOTE_MAX })} error={failure.fields.identityCheck} required name="identityCheck">
            {({ id, describedBy, invalid }) => (
              <textarea id={id} rows={3} maxLength={NOTE_MAX} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" value={note} onChange={(event) => setNote(event.target.value)} />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={sending}>
              {sending ? t('actions.sending') : t('accessKey.submit')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
              {t('actions.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button ref={openRef} type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('accessKey.open')}
        </button>
      )}
    </div>
  );
}
