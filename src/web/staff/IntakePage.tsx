/**
 * บันทึกรับเรื่อง: staff record a complaint taken by phone, at the counter, by post or from a
 * suggestion box — the channel, when it was received (Bangkok time), the shared complaint
 * fields — and end on the printable receipt handed to the citizen. Where the officer's agency
 * lists its channels, the officer names the one that took the complaint in ("โทรศัพท์ 0 5662
 * 2353", not the 1111 hotline); choosing it sets the kind of channel.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CHANNELS, type Channel } from '../../shared/case-model.ts';
import { useUploadLimits } from '../api/reference.ts';
import { fetchAgencyChannels, type AgencyChannel } from '../api/channels.ts';
import { useSession } from '../api/session.tsx';
import { recordIntake } from '../api/staff.ts';
import type { Receipt as ReceiptResponse } from '../api/types.ts';
import { fieldLabels } from '../citizen/FilePage.tsx';
import { checkComplaint, complaintBody, EMPTY_COMPLAINT, type ComplaintFormValues } from '../citizen/complaint-form.ts';
import { ComplaintFields } from '../components/ComplaintFields.tsx';
import { ErrorSummary, Field } from '../components/form.tsx';
import { Receipt } from '../components/Receipt.tsx';
import { useProblemText, useSubmission } from '../components/use-form-errors.ts';
import { checkReceivedAt, receivedAtInstant } from './intake-time.ts';
import { DateField } from '../components/DateField.tsx';
import { parseTimeInput } from '../components/date-input.ts';
import { ChannelOptions } from './options.tsx';

/** Channels staff record by hand; web, app and partner cases arrive by themselves. */
export const INTAKE_CHANNELS: readonly Channel[] = CHANNELS.filter((channel) => channel !== 'web' && channel !== 'mobile_app' && channel !== 'partner' && channel !== 'open311_app');

export function IntakePage() {
  const { t } = useTranslation(['staff', 'common']);
  const [receipt, setReceipt] = useState<{ receipt: ReceiptResponse; channel: Channel } | null>(null);
  if (receipt) return <IntakeReceipt receipt={receipt.receipt} channel={receipt.channel} onAnother={() => setReceipt(null)} />;
  return (
    <div>
      <h1>{t('intake.heading')}</h1>
      <p className="lead">{t('intake.lead')}</p>
      <IntakeForm onRecorded={(answer, channel) => setReceipt({ receipt: answer, channel })} />
    </div>
  );
}

function IntakeForm({ onRecorded }: { onRecorded: (receipt: ReceiptResponse, channel: Channel) => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const problemText = useProblemText();
  const uploadLimits = useUploadLimits();
  const [channel, setChannel] = useState<Channel>('hotline');
  const agencyChannels = useIntakeChannels();
  const [agencyChannelId, setAgencyChannelId] = useState('');
  const chooseChannel = (kind: Channel) => {
    setChannel(kind);
    // The agency's channel named must be of the kind chosen.
    if (agencyChannels.find((item) => item.id === agencyChannelId)?.kind !== kind) setAgencyChannelId('');
  };
  const chooseAgencyChannel = (id: string) => {
    setAgencyChannelId(id);
    const chosen = agencyChannels.find((item) => item.id === id);
    if (chosen) setChannel(chosen.kind);
  };
  // When it was received, as a date (Buddhist era in Thai) and a time; both empty means now.
  const [receivedDate, setReceivedDate] = useState('');
  const [receivedTime, setReceivedTime] = useState('');
  const time = parseTimeInput(receivedTime);
  // '' when both are empty (received now). A time that is not one is the time field's problem
  // alone: the date is then checked as if at midnight (missing, not a date, in the future).
  const receivedAt = receivedDate || receivedTime.trim() ? `${receivedDate}T${time ?? '00:00'}` : '';
  const [values, setValues] = useState<ComplaintFormValues>(EMPTY_COMPLAINT);
  const [files, setFiles] = useState<File[]>([]);
  const { sending, failure, fail, submit: send } = useSubmission();
  const errors = failure.fields;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = problemText(checkComplaint(values, files, uploadLimits));
    const timeProblem = checkReceivedAt(receivedAt, new Date());
    if (timeProblem) problems.receivedAt = t(timeProblem);
    if (time === undefined) problems.receivedTime = t('intake.invalidTime');
    if (Object.keys(problems).length > 0) return fail(problems, t('common:errors.fixFields'));
    await send(async () => {
      const instant = receivedAtInstant(receivedAt);
      const answer = await recordIntake({ ...complaintBody(values), channel, ...(agencyChannelId ? { agencyChannelId } : {}), ...(instant ? { receivedAt: instant } : {}) }, files);
      onRecorded(answer, channel);
    });
  };

  const labels = {
    ...fieldLabels(t as (key: never) => string),
    channel: t('intake.channel'),
    agencyChannelId: t('intake.agencyChannel'),
    receivedAt: t('intake.receivedAt'),
    receivedTime: t('intake.receivedTime'),
  };

  return (
    <>
      <ErrorSummary message={failure.message} errors={errors} labels={labels} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="form-section">
          <legend>{t('intake.howLegend')}</legend>
          <div className="field-row field-row--controls">
            <Field label={t('intake.channel')} error={errors.channel} required name="channel">
              {({ id, describedBy, invalid }) => (
                <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={channel} onChange={(event) => chooseChannel(event.target.value as Channel)}>
                  <ChannelOptions channels={INTAKE_CHANNELS} />
                </select>
              )}
            </Field>
            {agencyChannels.length > 0 ? (
              <Field label={t('intake.agencyChannel')} hint={t('intake.agencyChannelHint')} error={errors.agencyChannelId} name="agencyChannelId">
                {({ id, describedBy, invalid }) => (
                  <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={agencyChannelId} onChange={(event) => chooseAgencyChannel(event.target.value)}>
                    <option value="">{t('intake.agencyChannelNone')}</option>
                    {agencyChannels.map((item) => (
                      <option key={item.id} value={item.id} lang="th">
                        {item.labelTh}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
            <DateField label={t('intake.receivedAt')} hint={t('intake.receivedAtHint')} error={errors.receivedAt} name="receivedAt" value={receivedDate} onChange={setReceivedDate} />
            <Field label={t('intake.receivedTime')} hint={t('intake.receivedTimeHint')} error={errors.receivedTime} name="receivedTime">
              {({ id, describedBy, invalid }) => (
                <input id={id} type="text" inputMode="decimal" autoComplete="off" maxLength={10} className="time-input" aria-describedby={describedBy} aria-invalid={invalid} value={receivedTime} onChange={(event) => setReceivedTime(event.target.value)} />
              )}
            </Field>
          </div>
        </fieldset>
        <ComplaintFields values={values} setValues={setValues} files={files} setFiles={setFiles} errors={errors} uploadLimits={uploadLimits} staffIntake />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('intake.sending') : t('intake.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

/** The active channels of the officer's agency that staff record by hand; none while loading or if they cannot be read. */
function useIntakeChannels(): AgencyChannel[] {
  const { user } = useSession();
  const code = user?.agency.code;
  const [channels, setChannels] = useState<AgencyChannel[]>([]);
  useEffect(() => {
    if (!code) return;
    const controller = new AbortController();
    fetchAgencyChannels(code, { activeOnly: true, signal: controller.signal }).then(
      (list) => setChannels(list.items.filter((item) => INTAKE_CHANNELS.includes(item.kind))),
      () => undefined,
    );
    return () => controller.abort();
  }, [code]);
  return channels;
}

function IntakeReceipt({ receipt, channel, onAnother }: { receipt: ReceiptResponse; channel: Channel; onAnother: () => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <div className="intake-receipt">
      <h1 ref={headingRef} tabIndex={-1} className="no-print">
        {t('intake.receiptTitle')}
      </h1>
      <p className="lead no-print" role="status">
        {t('intake.receiptLead')}
      </p>
      <Receipt receipt={receipt} channelLabel={t(`common:channel.${channel}`)} />
      <div className="button-row no-print">
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('intake.print')}
        </button>
        <button type="button" className="button button--secondary" onClick={onAnother}>
          {t('intake.another')}
        </button>
        {receipt.id ? (
          <Link href={`/cases/${receipt.id}`} className="button button--ghost">
            {t('intake.openCase')}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
