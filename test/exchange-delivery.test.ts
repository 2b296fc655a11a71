/**
 * Delivery of the exchange when the partner is not there: a message that finds the partner down
 * fails with its error and is delivered, once, after the backoff when the partner is back; one
 * that fails every attempt (maxAttempts 4 in the harness) is dead — in the log, the partner's
 * counts and the case's trail — until a system administrator sends it again (audited). And a
 * partner removed after messages name it is deactivated, its log kept.
 */
import { afterEach, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { ErrorBodySchema, type CaseExchange, type ExchangeMessageView, type Partner } from '../src/shared/api/index.ts';
import { describeEachEngine, fileAt, receivedCaseId, staffView, storedMessages, useLinkedPair, type Filed } from './support/exchange-instances.ts';

const SECOND = 1000;

function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status);
  const parsed = ErrorBodySchema.safeParse(response.json());
  expect(parsed.success, response.body).toBe(true);
  expect(parsed.data?.error.code).toBe(code);
  expect(parsed.data?.error.messageTh).toMatch(/[\u0E00-\u0E7F]/);
}

describeEachEngine('exchange: delivery to a partner that is down', (kind) => {
  const pair = useLinkedPair(kind);
  const hub = () => pair.hub();
  const police = () => pair.police();

  afterEach(async () => {
    hub().setNow(undefined);
    // A test that failed half-way may have left the police down.
    await police().listen();
  });

  /** The hub files a complaint, screens it and assigns it to rtp (served by the police): the transfer is queued. */
  async function assignToRtp(): Promise<Filed> {
    const filed = await fileAt(hub(), { description: 'มีการแข่งรถในซอยทุกคืน เสียงดังและอันตรายต่อคนเดินถนน' });
    await hub().act('hub.intake', filed.id, 'screen');
    await hub().act('hub.intake', filed.id, 'assign', { agencyCode: 'rtp' });
    return filed;
  }

  /** The hub's outbound message of the case, as the administrators' log shows it. */
  async function outbound(caseId: string, query = 'direction=out'): Promise<ExchangeMessageView> {
    const response = await hub().request({ method: 'GET', url: `/api/v1/exchange/messages?partner=police&${query}&limit=200`, as: 'hub.admin' });
    expect(response.statusCode, response.body).toBe(200);
    const found = (response.json() as { items: ExchangeMessageView[] }).items.filter((item) => item.caseId === caseId);
    expect(found, query).toHaveLength(1);
    return found[0] as ExchangeMessageView;
  }

  /** A transfer made while the police are down, tried at every backoff (10 s apart on the hub's clock) until dead after maxAttempts (4). */
  async function deadTransfer(): Promise<{ filed: Filed; dead: ExchangeMessageView }> {
    const start = new Date();
    await police().stopListening();
    const filed = await assignToRtp();
    for (let step = 0; step < 6; step += 1) {
      hub().setNow(new Date(start.getTime() + step * 10 * SECOND));
      await hub().deliver();
    }
    return { filed, dead: await outbound(filed.id, 'state=dead') };
  }

  async function casesAtPolice(trackingCode: string): Promise<number> {
    const [row] = await police().ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_links WHERE direction = 'received' AND remote_tracking_code = $1", [trackingCode]);
    return Number(row?.n);
  }

  it('fails while the partner is down, and is delivered once after the backoff when it is back', async () => {
    const start = new Date();
    hub().setNow(start);
    await police().stopListening();
    const filed = await assignToRtp();
    await hub().deliver();
    const failed = await outbound(filed.id);
    expect(failed).toMatchObject({ type: 'case.transfer', state: 'failed', attempts: 1, settledAt: null });
    expect(failed.lastError).toMatch(/^no answer: /);

    await police().listen();
    // The retry waits for its backoff (retrySeconds 1): nothing goes yet.
    await hub().deliver();
    expect(await outbound(filed.id)).toMatchObject({ state: 'failed', attempts: 1 });
    hub().setNow(new Date(start.getTime() + 5 * SECOND));
    await hub().deliver();
    expect(await outbound(filed.id)).toMatchObject({ state: 'delivered', attempts: 2, lastError: null });
    await hub().deliver();
    expect(await casesAtPolice(filed.trackingCode)).toBe(1);
    const remoteId = await receivedCaseId(police(), filed.trackingCode);
    expect((await storedMessages(police(), remoteId)).map((message) => [message.direction, message.type])).toEqual([['in', 'case.transfer']]);
    expect((await staffView(hub(), filed.id, 'hub.supervisor')).status).toBe('assigned');
  });

  it('is dead after every attempt failed, shows so, and is sent again by a system administrator only', async () => {
    const { filed, dead } = await deadTransfer();
    expect(dead).toMatchObject({ type: 'case.transfer', state: 'dead', attempts: 4, partner: { code: 'police', name: 'ระบบของ police' } });
    expect(dead.lastError).toMatch(/^no answer: /);
    expect(dead.settledAt).not.toBeNull();

    const partner = await hub().request({ method: 'GET', url: '/api/v1/partners/police', as: 'hub.admin' });
    expect(partner.statusCode, partner.body).toBe(200);
    expect((partner.json() as Partner).messages).toContainEqual({ direction: 'out', state: 'dead', count: 1 });
    const trail = await hub().request({ method: 'GET', url: `/api/v1/cases/${filed.id}/exchange`, as: 'hub.supervisor' });
    expect(trail.statusCode, trail.body).toBe(200);
    expect((trail.json() as CaseExchange).messages).toEqual([expect.objectContaining({ id: dead.id, state: 'dead', attempts: 4 })]);

    // Only system administrators read the log and send again.
    const retry = (as?: string) => hub().request({ method: 'POST', url: `/api/v1/exchange/messages/${dead.id}/retry`, body: {}, ...(as ? { as } : {}) });
    expectError(await retry(), 401, 'unauthenticated');
    for (const username of ['hub.supervisor', 'hub.intake', 'moph.admin']) expectError(await retry(username), 403, 'forbidden');
    expectError(await hub().request({ method: 'GET', url: '/api/v1/exchange/messages?state=dead', as: 'hub.supervisor' }), 403, 'forbidden');
    expect(await hub().ctx.db.query("SELECT 1 FROM audit_log WHERE action = 'exchange.retry'")).toEqual([]);

    await police().listen();
    const again = await retry('hub.admin');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: dead.id, state: 'queued', attempts: 4 });
    const audits = await hub().ctx.db.query<{ actor_label: string; entity_id: string; details: Record<string, unknown> }>(
      "SELECT actor_label, entity_id, details FROM audit_log WHERE action = 'exchange.retry'",
    );
    expect(audits).toEqual([{ actor_label: 'hub.admin', entity_id: dead.id, details: expect.objectContaining({ messageId: dead.messageId, partner: 'police', type: 'case.transfer', attempts: 4 }) }]);

    await hub().deliver();
    expect(await outbound(filed.id)).toMatchObject({ state: 'delivered', attempts: 5, lastError: null });
    expect(await casesAtPolice(filed.trackingCode)).toBe(1);
    // Delivered: there is nothing to send again.
    expectError(await retry('hub.admin'), 409, 'not_retryable');
    expectError(await hub().request({ method: 'POST', url: '/api/v1/exchange/messages/00000000-0000-4000-8000-000000000000/retry', body: {}, as: 'hub.admin' }), 404, 'not_found');
  });

  it('delivers what follows a dead message: the partner holds it until the dead one is sent again, then applies both in order', async () => {
    const { filed, dead } = await deadTransfer();
    await police().listen();
    const added = await hub().request({
      method: 'POST',
      url: `/api/v1/public/complaints/${filed.trackingCode}/messages`,
      headers: { 'x-access-key': filed.accessKey },
      body: { message: 'เพิ่มเติม: เกิดเหตุทุกคืนวันศุกร์ ประมาณสี่ทุ่ม' },
    });
    expect(added.statusCode, added.body).toBe(201);
    await hub().deliver();
    // Taken and held there (202): delivered for the hub, pending for the police.
    expect((await storedMessages(hub(), filed.id)).map((message) => [message.type, message.seq, message.state])).toEqual([
      ['case.transfer', 1, 'dead'],
      ['case.info_added', 2, 'delivered'],
    ]);
    expect(await casesAtPolice(filed.trackingCode)).toBe(0);

    const again = await hub().request({ method: 'POST', url: `/api/v1/exchange/messages/${dead.id}/retry`, body: {}, as: 'hub.admin' });
    expect(again.statusCode, again.body).toBe(200);
    await hub().deliver();
    const remoteId = await receivedCaseId(police(), filed.trackingCode);
    const view = await staffView(police(), remoteId, 'rtp.officer');
    expect(view.timeline.find((event) => event.type === 'citizen_message')?.details).toMatchObject({ message: 'เพิ่มเติม: เกิดเหตุทุกคืนวันศุกร์ ประมาณสี่ทุ่ม' });
    expect((await storedMessages(police(), remoteId)).map((message) => [message.seq, message.type, message.state])).toEqual([
      [2, 'case.info_added', 'applied'],
      [1, 'case.transfer', 'applied'],
    ]);
  });

  it('takes a retry without a body, as `curl -X POST` sends it (the body is optional)', async () => {
    // Fastify hands an absent body to the schema as null; the route's optional object refuses it (400 naming body).
    expectError(await hub().request({ method: 'POST', url: '/api/v1/exchange/messages/00000000-0000-4000-8000-000000000000/retry', as: 'hub.admin' }), 404, 'not_found');
  });

  it('deactivates a partner removed after messages name it: 200 with active false, the log kept, nothing more taken from it', async () => {
    const filed = await assignToRtp();
    await hub().deliver();
    const remoteId = await receivedCaseId(police(), filed.trackingCode);

    const removed = await hub().request({ method: 'DELETE', url: '/api/v1/partners/police', as: 'hub.admin' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ code: 'police', active: false });
    const partner = await hub().request({ method: 'GET', url: '/api/v1/partners/police', as: 'hub.admin' });
    expect(partner.json()).toMatchObject({ code: 'police', active: false, messages: expect.arrayContaining([expect.objectContaining({ direction: 'out', state: 'delivered' })]) });
    expect(await outbound(filed.id)).toMatchObject({ state: 'delivered' });

    // What the police send now is refused (401), and the hub's case stays as it was.
    await police().act('rtp.officer', remoteId, 'accept');
    await police().deliver();
    const [refused] = (await storedMessages(police(), remoteId)).filter((message) => message.direction === 'out');
    expect(refused).toMatchObject({ type: 'case.accepted', state: 'failed' });
    const [row] = await police().ctx.db.query<{ last_error: string }>("SELECT last_error FROM exchange_messages WHERE direction = 'out' AND case_id = $1", [remoteId]);
    expect(row?.last_error).toMatch(/^HTTP 401: exchange_unauthorized/);
    expect((await staffView(hub(), filed.id, 'hub.supervisor')).status).toBe('assigned');

    // A case assigned to rtp now stays here: no partner serves it.
    const later = await assignToRtp();
    expect(await storedMessages(hub(), later.id)).toEqual([]);
    expect((await staffView(hub(), later.id, 'hub.supervisor')).timeline.map((event) => event.type)).not.toContain('sent_to_partner');
  });

  it('pages the message log: the cursor a page ends with opens the next', async () => {
    const page = async (cursor?: string) => {
      const response = await hub().request({ method: 'GET', url: `/api/v1/exchange/messages?limit=1${cursor ? `&cursor=${cursor}` : ''}`, as: 'hub.admin' });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: ExchangeMessageView[]; nextCursor: string | null };
    };
    const first = await page();
    expect(first.nextCursor).not.toBeNull();
    const second = await page(first.nextCursor ?? '');
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });
});
