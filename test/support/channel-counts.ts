/**
 * What every intake channel must show of its cases (issue 15): they are listed under their
 * channel by the case list's filter, the case page says which of the agency's channels took
 * them in, the export writes the channel, and the dashboard counts their cases and contacts
 * apart — each compared with what the tables hold, not with numbers written in the test.
 */
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

interface ByChannel {
  received: { byChannel: Array<{ key: string | null; cases: { current: number }; contacts: { current: number } }> };
}

/** Checks the cases of `channel` (all received in the current fiscal year) as `viewer` (a CCEO or supervisor over them) and `officer` (of the first case's agency) see them. */
export async function expectCasesUnderChannel(t: TestApp, channel: string, viewer: string, officer: string): Promise<{ cases: number; contacts: number }> {
  const cases = await t.db().query<{ id: string; tracking_code: string }>('SELECT id, tracking_code FROM cases WHERE channel = $1 ORDER BY tracking_code', [channel]);
  expect(cases.length, `cases of ${channel}`).toBeGreaterThan(0);
  const codes = cases.map((row) => row.tracking_code);

  const listed = await t.request({ method: 'GET', url: `/api/v1/cases?channel=${channel}&limit=100`, as: viewer });
  expect(listed.statusCode, listed.body).toBe(200);
  const items = listed.json<{ items: Array<{ trackingCode: string; channel: string }> }>().items;
  expect(items.map((item) => item.trackingCode).sort()).toEqual(codes);
  expect(new Set(items.map((item) => item.channel))).toEqual(new Set([channel]));

  const detail = await t.request({ method: 'GET', url: `/api/v1/cases/${cases[0]?.id ?? ''}`, as: officer });
  expect(detail.statusCode, detail.body).toBe(200);
  expect(detail.json<{ channel: string; receivedThrough: { kind: string } | null }>()).toMatchObject({ channel, receivedThrough: { kind: channel } });

  const exported = await t.request({ method: 'GET', url: `/api/v1/cases/export?channel=${channel}`, as: viewer });
  expect(exported.statusCode, exported.body).toBe(200);
  const rows = exported.body.split(/\r?\n/).filter((line) => codes.some((code) => line.includes(code)));
  expect(rows).toHaveLength(codes.length);
  for (const row of rows) expect(row.split(',')).toContain(channel);

  const [counted] = await t.db().query<{ contacts: number }>('SELECT count(*)::int AS contacts FROM case_contacts WHERE channel = $1', [channel]);
  const dashboard = await t.request({ method: 'GET', url: '/api/v1/dashboard', as: viewer });
  expect(dashboard.statusCode, dashboard.body).toBe(200);
  const figures = { cases: cases.length, contacts: counted?.contacts ?? 0 };
  expect(dashboard.json<ByChannel>().received.byChannel.find((item) => item.key === channel)).toMatchObject({ cases: { current: figures.cases }, contacts: { current: figures.contacts } });
  return figures;
}
