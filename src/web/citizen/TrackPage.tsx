/**
 * ติดตามเรื่อง: the citizen follows a case with its tracking code and access key — status,
 * due date in the Buddhist era and why, the public timeline, adding information, and rating
 * (confirming or reopening) once it is resolved.
 */
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { CitizenMessageSchema, FeedbackSchema } from '../../shared/api/complaints.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';
import { FINAL_STATUSES } from '../../shared/case-model.ts';
import { apiBlob, apiRequest, ApiError } from '../api/client.ts';
import { useUploadLimits } from '../api/reference.ts';
import type { PublicCase } from '../api/types.ts';
import { formatBytes, formatDate, formatDateTime } from '../components/dates.ts';
import { Explanation } from '../components/Explanation.tsx';
import { FileField, fileLabels } from '../components/FileField.tsx';
import { ErrorSummary, Field } from '../components/form.tsx';
import { Loading } from '../components/Layout.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useApiErrorText, useProblemText, useSubmission } from '../components/use-form-errors.ts';
import { checkFiles, megabytes, problemsOf } from './complaint-form.ts';
import { FinishVisit } from './FinishVisit.tsx';
import { normaliseTrackingCode, recallKey, rememberKey } from './visit.ts';

/** The longest message the API takes. */
const MESSAGE_MAX = maxLengthOf(CitizenMessageSchema.shape.message);

type CitizenAttachment = PublicCase['attachments'][number];


function keyFromHash(): string | null {
  const match = /(?:^#|&)key=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** /track: the form asking for the tracking code and the access key. */
export function TrackLookupPage({ initialCode = '', failed, onKey }: { initialCode?: string; failed?: string; onKey?: (code: string, key: string) => void }) {
  const { t } = useTranslation(['citizen', 'common']);
  const [, navigate] = useLocation();
  const [code, setCode] = useState(initialCode);
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!code.trim()) problems.trackingCode = t('common:errors.required');
    if (!key.trim()) problems.accessKey = t('common:errors.required');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const normalised = normaliseTrackingCode(code);
    const typedKey = key.trim().toUpperCase();
    rememberKey(normalised, typedKey);
    // On the case's own page a new key reloads it; from /track (or for another code) it opens the case.
    if (onKey && normalised === normaliseTrackingCode(initialCode)) onKey(normalised, typedKey);
    else navigate(`/track/${encodeURIComponent(normalised)}`);
  };

  return (
    <div>
      <h1>{t('track.heading')}</h1>
      <p className="lead">{t('track.lead')}</p>
      <ErrorSummary message={failed} errors={errors} labels={{ trackingCode: t('track.code'), accessKey: t('track.key') }} />
      <form onSubmit={submit} noValidate className="narrow-form">
        <Field label={t('track.code')} hint={t('track.codeHint')} error={errors.trackingCode} required name="trackingCode">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" autoCapitalize="characters" autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} value={code} onChange={(event) => setCode(event.target.value)} />
          )}
        </Field>
        <Field label={t('track.key')} hint={t('track.keyHint')} error={errors.accessKey} required name="accessKey">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" autoCapitalize="characters" autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} value={key} onChange={(event) => setKey(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button--primary">
          {t('track.open')}
        </button>
      </form>
      <p>
        <Link href={`/track/new-key${code.trim() ? `?code=${encodeURIComponent(normaliseTrackingCode(code))}` : ''}`}>{t('newKey.link')}</Link>
      </p>
    </div>
  );
}

/** /track/:code — the case itself. */
export function TrackPage({ code }: { code: string }) {
  const { t } = useTranslation(['citizen', 'common']);
  const [key, setKey] = useState(() => {
    const fromHash = keyFromHash();
    if (fromHash) {
      rememberKey(code, fromHash);
      // The key leaves the address bar (and the browser history) once it is read.
      window.history.replaceState(null, '', window.location.pathname);
    }
    return fromHash ?? recallKey(code);
  });
  const [data, setData] = useState<PublicCase>();
  const [failure, setFailure] = useState<string>();
  const apiErrorText = useApiErrorText();

  const load = useCallback(async () => {
    if (!key) return;
    try {
      setData(await apiRequest<PublicCase>(`/api/v1/public/complaints/${encodeURIComponent(code)}`, { headers: { 'x-access-key': key } }));
      setFailure(undefined);
    } catch (error) {
      setFailure(error instanceof ApiError && error.status === 404 ? t('track.notFound') : apiErrorText(error).message);
    }
  }, [code, key, t, apiErrorText]);

  // Loads once per case, key and attempt; `load` is also handed down to reload after a change.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    void load();
  }, [load, attempt]);

  const retry = (_code: string, typed: string) => {
    setFailure(undefined);
    setData(undefined);
    setKey(typed);
    setAttempt((previous) => previous + 1);
  };
  if (!key) return <TrackLookupPage initialCode={code} onKey={retry} />;
  if (failure && !data) return <TrackLookupPage key={failure} initialCode={code} failed={failure} onKey={retry} />;
  if (!data) return <Loading />;
  return <CaseView data={data} accessKey={key} onChanged={load} />;
}

function CaseView({ data, accessKey, onChanged }: { data: PublicCase; accessKey: string; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation(['citizen', 'common']);
  const agencyName = (agency: { name: string; nameEn: string }) => (i18n.language === 'th' ? agency.name : agency.nameEn);
  const attachments = data.attachments;
  const final = FINAL_STATUSES.includes(data.status);
  const windowEnded = data.confirmation !== null && !data.confirmation.open;
  const windowEnd = (window: NonNullable<PublicCase['confirmation']>) => (i18n.language === 'th' ? window.untilBuddhist : formatDate(window.until, 'en'));
  return (
    <div className="track">
      <h1>
        {t('track.caseHeading')} <span className="mono">{data.trackingCode}</span>
      </h1>
      <section className="card" aria-labelledby="track-status">
        <h2 id="track-status">{t('track.status')}</h2>
        <p className="status-line" data-testid="case-status">
          <StatusBadge status={data.status} />
        </p>
        <dl className="facts">
          <dt>{t('track.agency')}</dt>
          <dd>{agencyName(data.agency)}</dd>
          <dt>{t('track.receivedAt')}</dt>
          <dd>{formatDateTime(data.receivedAt, i18n.language)}</dd>
          <dt>{t('track.dueDate')}</dt>
          <dd data-testid="due-date">{i18n.language === 'th' ? data.dueDateBuddhist : formatDate(data.dueDate, 'en')}</dd>
        </dl>
        <Explanation summary={t('track.whyDueDate')} lines={data.dueDateExplanation} />
      </section>

      {/* ระยะยืนยันผล, next to the status: the one thing the citizen is asked to do now. The answers
          are offered only while the server says the window is open. */}
      {data.confirmation?.open ? <FeedbackForm trackingCode={data.trackingCode} accessKey={accessKey} until={windowEnd(data.confirmation)} onDone={onChanged} /> : null}
      {data.confirmation && windowEnded ? (
        <section className="card" aria-labelledby="track-window-ended" data-testid="confirmation-ended">
          <h2 id="track-window-ended">{t('feedback.endedHeading')}</h2>
          <p>{t('feedback.ended', { date: windowEnd(data.confirmation) })}</p>
          <p>
            <Link href="/file" className="button button--secondary">
              {t('feedback.fileAgain')}
            </Link>
          </p>
        </section>
      ) : null}

      {data.survivingCase ? (
        <section className="card" aria-labelledby="track-merged">
          <h2 id="track-merged">{t('track.mergedHeading')}</h2>
          <p>{t('track.mergedText')}</p>
          <p>
            <StatusBadge status={data.survivingCase.status} /> · {agencyName(data.survivingCase.agency)} · {t('track.dueDate')}{' '}
            {i18n.language === 'th' ? data.survivingCase.dueDateBuddhist : formatDate(data.survivingCase.dueDate, 'en')}
          </p>
          {data.survivingCase.confirmation ? <p data-testid="merged-closing">{t('track.mergedClosing', { date: windowEnd(data.survivingCase.confirmation) })}</p> : null}
          <PublicTimeline entries={data.survivingCase.timeline} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="track-timeline">
        <h2 id="track-timeline">{t('track.timeline')}</h2>
        <PublicTimeline
          entries={data.timeline}
          files={(ids) => {
            const shown = attachments.filter((attachment) => ids.includes(attachment.id));
            return shown.map((attachment) => <AttachmentLink key={attachment.id} trackingCode={data.trackingCode} accessKey={accessKey} attachment={attachment} />);
          }}
        />
      </section>

      {attachments.length > 0 ? (
        <section className="card" aria-labelledby="track-files">
          <h2 id="track-files">{t('track.files')}</h2>
          <ul className="file-list">
            {attachments.map((attachment) => (
              <li key={attachment.id}>
                <AttachmentLink trackingCode={data.trackingCode} accessKey={accessKey} attachment={attachment} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {/* Nothing more to add once the window has ended: the case closes, a new problem is a new complaint. */}
      {!final && !windowEnded ? <AddInformationForm trackingCode={data.trackingCode} accessKey={accessKey} awaitingInfo={data.status === 'awaiting_info'} onDone={onChanged} /> : null}
      <FinishVisit />
    </div>
  );
}


/** What the citizen did: a partner system named on it passed it on, it did not do it. */
const CITIZEN_EVENTS: ReadonlySet<string> = new Set(['rated', 'info_received', 'citizen_message', 'reopened']);

/**
 * The public timeline; `files` renders the files of an entry (a reply's, a request's, the
 * citizen's own). What another agency's complaint system did names that system.
 */
export function PublicTimeline({ entries, files }: { entries: PublicCase['timeline']; files?: (attachmentIds: readonly string[]) => ReactNode }) {
  const { t, i18n } = useTranslation(['common', 'citizen']);
  if (entries.length === 0) return <p className="muted">{t('states.empty')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {[...entries].reverse().map((entry, index) => (
        <li key={`${entry.at}-${index}`} className={`timeline__item timeline__item--${entry.type}`}>
          <p className="timeline__meta">
            <strong>{t(`event.${entry.type}`, { defaultValue: t('event.other') })}</strong> ·{' '}
            <time dateTime={entry.at} className="nowrap">
              {formatDateTime(entry.at, i18n.language)}
            </time>
          </p>
          {entry.partner ? (
            <p className="timeline__partner" data-testid="timeline-partner">
              {t(CITIZEN_EVENTS.has(entry.type) ? 'citizen:track.viaPartner' : 'citizen:track.byPartner', { name: entry.partner.name })}
            </p>
          ) : null}
          {/* Text from people is shown as text: React escapes it, nothing is parsed as HTML. */}
          {entry.message ? <p className="timeline__message">{entry.message}</p> : null}
          {files && entry.attachmentIds?.length ? (
            <p className="timeline__files">
              {t('citizen:track.entryFiles')} {files(entry.attachmentIds)}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function AttachmentLink({ trackingCode, accessKey, attachment }: { trackingCode: string; accessKey: string; attachment: CitizenAttachment }) {
  const { t } = useTranslation(['citizen', 'common']);
  const [failed, setFailed] = useState(false);
  const open = async () => {
    try {
      const blob = await apiBlob(`/api/v1/public/complaints/${encodeURIComponent(trackingCode)}/attachments/${attachment.id}`, { 'x-access-key': accessKey });
      // A download link clicked at once: no pop-up for a blocker to stop, and the file is saved, not run.
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setFailed(true);
    }
  };
  return (
    <>
      <button type="button" className="button button--link" onClick={() => void open()}>
        {attachment.fileName}
      </button>{' '}
      <span className="muted">
        (<span className="nowrap">{formatBytes(attachment.sizeBytes)}</span>
        {attachment.uploadedBy === 'staff' ? ` · ${t('track.fromStaff')}` : ''})
      </span>
      {failed ? <span className="field__error"> {t('track.fileFailed')}</span> : null}
    </>
  );
}

function AddInformationForm({ trackingCode, accessKey, awaitingInfo, onDone }: { trackingCode: string; accessKey: string; awaitingInfo: boolean; onDone: () => Promise<void> }) {
  const { t } = useTranslation(['citizen', 'common']);
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  const { sending, failure: error, fail, submit: send } = useSubmission();
  const problemText = useProblemText();
  const uploadLimits = useUploadLimits();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { message: message.trim() };
    const problems = problemText({ ...problemsOf(CitizenMessageSchema.safeParse(body).error?.issues ?? [], body), ...checkFiles(files, uploadLimits) });
    if (Object.keys(problems).length > 0) return fail(problems);
    await send(async () => {
      await apiRequest(`/api/v1/public/complaints/${encodeURIComponent(trackingCode)}/messages`, { body, files, headers: { 'x-access-key': accessKey } });
      setMessage('');
      setFiles([]);
      setSent(true);
      await onDone();
    });
  };

  return (
    <section className="card" aria-labelledby="track-add">
      <h2 id="track-add">{awaitingInfo ? t('track.infoRequested') : t('track.addInfo')}</h2>
      {sent ? (
        <p role="status" className="success">
          {t('track.infoSent')}
        </p>
      ) : null}
      <ErrorSummary message={error.message} errors={error.fields} labels={{ message: t('track.message'), ...fileLabels(t('file.files'), files.length) }} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('track.message')} error={error.fields.message} required name="message">
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={4} maxLength={MESSAGE_MAX} aria-describedby={describedBy} aria-invalid={invalid} value={message} onChange={(event) => setMessage(event.target.value)} />
          )}
        </Field>
        <FileField label={t('file.files')} hint={uploadLimits ? t('file.filesHint', { max: uploadLimits.maxFiles, size: megabytes(uploadLimits.maxFileBytes) }) : t('file.filesTypesHint')} files={files} setFiles={setFiles} errors={error.fields} />
        <button type="submit" className="button button--primary" disabled={sending}>
          {sending ? t('file.sending') : t('track.send')}
        </button>
      </form>
    </section>
  );
}

function FeedbackForm({ trackingCode, accessKey, until, onDone }: { trackingCode: string; accessKey: string; until: string; onDone: () => Promise<void> }) {
  const { t } = useTranslation(['citizen', 'common']);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const { sending, failure: error, fail, submit } = useSubmission();

  const send = async (reopen: boolean) => {
    if (rating < 1) return fail({ rating: t('feedback.chooseRating') });
    if (reopen && !comment.trim()) return fail({ comment: t('feedback.reopenNeedsReason') });
    await submit(async () => {
      await apiRequest(`/api/v1/public/complaints/${encodeURIComponent(trackingCode)}/feedback`, {
        body: { rating, reopen, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        headers: { 'x-access-key': accessKey },
      });
      await onDone();
    });
  };

  return (
    <section className="card card--highlight" aria-labelledby="track-feedback">
      <h2 id="track-feedback">{t('feedback.heading')}</h2>
      <p>{t('feedback.lead')}</p>
      <p data-testid="confirmation-until">
        <strong>{t('feedback.until', { date: until })}</strong>
      </p>
      <ErrorSummary message={error.message} errors={error.fields} labels={{ rating: t('feedback.rating'), comment: t('feedback.comment') }} />
      <form onSubmit={(event) => event.preventDefault()} noValidate>
        <fieldset className="rating" data-field="rating" aria-describedby={error.fields.rating ? 'rating-error' : undefined}>
          <legend>{t('feedback.rating')}</legend>
          {error.fields.rating ? (
            <p id="rating-error" className="field__error">
              {error.fields.rating}
            </p>
          ) : null}
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value} className="rating__option">
              <input type="radio" name="rating" value={value} checked={rating === value} onChange={() => setRating(value)} />
              <span>{t(`feedback.score${value}` as 'feedback.score1')}</span>
            </label>
          ))}
        </fieldset>
        <Field label={t('feedback.comment')} hint={t('feedback.commentHint')} error={error.fields.comment} name="comment">
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={3} maxLength={maxLengthOf(FeedbackSchema.shape.comment)} aria-describedby={describedBy} aria-invalid={invalid} value={comment} onChange={(event) => setComment(event.target.value)} />
          )}
        </Field>
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={sending} onClick={() => void send(false)}>
            {t('feedback.accept')}
          </button>
          <button type="button" className="button button--secondary" disabled={sending} onClick={() => void send(true)}>
            {t('feedback.reopen')}
          </button>
        </div>
      </form>
    </section>
  );
}
