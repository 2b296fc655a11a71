/**
 * Three complaint systems on loopback, each with its own database, passing cases among them:
 * the 1111 hub (in this process) assigns cases to the Ministry of Public Health's complaint
 * centre (`moph-center`, a real `rongthuk serve` process), which assigns them on to the
 * Damrongtham Centre of Phichit (`dtc-phichit`, in this process); the province accepts and
 * resolves them, and the news travels back through the ministry to the hub.
 *
 * The ministry's process is killed outright (SIGKILL) three times while cases move: while the
 * hub delivers transfers to it, while its own staff act and its worker delivers to the
 * province, and while the province's answers arrive and are relayed to the hub. Each time it is
 * started again on the same database, key and port. Afterwards every case exists exactly once
 * in each system, every message one system sent was applied exactly once by the other, every
 * case went through each step once, every hub case is resolved with the ministry named on its
 * timeline, and nothing is left queued, failed, pending or dead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/server/platform/database.ts';
import { DATABASE_KINDS, postgresUrl } from './support/databases.ts';
import { fileAt, startInstance, type Instance } from './support/exchange-instances.ts';
import { registerPartner, startProcessInstance, type ProcessInstance } from './support/exchange-process.ts';

const CASES = 20;
/** A case moving among three systems through three restarts: seconds, not minutes. */
const SETTLE_TIMEOUT_MS = 60_000;
/** Retries every second, doubling: enough attempts that no message dies while the ministry restarts. */
const EXCHANGE = { retrySeconds: 1, maxAttempts: 20, skewSeconds: 300 };

/** The events each case has in each system when it has gone once through every step. */
const EXPECTED_EVENTS = {
  hub: ['accepted', 'assigned', 'partner_progress', 'received', 'resolved', 'screened', 'sent_to_partner', 'triaged'],
  ministry: ['accepted', 'assigned', 'received', 'received_from_partner', 'resolved', 'sent_to_partner', 'triaged'],
  province: ['accepted', 'received', 'received_from_partner', 'resolved', 'triaged'],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS counted`, params);
  return row?.n ?? 0;
}

/** Waits (polling every few milliseconds) until `condition` holds. */
async function waitFor(label: string, condition: () => Promise<boolean>, timeoutMs = SETTLE_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${label}: not within ${timeoutMs / 1000} s`);
    await sleep(10);
  }
}

/** Messages of a system with a partner, by direction: their ids and states. */
async function messagesWith(db: Database, partnerCode: string, direction: 'in' | 'out'): Promise<Array<{ messageId: string; type: string; state: string; attempts: number }>> {
  return db.query(
    `SELECT m.message_id AS "messageId", m.type, m.state, m.attempts
       FROM exchange_messages m JOIN partners p ON p.id = m.partner_id
      WHERE p.code = $1 AND m.direction = $2 ORDER BY m.message_id`,
    [partnerCode, direction],
  );
}

/** The links of a system's cases with a partner, in one direction: case id → the partner's reference. */
async function linksWith(db: Database, partnerCode: string, direction: 'received' | 'sent'): Promise<Array<{ caseId: string; remoteReference: string | null }>> {
  return db.query(
    `SELECT l.case_id AS "caseId", l.remote_reference AS "remoteReference"
       FROM case_links l JOIN partners p ON p.id = l.partner_id
      WHERE p.code = $1 AND l.direction = $2`,
    [partnerCode, direction],
  );
}

/** Each case's event types, sorted: one line per case. */
async function eventsByCase(db: Database): Promise<Map<string, string[]>> {
  const rows = await db.query<{ case_id: string; types: string[] }>('SELECT case_id, array_agg(type ORDER BY type) AS types FROM case_events GROUP BY case_id');
  return new Map(rows.map((row) => [row.case_id, row.types]));
}

/** What is not settled in a system: messages not delivered or applied, deliveries still to run. */
async function unsettled(db: Database): Promise<string[]> {
  const messages = await db.query<{ line: string }>(
    "SELECT direction || ' ' || type || ' ' || state || ' (' || attempts || ' attempts' || COALESCE(', ' || last_error, '') || ')' AS line FROM exchange_messages WHERE state NOT IN ('delivered', 'applied')",
  );
  const jobs = await db.query<{ line: string }>("SELECT 'job ' || status || ' ' || COALESCE(last_error, '') AS line FROM jobs WHERE type = 'exchange.deliver' AND status <> 'done'");
  return [...messages, ...jobs].map((row) => row.line);
}

const serverUrl = postgresUrl();
for (const kind of DATABASE_KINDS) {
  const define = kind === 'postgres' && !serverUrl ? describe.skip : describe;
  define(`three systems, one killed mid-delivery [${kind}]`, () => {
    let hub: Instance;
    let ministry: ProcessInstance;
    let province: Instance;
    const kills: Array<{ phase: string; note: string }> = [];

    beforeAll(async () => {
      [hub, province, ministry] = await Promise.all([
        startInstance(kind, 'hub-1111', { config: { exchange: EXCHANGE } }),
        startInstance(kind, 'dtc-phichit', { config: { exchange: EXCHANGE } }),
        startProcessInstance(kind, 'moph-center', { env: { RONGTHUK_EXCHANGE_MAX_ATTEMPTS: String(EXCHANGE.maxAttempts) } }),
      ]);
      // Each side registers the other; a back link serves an agency the sender never routes to.
      await registerPartner(hub, ministry, ['moph-complaint']);
      await registerPartner(ministry, hub, ['hub-1111']);
      await registerPartner(ministry, province, ['dtc-p66']);
      await registerPartner(province, ministry, ['hub-1111']);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([hub?.close(), ministry?.close(), province?.close()]);
    }, 60_000);

    /** Runs the in-process workers until `condition` holds and nothing is left to deliver anywhere. */
    async function settle(label: string, condition: () => Promise<boolean> = async () => true): Promise<void> {
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      for (;;) {
        await hub.deliver();
        await province.deliver();
        const left = [hub, ministry, province].map(async (system) => ({ code: system.code, left: await unsettled(system.database.db) }));
        const open = (await Promise.all(left)).filter((system) => system.left.length > 0);
        if (open.length === 0 && (await condition())) return;
        if (Date.now() > deadline) {
          const detail = open.map((system) => `${system.code}:\n  ${system.left.slice(0, 10).join('\n  ')}`).join('\n');
          throw new Error(`${label}: not settled within ${SETTLE_TIMEOUT_MS / 1000} s\n${detail}\n--- moph-center printed:\n${ministry.output().slice(-3000)}`);
        }
        await sleep(200);
      }
    }

    /**
     * SIGKILL, then start again on the same database. The dead worker's claimed jobs are taken
     * back by the restarted process at its start (a worker of this host whose pid is gone),
     * not a lease of five minutes later: how many it left is noted.
     */
    async function killAndRestart(phase: string, what: string): Promise<void> {
      await ministry.kill();
      const claimed = await ministry.database.db.query<{ id: string }>("SELECT id FROM jobs WHERE status = 'running'");
      kills.push({ phase, note: `${what}; ${claimed.length} job(s) left claimed by the dead worker` });
      await ministry.start();
    }

    it(`passes ${CASES} cases hub → ministry → province and every status back, each exactly once`, async () => {
      const mdb = ministry.database.db;
      const pdb = province.ctx.db;

      // 1. The hub files and assigns; the ministry is killed while the transfers arrive.
      const filed: string[] = [];
      for (let index = 0; index < CASES; index += 1) {
        const { id } = await fileAt(hub, { description: `ท่อระบายน้ำหน้าโรงพยาบาลส่งเสริมสุขภาพตำบลอุดตัน น้ำท่วมขังทุกครั้งที่ฝนตก จุดที่ ${index + 1}` });
        await hub.act('hub.intake', id, 'screen', {});
        await hub.act('hub.intake', id, 'assign', { agencyCode: 'moph-complaint' });
        filed.push(id);
      }
      const delivering = hub.deliver();
      await waitFor('the first transfers at the ministry', async () => (await count(mdb, 'SELECT 1 FROM cases')) >= CASES / 4);
      await killAndRestart('hub → ministry', `killed with ${await count(mdb, 'SELECT 1 FROM cases')} of ${CASES} cases received`);
      await delivering;
      await settle('the transfers to the ministry', async () => (await count(mdb, 'SELECT 1 FROM cases')) === CASES);
      // The transfers the kill cut off were sent again.
      expect(await count(hub.ctx.db, "SELECT 1 FROM exchange_messages WHERE direction = 'out' AND attempts > 1")).toBeGreaterThan(0);

      // 2. The ministry's supervisor assigns each case to the province; killed while acting and delivering.
      const atMinistry = (await mdb.query<{ id: string }>('SELECT id FROM cases ORDER BY received_at, id')).map((row) => row.id);
      // At a person's pace, so that the worker delivers while the supervisor is still assigning.
      const assignAll = async (ids: string[], pauseMs = 0) => {
        for (const id of ids) {
          await ministry.act('moph.supervisor', id, 'assign', { agencyCode: 'dtc-p66', reason: 'เหตุเกิดในจังหวัดพิจิตร' }).catch(() => {});
          await sleep(pauseMs);
        }
      };
      const acting = assignAll(atMinistry, 100);
      await waitFor('the first transfers at the province', async () => (await count(pdb, 'SELECT 1 FROM cases')) >= CASES / 4);
      const assignedBefore = await count(mdb, "SELECT 1 FROM cases WHERE status = 'assigned'");
      await killAndRestart('ministry → province', `killed with ${assignedBefore} of ${CASES} cases assigned and ${await count(pdb, 'SELECT 1 FROM cases')} at the province`);
      await acting;
      // An assignment the kill cut off is done again, as the supervisor would after the error.
      await assignAll((await mdb.query<{ id: string }>("SELECT id FROM cases WHERE status = 'received'")).map((row) => row.id));
      await settle('the transfers to the province', async () => (await count(pdb, 'SELECT 1 FROM cases')) === CASES);

      // 3. The province accepts and resolves; the ministry is killed while the answers arrive and go on to the hub.
      for (const { id } of await pdb.query<{ id: string }>('SELECT id FROM cases')) {
        await province.act('dtc66.officer', id, 'accept');
        await province.act('dtc66.officer', id, 'resolve', { result: 'fixed', message: 'ลอกท่อระบายน้ำแล้ว น้ำไม่ท่วมขังอีก' });
      }
      const answering = province.deliver();
      await waitFor('the first answers at the ministry', async () => (await count(mdb, "SELECT 1 FROM exchange_messages WHERE direction = 'in' AND type = 'case.accepted'")) >= CASES / 2);
      await killAndRestart('province → ministry → hub', `killed with ${await count(mdb, "SELECT 1 FROM exchange_messages WHERE direction = 'in' AND type <> 'case.transfer'")} of ${2 * CASES} answers received`);
      await answering;
      await settle('the answers back to the hub', async () => (await count(hub.ctx.db, "SELECT 1 FROM cases WHERE status = 'resolved'")) === CASES);
      console.log(`moph-center killed ${kills.length} times:\n${kills.map((kill) => `  ${kill.phase}: ${kill.note}`).join('\n')}`);

      // Every case exactly once in each system, linked both ways.
      const hubSent = await linksWith(hub.ctx.db, 'moph-center', 'sent');
      const ministryReceived = await linksWith(mdb, 'hub-1111', 'received');
      const ministrySent = await linksWith(mdb, 'dtc-phichit', 'sent');
      const provinceReceived = await linksWith(pdb, 'moph-center', 'received');
      expect(await count(mdb, 'SELECT 1 FROM cases')).toBe(CASES);
      expect(await count(pdb, 'SELECT 1 FROM cases')).toBe(CASES);
      expect(ministryReceived.map((link) => link.remoteReference).sort()).toEqual([...filed].sort());
      expect(hubSent.map((link) => `${link.caseId}→${link.remoteReference}`).sort()).toEqual(ministryReceived.map((link) => `${link.remoteReference}→${link.caseId}`).sort());
      expect(provinceReceived.map((link) => link.remoteReference).sort()).toEqual([...atMinistry].sort());
      expect(ministrySent.map((link) => `${link.caseId}→${link.remoteReference}`).sort()).toEqual(provinceReceived.map((link) => `${link.remoteReference}→${link.caseId}`).sort());

      // Every message sent was delivered, and applied once by the other side: the same ids on both.
      const pairs = [
        { from: hub.ctx.db, to: mdb, fromCode: 'hub-1111', toCode: 'moph-center', types: { 'case.transfer': CASES } },
        { from: mdb, to: pdb, fromCode: 'moph-center', toCode: 'dtc-phichit', types: { 'case.transfer': CASES } },
        { from: pdb, to: mdb, fromCode: 'dtc-phichit', toCode: 'moph-center', types: { 'case.accepted': CASES, 'case.resolved': CASES } },
        { from: mdb, to: hub.ctx.db, fromCode: 'moph-center', toCode: 'hub-1111', types: { 'case.progress': CASES, 'case.accepted': CASES, 'case.resolved': CASES } },
      ];
      for (const pair of pairs) {
        const sent = await messagesWith(pair.from, pair.toCode, 'out');
        const received = await messagesWith(pair.to, pair.fromCode, 'in');
        const byType = (messages: typeof sent) => messages.reduce<Record<string, number>>((counts, message) => ({ ...counts, [message.type]: (counts[message.type] ?? 0) + 1 }), {});
        expect(byType(sent), `${pair.fromCode} → ${pair.toCode}`).toEqual(pair.types);
        expect(received.map((message) => message.messageId), `${pair.fromCode} → ${pair.toCode}`).toEqual(sent.map((message) => message.messageId));
        expect(new Set(sent.map((message) => message.state))).toEqual(new Set(['delivered']));
        expect(new Set(received.map((message) => message.state))).toEqual(new Set(['applied']));
      }

      // Each case went through each step once in each system: nothing applied twice.
      for (const [system, db] of [['hub', hub.ctx.db], ['ministry', mdb], ['province', pdb]] as const) {
        const events = await eventsByCase(db);
        expect(events.size, system).toBe(CASES);
        for (const [caseId, types] of events) expect(types, `${system} case ${caseId}`).toEqual(EXPECTED_EVENTS[system]);
      }
      expect(await count(mdb, "SELECT 1 FROM cases WHERE status = 'resolved'")).toBe(CASES);
      expect(await count(pdb, "SELECT 1 FROM cases WHERE status = 'resolved'")).toBe(CASES);

      // Every origin case is resolved, the partner named on its timeline.
      for (const id of filed) {
        const response = await hub.request({ method: 'GET', url: `/api/v1/cases/${id}`, as: 'hub.supervisor' });
        const body = response.json() as { status: string; timeline: Array<{ type: string; details: { partner?: { code: string } } }> };
        expect(body.status).toBe('resolved');
        for (const type of ['partner_progress', 'accepted', 'resolved']) {
          expect(body.timeline.find((event) => event.type === type)?.details.partner?.code, `${type} of ${id}`).toBe('moph-center');
        }
      }

      // Nothing left anywhere, and the deliveries' jobs all done.
      for (const system of [hub, ministry, province]) expect(await unsettled(system.database.db), system.code).toEqual([]);
    }, 240_000);
  });
}
