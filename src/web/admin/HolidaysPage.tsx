/**
 * วันหยุดราชการ: the holiday calendar of a year (dates in the Buddhist era in Thai), national
 * or as an agency sees it; adding a day off (national for system administrators, local to an
 * agency and those below it) and removing one.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { maxLengthOf } from '../../shared/api/fields.ts';
import { HolidayNameSchema, THAI_LETTER } from '../../shared/api/sla.ts';

const NAME_MAX = maxLengthOf(HolidayNameSchema);
import { addHoliday, deleteHoliday, listHolidays, type Holiday } from '../api/admin.ts';
import { useSession } from '../api/session.tsx';
import { formatDate } from '../components/dates.ts';
import { localName } from '../components/names.ts';
import { DateField } from '../components/DateField.tsx';
import { BUDDHIST_ERA_OFFSET, isIsoDate } from '../components/date-input.ts';
import { SelectField, TextField } from '../components/form.tsx';
import { AgencyPicker, type AgencyRef } from '../components/AgencyPicker.tsx';
import { FormPanel, useAdminForm } from './forms.tsx';
import { AddButton, DataTable, FilterBar, ListStates, Notices, RowActions, useAdminPage, withoutItem } from './lists.tsx';
import { PageHeading, useLoad } from './ui.tsx';

function bangkokYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric' }).format(new Date()));
}

function weekday(date: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { weekday: 'long', timeZone: 'Asia/Bangkok' }).format(new Date(`${date}T12:00:00+07:00`));
}

export function HolidaysPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const { user } = useSession();
  const page = useAdminPage<never>();
  const thisYear = bangkokYear();
  const [year, setYear] = useState(thisYear);
  const [mode, setMode] = useState<'national' | 'agency'>('national');
  const [draftAgency, setDraftAgency] = useState<AgencyRef | null>(null);
  const [calendarAgency, setCalendarAgency] = useState<AgencyRef | null>(null);
  const [calendarError, setCalendarError] = useState<string>();
  const list = useLoad((signal) => listHolidays({ year, agencyCode: calendarAgency?.code }, signal), [year, calendarAgency?.code]);

  const years: number[] = [];
  for (let value = thisYear - 3; value <= thisYear + 5; value += 1) years.push(value);
  if (!years.includes(year)) years.push(year);
  years.sort((a, b) => a - b);
  const yearLabel = (value: number) => t('holidays.yearOption', { be: value + BUDDHIST_ERA_OFFSET, ce: value });
  const shownYear = i18n.language === 'th' ? `พ.ศ. ${year + BUDDHIST_ERA_OFFSET}` : String(year);

  const showCalendar = () => {
    if (mode === 'agency' && !draftAgency) {
      setCalendarError(t('common:errors.required'));
      return;
    }
    setCalendarError(undefined);
    setCalendarAgency(mode === 'agency' ? draftAgency : null);
  };

  return (
    <>
      <PageHeading title={t('holidays.heading')} lead={t('holidays.lead')} />
      <Notices status={page.status} actionError={page.actionError} />

      {page.panel ? (
        <AddHolidayForm
          defaultAgency={user?.administersEveryAgency ? null : user ? { code: user.agency.code, nameTh: user.agency.nameTh, nameEn: user.agency.nameEn } : null}
          nationalAllowed={user?.administersEveryAgency === true}
          onCancel={() => page.close()}
          onAdded={(holiday) => {
            page.close(t('holidays.addedMessage', { name: holiday.name, date: formatDate(holiday.date, i18n.language) }));
            const addedYear = Number(holiday.date.slice(0, 4));
            if (addedYear !== year) setYear(addedYear);
            else list.reload();
          }}
        />
      ) : (
        <AddButton label={t('holidays.add')} onClick={page.openCreate} />
      )}

      <FilterBar legend={t('holidays.calendar')} onApply={showCalendar} applyLabel={t('holidays.show')}>
        <div className="field-row">
          <SelectField label={t('holidays.year')} name="year" options={years.map((value) => ({ value: String(value), label: yearLabel(value) }))} value={String(year)} onChange={(value) => setYear(Number(value))} />
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
      </FilterBar>

      <ListStates list={list} empty={t('states.empty')}>
        {(holidays) => (
          <DataTable
            label={t('holidays.tableCaption', { year: shownYear, count: holidays.length })}
            caption={
              <>
                {t('holidays.tableCaption', { year: shownYear, count: holidays.length })}
                {calendarAgency ? ` — ${localName(calendarAgency, i18n.language)}` : ` — ${t('holidays.national')}`}
              </>
            }
            columns={[t('holidays.date'), t('holidays.weekday'), t('holidays.name'), t('holidays.scope'), t('words.actions')]}
          >
            {holidays.map((holiday) => {
              const date = formatDate(holiday.date, i18n.language);
              return (
                <tr key={holiday.id}>
                  <th scope="row">
                    <time dateTime={holiday.date}>{date}</time>
                  </th>
                  <td className="nowrap">{weekday(holiday.date, i18n.language)}</td>
                  <td lang="th">{holiday.name}</td>
                  <td className={holiday.agencyCode ? undefined : 'nowrap'}>{holiday.agencyCode ? t('holidays.localDay', { code: holiday.agencyCode }) : t('holidays.nationalDay')}</td>
                  <td>
                    <RowActions
                      context={t('holidays.rowContext', { name: holiday.name, date })}
                      deleteText={t('holidays.deleteText', { name: holiday.name, date })}
                      onDelete={() => page.remove(() => deleteHoliday(holiday.id), () => list.setData(withoutItem(holiday.id)))}
                    />
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </ListStates>
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
  const { t, i18n } = useTranslation(['admin', 'common']);
  const form = useAdminForm();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'national' | 'local'>(nationalAllowed ? 'national' : 'local');
  const [agency, setAgency] = useState<AgencyRef | null>(defaultAgency);
  const { errors } = form;
  const labels = { date: t('holidays.date'), name: t('holidays.name'), agencyCode: t('holidays.agency') };
  const previewId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!date) problems.date = t('common:errors.required');
    // The field hands over a real date within the API's years, or INVALID_DATE.
    else if (!isIsoDate(date)) problems.date = t('holidays.invalidDate');
    const trimmed = name.trim();
    if (!trimmed) problems.name = t('common:errors.required');
    else if (trimmed.length > NAME_MAX) problems.name = t('common:errors.tooLong', { max: NAME_MAX });
    else if (!THAI_LETTER.test(trimmed)) problems.name = t('fieldErrors.thaiName');
    if (kind === 'local' && !agency) problems.agencyCode = t('common:errors.required');
    if (!form.check(problems)) return;
    await form.send(async () => onAdded(await addHoliday({ date, name: trimmed, agencyCode: kind === 'local' ? agency?.code : undefined })));
  };

  return (
    <FormPanel form={form} headingId="holiday-form-heading" heading={t('holidays.addHeading')} labels={labels} onSubmit={submit} onCancel={onCancel} submitLabel={t('holidays.add')}>
      <div className="field-row">
        <div>
          <DateField label={labels.date} hint={t('holidays.dateHint')} error={errors.date} required name="date" value={date} onChange={setDate} describedBy={previewId} />
          <p id={previewId} className="date-preview" aria-live="polite">
            {isIsoDate(date) ? t('holidays.datePreview', { date: `${weekday(date, i18n.language)} ${formatDate(date, i18n.language)}` }) : ''}
          </p>
        </div>
        <TextField label={labels.name} hint={t('holidays.nameHint')} error={errors.name} required name="name" type="text" lang="th" maxLength={NAME_MAX} value={name} onChange={setName} />
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
    </FormPanel>
  );
}
