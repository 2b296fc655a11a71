/**
 * ลืมรหัสติดตาม / ขอรหัสใหม่: the citizen types the tracking code and is told, plainly and the
 * same whatever the code, that a new key goes to the e-mail address given at filing, and to
 * go to the office otherwise. The answer is the server's own text.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { apiRequest } from '../api/client.ts';
import { ErrorSummary, Field } from '../components/form.tsx';
import { useSubmission } from '../components/use-form-errors.ts';
import { normaliseTrackingCode } from './visit.ts';

interface Answer {
  message: string;
  messageTh: string;
}

function initialCode(): string {
  return new URLSearchParams(window.location.search).get('code') ?? '';
}

export function AccessKeyRequestPage() {
  const { t, i18n } = useTranslation(['citizen', 'common']);
  const [code, setCode] = useState(initialCode);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const { sending, failure, fail, submit } = useSubmission();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseTrackingCode(code);
    if (!normalised) return fail({ trackingCode: t('common:errors.required') });
    await submit(async () => {
      setAnswer(await apiRequest<Answer>(`/api/v1/public/complaints/${encodeURIComponent(normalised)}/access-key-requests`, { method: 'POST' }));
    });
  };

  return (
    <div>
      <h1>{t('newKey.heading')}</h1>
      <p className="lead">{t('newKey.lead')}</p>
      {answer ? (
        <div className="notice" role="status" data-testid="new-key-answer">
          <p>{i18n.language === 'th' ? answer.messageTh : answer.message}</p>
        </div>
      ) : null}
      <ErrorSummary message={failure.message} errors={failure.fields} labels={{ trackingCode: t('track.code') }} />
      <form onSubmit={(event) => void send(event)} noValidate className="narrow-form">
        <Field label={t('track.code')} hint={t('track.codeHint')} error={failure.fields.trackingCode} required name="trackingCode">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" autoCapitalize="characters" autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} value={code} onChange={(event) => setCode(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={sending}>
          {sending ? t('file.sending') : t('newKey.submit')}
        </button>
      </form>
      {answer ? null : <p>{t('newKey.office')}</p>}
      <p>
        <Link href="/track">{t('newKey.back')}</Link>
      </p>
    </div>
  );
}
