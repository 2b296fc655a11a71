/**
 * "Nothing half-written on any error": when the last write of a use case (the audit record)
 * fails, the whole transaction is rolled back, the client gets a bare 500 and the database
 * looks as if the request never came. Then, once repaired, the same request succeeds.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import type { Database } from '../src/server/platform/database.ts';
import { describeEachApp } from './support/app.ts';
import type { ErrorBody } from '../src/shared/api/index.ts';

const TABLES = [
  'cases',
  'complainants',
  'case_events',
  'case_contacts',
  'case_handovers',
  'case_triage',
  'case_duplicate_links',
  'audit_log',
  'sessions',
] as const;
type Counts = Record<(typeof TABLES)[number], number>;

async function counts(db: Database): Promise<Counts> {
  const result = {} as Counts;
  for (const table of TABLES) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    result[table] = row?.n ?? -1;
  }
  return result;
}

/** Breaks the audit append by removing the chain head's only row; returns the repair. */
async function removeChainHead(db: Database): Promise<() => Promise<void>> {
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head');
  if (!head) throw new Error('no chain head');
  await db.query('DELETE FROM audit_chain_head');
  return async () => {
    await db.query('INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (true, $1, $2)', [head.seq, head.hash]);
  };
}

/** Breaks the audit append with an SQL error naming a table; returns the repair. */
async function renameAuditLog(db: Database): Promise<() => Promise<void>> {
  await db.query('ALTER TABLE audit_log RENAME TO audit_log_moved_away');
  return async () => {
    await db.query('ALTER TABLE audit_log_moved_away RENAME TO audit_log');
  };
}

/** A 500 says only that something went wrong: no SQL, no table names, no stack. */
function expectBareInternalError(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(500);
  const body = response.json() as ErrorBody;
  expect(body.error.code).toBe('internal_error');
  expect(response.body).not.toMatch(/audit|chain|relation|SELECT|INSERT|UPDATE|does not exist|stack|\.ts\b|at [\w.]+ \(/i);
}

const COMPLAINT_WITH_IDENTITY = {
  description: 'ไฟถนนดับทั้งซอยมาสองสัปดาห์แล้ว กลางคืนมืดมาก ขอให้ช่วยซ่อมด้วยครับ',
  categoryCode: 'lighting',
  complainant: { name: 'สมชาย ใจดี', phone: '0812345678', email: 'somchai@example.com' },
};

describeEachApp('atomicity', (t) => {
  const breakages = [
    ['the audit chain head is missing', removeChainHead],
    ['the audit table is gone (an SQL error)', renameAuditLog],
  ] as const;

  it.each(breakages)('filing a complaint with identity writes nothing when %s', async (_label, breakAudit) => {
    // An open case with the same text, so that triage has a possible duplicate to link.
    const earlier = await t.fileComplaint({ description: COMPLAINT_WITH_IDENTITY.description, categoryCode: COMPLAINT_WITH_IDENTITY.categoryCode });
    // Every case with this text (this one, and those of the test before) is still received: open.
    const [sameText] = await t.db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE status = 'received' AND text_signature = (SELECT text_signature FROM cases WHERE id = $1)`,
      [earlier.id],
    );
    expect(sameText?.n).toBeGreaterThanOrEqual(1);
    const before = await counts(t.db());
    const repair = await breakAudit(t.db());
    let response: LightMyRequestResponse;
    try {
      response = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: COMPLAINT_WITH_IDENTITY });
    } finally {
      await repair();
    }
    expectBareInternalError(response);
    expect(await counts(t.db())).toEqual(before);

    const again = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: COMPLAINT_WITH_IDENTITY });
    expect(again.statusCode).toBe(201);
    expect(await counts(t.db())).toEqual({
      ...before,
      cases: before.cases + 1,
      complainants: before.complainants + 1,
      // received and triaged
      case_events: before.case_events + 2,
      case_contacts: before.case_contacts + 1,
      case_triage: before.case_triage + 1,
      // one link to each open case with the same text: what the failed filing left out too
      case_duplicate_links: before.case_duplicate_links + (sameText?.n ?? 0),
      audit_log: before.audit_log + 1,
    });
    expect((await verifyAuditChain(t.db())).ok).toBe(true);
  });

  it.each(breakages)('a staff assign changes nothing when %s', async (_label, breakAudit) => {
    const filed = await t.fileComplaint();
    await t.tokenFor('hub.intake'); // signing in is audited too: do it while the log works
    const caseRow = async () =>
      (
        await t.db().query<{ status: string; holder: string; updated_at: Date }>(
          `SELECT c.status, a.code AS holder, c.updated_at FROM cases c JOIN agencies a ON a.id = c.holder_agency_id WHERE c.id = $1`,
          [filed.id],
        )
      )[0];
    const rowBefore = await caseRow();
    expect(rowBefore).toMatchObject({ status: 'received', holder: 'hub-1111' });
    const before = await counts(t.db());

    const repair = await breakAudit(t.db());
    let response: LightMyRequestResponse;
    try {
      response = await t.request({ method: 'POST', url: `/api/v1/cases/${filed.id}/actions/assign`, as: 'hub.intake', body: { agencyCode: 'moph-complaint' } });
    } finally {
      await repair();
    }
    expectBareInternalError(response);
    expect(await caseRow()).toEqual(rowBefore);
    expect(await counts(t.db())).toEqual(before);
    expect(await t.db().query('SELECT id FROM case_handovers WHERE case_id = $1', [filed.id])).toEqual([]);

    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' });
    expect(await caseRow()).toMatchObject({ status: 'assigned', holder: 'moph-complaint' });
    expect(await t.db().query('SELECT kind FROM case_handovers WHERE case_id = $1', [filed.id])).toEqual([{ kind: 'assign' }]);
    expect((await verifyAuditChain(t.db())).ok).toBe(true);
  });

  it('signing in creates no session when the audit record cannot be written', async () => {
    const before = await counts(t.db());
    const repair = await removeChainHead(t.db());
    let response: LightMyRequestResponse;
    try {
      response = await t.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'moph.supervisor', password: 'test-password-1' } });
    } finally {
      await repair();
    }
    expectBareInternalError(response);
    expect(response.cookies).toEqual([]);
    expect(await counts(t.db())).toEqual(before);
  });

  it('a citizen message on an awaiting_info case changes nothing when the audit fails', async () => {
    const filed = await t.fileComplaint();
    await t.act('hub.intake', filed.id, 'screen');
    await t.act('hub.intake', filed.id, 'request-info', { message: 'ขอทราบตำแหน่งที่ชัดเจน' });
    const before = await counts(t.db());

    const repair = await removeChainHead(t.db());
    let response: LightMyRequestResponse;
    try {
      response = await t.request({
        method: 'POST',
        url: `/api/v1/public/complaints/${filed.trackingCode}/messages`,
        headers: { 'x-access-key': filed.accessKey },
        body: { message: 'อยู่หน้าโรงเรียนวัดใหม่ ซอย 3' },
      });
    } finally {
      await repair();
    }
    expectBareInternalError(response);
    expect(await counts(t.db())).toEqual(before);
    expect(await t.db().query('SELECT status FROM cases WHERE id = $1', [filed.id])).toEqual([{ status: 'awaiting_info' }]);
  });
});
