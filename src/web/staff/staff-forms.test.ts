/** The staff console's pure form logic: inbox filters ↔ query string, action checks and bodies, intake time. */
import { describe, expect, it } from 'vitest';
import { actionBody, actionFormFor, checkAction, EMPTY_ACTION_VALUES } from './action-forms.ts';
import { OPEN_STATUSES } from '../../shared/case-model.ts';
import { INVALID_DATE } from '../components/date-input.ts';
import { activeFilterCount, checkFilters, hiddenFilterCount, EMPTY_FILTERS, filtersFromSearch, filtersToQuery, listQuery, withSort } from './inbox-query.ts';
import { checkReceivedAt, receivedAtInstant } from './intake-time.ts';

const CASE_ID = '0b7c6f8e-1d2a-4c3b-9e8f-123456789abc';

describe('inbox filters', () => {
  it('round-trips through the query string, leaving out what is not set and the default sort', () => {
    const filters = { ...EMPTY_FILTERS, q: ' ถนน ', status: ['received' as const, 'screening' as const], sla: ['overdue' as const], channel: 'hotline' as const, sort: 'due' as const };
    const query = filtersToQuery(filters);
    expect(query).toEqual({ q: 'ถนน', status: 'received,screening', sla: 'overdue', channel: 'hotline', sort: 'due' });
    expect(filtersFromSearch(query)).toEqual({ ...filters, q: 'ถนน' });
    expect(filtersToQuery(EMPTY_FILTERS)).toEqual({});
  });

  it('drops values the list would refuse instead of sending them', () => {
    expect(filtersFromSearch(new URLSearchParams('status=bogus,closed&sla=late&channel=fax&provinceCode=6&overdue=maybe&from=yesterday&sort=alpha'))).toEqual({ ...EMPTY_FILTERS, status: ['closed'] });
  });

  it('keeps every parameter the list takes, as a saved filter made through the API may hold them', () => {
    const saved = {
      q: 'น้ำท่วม',
      status: 'assigned,in_progress',
      sla: 'due_soon',
      categoryCode: 'road',
      agencyCode: 'bkk-district-01',
      channel: 'web',
      provinceCode: '10',
      overdue: 'true',
      from: '2026-01-01',
      to: '2026-02-01',
      phone: '0812345678',
      nationalId: '1101700203451',
      sort: 'oldest',
    };
    expect(filtersToQuery(filtersFromSearch(saved))).toEqual(saved);
    expect(filtersToQuery(filtersFromSearch({ overdue: 'false' }))).toEqual({ overdue: 'false' });
  });

  it('starts the due order on the open statuses when no status is chosen, and keeps a choice made', () => {
    expect(withSort(EMPTY_FILTERS, 'due')).toEqual({ ...EMPTY_FILTERS, sort: 'due', status: [...OPEN_STATUSES] });
    expect(withSort({ ...EMPTY_FILTERS, status: ['closed'] }, 'due').status).toEqual(['closed']);
    expect(withSort(EMPTY_FILTERS, 'oldest')).toEqual({ ...EMPTY_FILTERS, sort: 'oldest' });
  });

  it('checks the search length and the date order', () => {
    expect(checkFilters({ ...EMPTY_FILTERS, q: 'ก'.repeat(201), agencyCode: 'x'.repeat(65), from: '2026-05-02', to: '2026-05-01' })).toEqual({
      q: { key: 'common:errors.tooLong', values: { max: 200 } },
      agencyCode: { key: 'common:errors.tooLong', values: { max: 64 } },
      to: { key: 'staff:inbox.toBeforeFrom' },
    });
  });

  it('refuses a date field whose text is not a date', () => {
    expect(checkFilters({ ...EMPTY_FILTERS, from: INVALID_DATE, to: '2026-05-01' })).toEqual({ from: { key: 'staff:inbox.invalidDate' } });
  });

  it('counts the filters in use, not the sort order', () => {
    expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...EMPTY_FILTERS, sort: 'due' })).toBe(0);
    expect(activeFilterCount({ ...EMPTY_FILTERS, q: 'ไฟ', status: ['closed', 'rejected'], agencyCode: 'dho-6604', from: '2026-05-01' })).toBe(4);
  });

  it('counts the filters in use behind the button: not the search, the overdue choice nor the sort', () => {
    expect(hiddenFilterCount({ ...EMPTY_FILTERS, q: 'ไฟ', overdue: 'true', sort: 'due' })).toBe(0);
    expect(hiddenFilterCount({ ...EMPTY_FILTERS, q: 'ไฟ', status: ['closed'], agencyCode: 'dho-6604', from: '2026-05-01' })).toBe(3);
    expect(hiddenFilterCount({ ...EMPTY_FILTERS, phone: '0812345678' })).toBe(1);
  });

  it('keeps the sent on / following tab in the address, as a view and not a filter', () => {
    const following = { ...EMPTY_FILTERS, following: true, overdue: 'true' as const };
    expect(filtersToQuery(following)).toEqual({ overdue: 'true', following: 'true' });
    expect(filtersFromSearch(new URLSearchParams('following=true&overdue=true'))).toEqual(following);
    expect(filtersFromSearch(new URLSearchParams('following=yes')).following).toBe(false);
    expect(activeFilterCount(following)).toBe(1);
    expect(hiddenFilterCount(following)).toBe(0);
  });

  it('adds the page size and cursor to the list request', () => {
    expect(listQuery({ ...EMPTY_FILTERS, q: 'ไฟ' }, 'abc', 25).toString()).toBe('q=%E0%B9%84%E0%B8%9F&limit=25&cursor=abc');
  });
});

describe('action forms', () => {
  it('asks for what each action requires, with the schema lengths', () => {
    expect(checkAction('reject', { ...EMPTY_ACTION_VALUES, reason: 'no' }, CASE_ID)).toEqual({ reason: { key: 'common:errors.tooShort', values: { min: 3 } } });
    expect(checkAction('note', EMPTY_ACTION_VALUES, CASE_ID)).toEqual({ message: { key: 'common:errors.required' } });
    expect(checkAction('assign', EMPTY_ACTION_VALUES, CASE_ID)).toEqual({ agencyCode: { key: 'common:errors.required' } });
    expect(checkAction('resolve', { ...EMPTY_ACTION_VALUES, message: 'x'.repeat(5001) }, CASE_ID)).toEqual({
      result: { key: 'common:errors.required' },
      message: { key: 'common:errors.tooLong', values: { max: 5000 } },
    });
    expect(checkAction('accept', EMPTY_ACTION_VALUES, CASE_ID)).toEqual({});
    expect(checkAction('close', EMPTY_ACTION_VALUES, CASE_ID)).toEqual({});
    expect(checkAction('extend', { ...EMPTY_ACTION_VALUES, businessDays: '400', reason: 'งานซับซ้อน' }, CASE_ID)).toEqual({ businessDays: { key: 'staff:actions.errors.days', values: { min: 1, max: 365 } } });
    expect(checkAction('extend', { ...EMPTY_ACTION_VALUES, extendBy: 'date', reason: 'สั้น' }, CASE_ID)).toEqual({
      newDueDate: { key: 'common:errors.required' },
      reason: { key: 'common:errors.tooShort', values: { min: 5 } },
    });
  });

  it('asks for a reason to close only when the server says the citizen may still answer', () => {
    const early = actionFormFor('close', { closeRequiresReason: true });
    expect(checkAction('close', EMPTY_ACTION_VALUES, CASE_ID, early)).toEqual({ reason: { key: 'common:errors.required' } });
    expect(checkAction('close', { ...EMPTY_ACTION_VALUES, reason: 'ok' }, CASE_ID, early)).toEqual({ reason: { key: 'common:errors.tooShort', values: { min: 3 } } });
    expect(checkAction('close', EMPTY_ACTION_VALUES, CASE_ID, actionFormFor('close', { closeRequiresReason: false }))).toEqual({});
    expect(actionBody('close', { ...EMPTY_ACTION_VALUES, reason: ' ผู้ร้องพอใจแล้ว ' })).toEqual({ reason: 'ผู้ร้องพอใจแล้ว' });
    expect(actionFormFor('reply', { closeRequiresReason: true })).toEqual(actionFormFor('reply', { closeRequiresReason: false }));
  });

  it('needs a real other case and a confirmation to merge', () => {
    expect(checkAction('merge', { ...EMPTY_ACTION_VALUES, otherCaseId: 'RT-69-ABC' }, CASE_ID)).toEqual({
      intoCaseId: { key: 'staff:actions.errors.notUuid' },
      confirmed: { key: 'staff:actions.errors.confirm' },
    });
    expect(checkAction('merge', { ...EMPTY_ACTION_VALUES, intoCaseId: CASE_ID, confirmed: true }, CASE_ID)).toEqual({ intoCaseId: { key: 'staff:actions.errors.sameCase' } });
  });

  it('offers the confirmation to share the complainant with a partner system only when handing over a confidential or sensitive case', () => {
    const plain = { closeRequiresReason: false, confidential: false, sensitive: false };
    for (const action of ['assign', 'forward'] as const) {
      expect(actionFormFor(action, plain).shareIdentity).toBeUndefined();
      expect(actionFormFor(action, { ...plain, confidential: true }).shareIdentity).toBe(true);
      expect(actionFormFor(action, { ...plain, sensitive: true }).shareIdentity).toBe(true);
    }
    expect(actionFormFor('reply', { ...plain, sensitive: true }).shareIdentity).toBeUndefined();
    const form = actionFormFor('assign', { ...plain, confidential: true });
    const values = { ...EMPTY_ACTION_VALUES, agencyCode: 'rtp' };
    expect(actionBody('assign', { ...values, shareIdentity: true }, form)).toEqual({ agencyCode: 'rtp', shareIdentity: true });
    expect(actionBody('assign', values, form)).toEqual({ agencyCode: 'rtp' });
    // A box left ticked on a case that no longer offers it sends nothing.
    expect(actionBody('assign', { ...values, shareIdentity: true })).toEqual({ agencyCode: 'rtp' });
  });

  it('builds the body the API takes', () => {
    expect(actionBody('assign', { ...EMPTY_ACTION_VALUES, agencyCode: 'pho-66', reason: ' ในพื้นที่ ', note: 'ignored' })).toEqual({ agencyCode: 'pho-66', reason: 'ในพื้นที่' });
    expect(actionBody('screen', { ...EMPTY_ACTION_VALUES, categoryCode: 'road' })).toEqual({ categoryCode: 'road' });
    expect(actionBody('extend', { ...EMPTY_ACTION_VALUES, businessDays: '10', reason: 'ต้องตรวจสอบภาคสนาม' })).toEqual({ businessDays: 10, reason: 'ต้องตรวจสอบภาคสนาม' });
    expect(actionBody('extend', { ...EMPTY_ACTION_VALUES, extendBy: 'date', newDueDate: '2027-01-15', reason: 'ต้องตรวจสอบภาคสนาม' })).toEqual({ newDueDate: '2027-01-15', reason: 'ต้องตรวจสอบภาคสนาม' });
    expect(actionBody('merge', { ...EMPTY_ACTION_VALUES, otherCaseId: ` ${CASE_ID} ` })).toEqual({ intoCaseId: CASE_ID });
    expect(actionBody('accept', EMPTY_ACTION_VALUES)).toEqual({});
  });
});

describe('intake time', () => {
  const now = new Date('2026-11-23T07:05:30Z'); // 14:05 in Bangkok

  it('reads the control as Bangkok time', () => {
    expect(receivedAtInstant('2026-11-23T09:30')).toBe('2026-11-23T09:30:00+07:00');
    expect(receivedAtInstant('')).toBeUndefined();
  });

  it('refuses the future and what is not a time', () => {
    expect(checkReceivedAt('', now)).toBeUndefined();
    expect(checkReceivedAt('2026-11-23T14:05', now)).toBeUndefined();
    expect(checkReceivedAt('2026-11-23T14:10', now)).toBe('staff:intake.future');
    expect(checkReceivedAt('23/11/2026', now)).toBe('staff:intake.invalidDate');
    // A date without a time, a time without a date, or a date field whose text is not a date.
    expect(checkReceivedAt('2026-11-23T', now)).toBe('staff:intake.invalidDate');
    expect(checkReceivedAt('T09:30', now)).toBe('staff:intake.invalidDate');
    expect(checkReceivedAt(`${INVALID_DATE}T09:30`, now)).toBe('staff:intake.invalidDate');
  });
});
