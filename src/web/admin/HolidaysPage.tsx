/**
 * วันหยุดราชการ: the holiday calendar of a year (dates in the Buddhist era in Thai), national
 * or as an agency sees it; adding a day off (national for system administrators, local to an
 * agency and those below it) and removing one.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addHoliday, deleteHoliday, listHolidays, THAI_LETTER, type Holiday } from '../api/admin.ts';
import { useSession } from '../api/session.tsx';
import { formatDate } from '../components/dates.ts';
import { ErrorSummary, Field } from '../components/form.tsx';
import { Loading } from '../components/Layout.tsx';
import { AgencyPicker, type AgencyRef } from './AgencyPicker.tsx';
import { ConfirmButton, LoadError, PageHeading, StatusMessage, TableScroll, useAdminErrorText, useLoad } from './ui.tsx';

const BUDDHIST_ERA_OFFSET = 543;

function bangkokYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric' }).format(new Date()));
}

/** A real calendar date written YYYY-MM-DD within the API's years. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (year < 1900 || year > 2200) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function weekday(date: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { weekday: 'long', timeZone: 'Asia/Bangkok' }).format(new Date(`${date}T12:00:00+07:00`));
}

export function HolidaysPage() {
  const { t, i18n } = useTranslation('admin');
  const { user } = useSession();
  const errorText = useAdminErrorText();
  const thisYear = bangkokYear();
  const [year, setYear] = useState(thisYear);
  const [mode, setMode] = useState<'national' | 'agency'>('national');
  const [draftAgency, setDraftAgency] = useState<AgencyRef | null>(null);
  const [calendarAgency, setCalendarAgency] = useState<AgencyRef | null>(null);
  const [calendarError, setCalendarError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [adding, setAdding] = useState(false);
  const list = useLoad((signal) => listHolidays({ year, agencyCode: calendarAgency?.code }, signal), [year, calendarAgency?.code]);

  const years: number[] = [];
  for (let value = thisYear - 3; value <= thisYear + 5; value += 1) years.push(value);
  if (!years.includes(year)) years.push(year);
  years.sort((a, b) => a - b);
  const yearLabel = (value: number) => t('holidays.yearOption', { be: value + BUDDHIST_ERA_OFFSET, ce: value });
  const shownYear = i18n.language === 'th' ? `พ.ศ. ${year + BUDDHIST_ERA_OFFSET}` : String(year);

  const showCalendar = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'agency' && !draftAgency) {
      setCalendarError(t('common:errors.required'));
      return;
    }
    setCalendarError(undefined);
    setCalendarAgency(mode === 'agency' ? draftAgency : null);
  };

  const remove = async (holiday: Holiday) => {
    setStatus(undefined);
    setActionError(undefined);
    try {
      await deleteHoliday(holiday.id);
      list.setData((current) => current && { ...current, items: current.items.filter((item) => item.id !== holiday.id) });
      setStatus(t('states.deleted'));
    } catch (error) {
      setActionError(errorText(error).message);
    }
  };

  return (
    <>
      <PageHeading title={t('holidays.heading')}>{t('holidays.heading')}</PageHeading>
      <p className="lead">{t('holidays.lead')}</p>
      <StatusMessage text={status} />
      <ErrorSummary message={actionError} />

      {adding ? (
        <AddHolidayForm
          defaultAgency={user?.role === 'system_admin' ? null : user ? { code: user.agency.code, nameTh: user.agency.nameTh, nameEn: user.agency.nameEn } : null}
          nationalAllowed={user?.role === 'system_admin'}
          onCancel={() => setAdding(false)}
          onAdded={(holiday) => {
            setAdding(false);
            setStatus(t('holidays.addedMessage', { name: holiday.name, date: formatDate(holiday.date, i18n.language) }));
            const addedYear = Number(holiday.date.slice(0, 4));
            if (addedYear !== year) setYear(addedYear);
            else list.reload();
          }}
        />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setStatus(undefined);
              setAdding(true);
            }}
          >
            {t('holidays.add')}
          </button>
        </div>
      )}

      <form className="admin-filters" onSubmit={showCalendar} noValidate aria-label={t('holidays.calendar')}>
        <fieldset className="form-section">
          <legend>{t('holidays.calendar')}</legend>
          <div className="field-row">
            <Field label={t('holidays.year')} name="year">
              {({ id }) => (
                <select id={id} value={year} onChange={(event) => setYear(Number(event.target.value))}>
                  {years.map((value) => (
                    <option key={value} value={value}>
                      {yearLabel(value)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <fieldset className="radio-group">
              <legend className="field__label">{t('holidays.calendar')}</legend>
              <label className="check">
                <input type="radio" name="calendar-mode" value="national" checked={mode === 'national'} onChange={() => setMode('national')} />
                <span>{t('holidays.national')}</span>
              </label>
              <label className="check">
                <input type="radio" name="calendar-mode" value="agency" checked={mode === 'agency'} onChange={() => setMode('agency')} />
                <span>{t('holidays.ofAgency')}</span>
              </label>
            </fieldset>
          </div>
          {mode === 'agency' ? (
            <AgencyPicker label={t('holidays.agency')} name="calendarAgency" value={draftAgency} onChange={setDraftAgency} error={calendarError} hint={t('holidays.ofAgencyHint')} required />
          ) : null}
          <div className="button-row">
            <button type="submit" className="button button--primary">
              {t('holidays.show')}
            </button>
          </div>
        </fieldset>
      </form>

      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data || list.data.items.length === 0 ? (
        <p className="admin-empty">{t('states.empty')}</p>
      ) : (
        <TableScroll label={t('holidays.tableCaption', { year: shownYear, count: list.data.items.length })}>
          <table className="data">
            <caption>
              {t('holidays.tableCaption', { year: shownYear, count: list.data.items.length })}
              {calendarAgency ? ` — ${calendarAgency.code}` : ` — ${t('holidays.national')}`}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('holidays.date')}</th>
                <th scope="col">{t('holidays.weekday')}</th>
                <th scope="col">{t('holidays.name')}</th>
                <th scope="col">{t('holidays.scope')}</th>
                <th scope="col">{t('words.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((holiday) => {
                const date = formatDate(holiday.date, i18n.language);
                return (
                  <tr key={holiday.id}>
                    <th scope="row">
                      <time dateTime={holiday.date}>{date}</time>
                    </th>
                    <td>{weekday(holiday.date, i18n.language)}</td>
                    <td lang="th">{holiday.name}</td>
                    <td>{holiday.agencyCode ? t('holidays.localDay', { code: holiday.agencyCode }) : t('holidays.nationalDay')}</td>
                    <td>
                      <ConfirmButton
                        label={t('common:actions.delete')}
                        context={t('holidays.rowContext', { name: holiday.name, date })}
                        text={t('holidays.deleteText', { name: holiday.name, date })}
                        onConfirm={() => remove(holiday)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

interface AddHolidayFormProps {
  defaultAgency: AgencyRef | null;
  nationalAllowed: boolean;
  onAdded: (holiday: Holiday) => void;
  onCancel: () => void;
}

function AddHolidayForm({ defaultAgency, nationalAllowed, onAdded, onCancel }: AddHolidayFormProps) {
  const { t, i18n } = useTranslation('admin');
  const errorText = useAdminErrorText();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'national' | 'local'>(nationalAllowed ? 'national' : 'local');
  const [agency, setAgency] = useState<AgencyRef | null>(defaultAgency);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const labels = { date: t('holidays.date'), name: t('holidays.name'), agencyCode: t('holidays.agency') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!date) problems.date = t('common:errors.required');
    else if (!isCalendarDate(date)) problems.date = t('holidays.invalidDate');
    const trimmed = name.trim();
    if (!trimmed) problems.name = t('common:errors.required');
    else if (trimmed.length > 200) problems.name = t('common:errors.tooLong', { max: 200 });
    else if (!THAI_LETTER.test(trimmed)) problems.name = t('fieldErrors.thaiName');
    if (kind === 'local' && !agency) problems.agencyCode = t('common:errors.required');
    setErrors(problems);
    setMessage(undefined);
    if (Object.keys(problems).length > 0) return;
    setSending(true);
    try {
      onAdded(await addHoliday({ date, name: trimmed, agencyCode: kind === 'local' ? agency?.code : undefined }));
    } catch (error) {
      const text = errorText(error);
      setMessage(text.message);
      setErrors(text.fields);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card admin-panel" aria-labelledby="holiday-form-heading">
      <h2 id="holiday-form-heading">{t('holidays.addHeading')}</h2>
      <ErrorSummary message={message} errors={errors} labels={labels} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field-row">
          <Field label={labels.date} hint={t('holidays.dateHint')} error={errors.date} required name="date">
            {({ id, describedBy, invalid }) => (
              <>
                <input id={id} type="date" min="1900-01-01" max="2200-12-31" aria-describedby={[describedBy, `${id}-preview`].filter(Boolean).join(' ')} aria-invalid={invalid} value={date} onChange={(event) => setDate(event.target.value)} />
                <p id={`${id}-preview`} className="date-preview" aria-live="polite">
                  {date && isCalendarDate(date) ? t('holidays.datePreview', { date: `${weekday(date, i18n.language)} ${formatDate(date, i18n.language)}` }) : ''}
                </p>
              </>
            )}
          </Field>
          <Field label={labels.name} hint={t('holidays.nameHint')} error={errors.name} required name="name">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="text" lang="th" maxLength={200} aria-describedby={describedBy} aria-invalid={invalid} value={name} onChange={(event) => setName(event.target.value)} />
            )}
          </Field>
        </div>
        <fieldset className="radio-group">
          <legend className="field__label">{t('holidays.kind')}</legend>
          {nationalAllowed ? (
            <label className="check">
              <input type="radio" name="holiday-kind" value="national" checked={kind === 'national'} onChange={() => setKind('national')} />
              <span>{t('holidays.kindNational')}</span>
            </label>
          ) : null}
          <label className="check">
            <input type="radio" name="holiday-kind" value="local" checked={kind === 'local'} onChange={() => setKind('local')} />
            <span>{t('holidays.kindLocal')}</span>
          </label>
        </fieldset>
        {kind === 'local' ? <AgencyPicker label={labels.agencyCode} name="agencyCode" value={agency} onChange={setAgency} error={errors.agencyCode} required /> : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('common:states.saving') : t('holidays.add')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:actions.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
