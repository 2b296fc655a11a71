/**
 * Thai error messages tell a Thai reader what the English tells an API client: every number,
 * limit, date and agency code in `message` is in `messageTh` too (dates may be written the Thai
 * way, in the Buddhist era), for each field detail and for the error as a whole (whose Thai
 * includes its details'). The errors are the ones
 * tests can provoke through the API; each runs on both engines.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { thaiDate } from '../src/server/platform/thai-messages.ts';
import { describeEachApp } from './support/app.ts';
import type { ErrorBody } from '../src/shared/api/index.ts';

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
/** Agency and other codes with a number in them: dho-6604, pho-66, dtc-p66. */
const CODE = /\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g;

/** The facts of an English message that its Thai must carry, each with the forms the Thai may give it. */
function factsOf(message: string): string[][] {
  const facts: string[][] = [];
  for (const date of message.match(ISO_DATE) ?? []) facts.push([date, thaiDate(date)]);
  const rest = message.replace(ISO_DATE, ' ');
  for (const code of rest.match(CODE) ?? []) if (/\d/.test(code)) facts.push([code]);
  for (const number of rest.replace(CODE, ' ').match(/\d+(?:[.,]\d+)*/g) ?? []) facts.push([number.replace(/,/g, '')]);
  return facts;
}

/** The facts of `message` missing from `messageTh` (numbers compared without thousands separators). */
function missingFacts(message: string, messageTh: string | undefined): string[] {
  const thai = (messageTh ?? '').replace(/(\d),(\d)/g, '$1$2');
  return factsOf(message)
    .filter((forms) => !forms.some((form) => thai.includes(form)))
    .map((forms) => forms[0] ?? '');
}

/** What of an error response's English is missing in its Thai, by part. */
function missingInThai(response: LightMyRequestResponse): Record<string, string[]> {
  const { error } = response.json<ErrorBody>();
  const missing: Record<string, string[]> = {};
  // A validation error's English sums up its fields; their Thai is in the details, and counts.
  const allThai = [error.messageTh, ...(error.details ?? []).map((detail) => detail.messageTh ?? '')].join(' ');
  const top = missingFacts(error.message, allThai);
  if (top.length > 0) missing.message = top;
  for (const [index, detail] of (error.details ?? []).entries()) {
    const lost = missingFacts(detail.message, detail.messageTh);
    if (lost.length > 0) missing[`details[${index}] ${detail.field ?? ''}`] = lost;
  }
  return missing;
}

describe('factsOf', () => {
  it('finds numbers, ISO dates (with their Thai form) and codes with numbers', () => {
    expect(factsOf('Extensions beyond 5 business days need a supervisor (this one would make 12)')).toEqual([['5'], ['12']]);
    expect(factsOf('2026-09-18 is already a day off for pho-66')).toEqual([['2026-09-18', thaiDate('2026-09-18')], ['pho-66']]);
    expect(factsOf('at most 5,000 characters')).toEqual([['5000']]);
    expect(factsOf('Your role may not do this')).toEqual([]);
  });

  it('accepts the Thai form of a date and numbers with separators', () => {
    expect(missingFacts('2026-09-18 is not a business day', `${thaiDate('2026-09-18')} ไม่ใช่วันทำการ`)).toEqual([]);
    expect(missingFacts('at most 5000 characters', 'ไม่เกิน 5,000 ตัวอักษร')).toEqual([]);
    expect(missingFacts('Extensions beyond 5 business days', 'บทบาทของท่านไม่มีสิทธิ์ดำเนินการนี้')).toEqual(['5']);
  });
});

describeEachApp('Thai error messages carry the facts of the English', (t) => {
  const expectSameFacts = (response: LightMyRequestResponse, status: number) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(missingInThai(response), response.body).toEqual({});
  };

  it('an extension past the limit (403) names the limit and the total in Thai', async () => {
    const policy = await t.request({ method: 'PUT', url: '/api/v1/sla-policies', as: 'hub.admin', body: { categoryCode: 'trees', targetBusinessDays: 15, extensionLimitBusinessDays: 5 } });
    expect(policy.statusCode, policy.body).toBe(200);
    const filed = await t.fileComplaint({ categoryCode: 'trees' });
    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dho-6604' });
    await t.act('taphanhin.officer', filed.id, 'accept');
    const response = await t.request({ method: 'POST', url: `/api/v1/cases/${filed.id}/actions/extend`, as: 'taphanhin.officer', body: { businessDays: 12, reason: 'รอผลตรวจจากห้องปฏิบัติการ' } });
    expectSameFacts(response, 403);
    expect(response.json<ErrorBody>().error.messageTh).toMatch(/5 วันทำการ.*12 วันทำการ/);
  });

  it('a transition the status does not allow (409)', async () => {
    const filed = await t.fileComplaint();
    expectSameFacts(await t.request({ method: 'POST', url: `/api/v1/cases/${filed.id}/actions/close`, as: 'hub.supervisor', body: {} }), 409);
  });

  it('a day off that exists already (409) and a calendar the administrator may not change (403)', async () => {
    const body = { date: '2026-09-18', name: 'วันหยุดพิเศษ', agencyCode: 'pho-66' };
    expect((await t.request({ method: 'POST', url: '/api/v1/holidays', as: 'hub.admin', body })).statusCode).toBe(201);
    expectSameFacts(await t.request({ method: 'POST', url: '/api/v1/holidays', as: 'hub.admin', body }), 409);
    expectSameFacts(await t.request({ method: 'POST', url: '/api/v1/holidays', as: 'moph.admin', body: { ...body, date: '2026-09-21', agencyCode: 'dtc-p66' } }), 403);
    expectSameFacts(await t.request({ method: 'POST', url: '/api/v1/holidays', as: 'hub.admin', body: { ...body, agencyCode: 'nope-404' } }), 404);
  });

  it('a saved filter name and a username that are taken (409)', async () => {
    const filter = { name: 'ค้างเกิน 15 วัน 2569', query: { overdue: 'true' } };
    expect((await t.request({ method: 'POST', url: '/api/v1/saved-filters', as: 'moph.officer', body: filter })).statusCode).toBe(201);
    expectSameFacts(await t.request({ method: 'POST', url: '/api/v1/saved-filters', as: 'moph.officer', body: filter }), 409);
    const user = { username: 'officer6604', displayName: 'เจ้าหน้าที่ทดสอบ', password: 'a-long-password-1', role: 'case_officer', agencyCode: 'dho-6604' };
    expect((await t.request({ method: 'POST', url: '/api/v1/users', as: 'hub.admin', body: user })).statusCode).toBe(201);
    expectSameFacts(await t.request({ method: 'POST', url: '/api/v1/users', as: 'hub.admin', body: user }), 409);
  });

  it('field errors with limits and codes (400)', async () => {
    expectSameFacts(await t.request({ method: 'GET', url: '/api/v1/cases?agencyCode=dho-9999', as: 'moph.officer' }), 400);
    expectSameFacts(await t.request({ method: 'GET', url: '/api/v1/clusters?from=2026-01-01&to=2026-12-31', as: 'moph.officer' }), 400);
    const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
    expectSameFacts(
      await t.request({ method: 'POST', url: '/api/v1/cases', as: 'hub.intake', body: { channel: 'hotline', description: 'ผู้โทรแจ้งว่าไฟฟ้าดับทั้งหมู่บ้าน', receivedAt: longAgo } }),
      400,
    );
    expectSameFacts(await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description: 'สั้น' } }), 400);
    expectSameFacts(await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description: 'ก'.repeat(5001) } }), 400);
  });
});
