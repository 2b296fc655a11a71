/**
 * The receiving end of the exchange, POST /api/v1/exchange/messages, against messages the test
 * crafts and signs itself (jose): bad signatures, unknown and inactive partners, replays,
 * messages out of order, clock skew, the wrong receiver and what is no message of the protocol
 * — each refused in our one error shape with nothing stored, or applied exactly once. And the
 * protocol's JSON Schema (GET /api/v1/exchange/schema).
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { CompactSign, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXCHANGE_JWS_TYPE, EXCHANGE_MESSAGE_TYPES, EXCHANGE_PROTOCOL, ExchangeMessageSchema, type ExchangeMessageType } from '../src/shared/api/exchange-messages.ts';
import { ErrorBodySchema, type CaseDetail } from '../src/shared/api/index.ts';
import { DATABASE_HOOK_TIMEOUT } from './support/databases.ts';
import { describeEachEngine, startInstance, staffView, storedMessages, type Instance } from './support/exchange-instances.ts';

/** A sender of crafted messages: its code and Ed25519 key pair. */
interface Sender {
  code: string;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newSender(code: string): Promise<Sender> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return { code, kid: `${code}-1`, privateKey, publicJwk: await exportJWK(publicKey) };
}

/** Signs `payload` (an object as JSON, or text as it is) the way an instance does, with `key` (by default the sender's own). */
async function sign(sender: Sender, payload: object | string, options: { key?: CryptoKey; typ?: string } = {}): Promise<string> {
  const bytes = new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return new CompactSign(bytes).setProtectedHeader({ alg: 'EdDSA', kid: sender.kid, typ: options.typ ?? EXCHANGE_JWS_TYPE }).sign(options.key ?? sender.privateKey);
}

/** A thread of crafted messages from `sender` about its case `ref`. */
function thread(sender: Sender, ref = randomUUID()) {
  return {
    ref,
    /** The envelope of message `seq` of the thread. */
    message(seq: number, type: ExchangeMessageType, body: object, overrides: Record<string, unknown> = {}): Record<string, unknown> {
      const now = new Date().toISOString();
      return { protocol: EXCHANGE_PROTOCOL, id: randomUUID(), from: sender.code, to: 'police', thread: { origin: sender.code, ref }, seq, createdAt: now, sentAt: now, senderRef: ref, type, body, ...overrides };
    },
  };
}

const transferBody = (trackingCode: string) => ({
  agencyCode: 'rtp',
  trackingCode,
  receivedAt: new Date().toISOString(),
  channel: 'web',
  categoryCode: 'road',
  title: null,
  description: 'มีการแข่งรถในซอยทุกคืน เสียงดังและอันตรายต่อคนเดินถนน',
  textRedacted: true,
  location: { provinceCode: '66' },
  anonymous: true,
  confidential: false,
  sensitive: false,
  complainant: null,
  originDueDate: '2026-12-30',
  files: [],
});

/** Our one error shape, the status and code, and the fields named (in order). */
function expectError(response: LightMyRequestResponse, status: number, code: string, fields?: string[]): void {
  expect(response.statusCode, response.body).toBe(status);
  const parsed = ErrorBodySchema.safeParse(response.json());
  expect(parsed.success, response.body).toBe(true);
  const error = parsed.data?.error;
  expect(error?.code).toBe(code);
  expect(error?.messageTh).toMatch(/[\u0E00-\u0E7F]/);
  if (fields) expect(error?.details.map((detail) => detail.field)).toEqual(fields);
}

describeEachEngine('exchange: receiving messages', (kind) => {
  let police: Instance;
  let hub: Sender;
  let stranger: Sender;
  let retired: Sender;
  /** Envelopes the tests sent that the receiver took: each must be of the protocol. */
  const taken: unknown[] = [];

  beforeAll(async () => {
    police = await startInstance(kind, 'police');
    [hub, stranger, retired] = await Promise.all([newSender('hub-1111'), newSender('stranger'), newSender('retired-sys')]);
    for (const [sender, agencies] of [
      [hub, ['hub-1111']],
      [retired, ['moi']],
    ] as const) {
      const response = await police.request({
        method: 'POST',
        url: '/api/v1/partners',
        as: 'hub.admin',
        // Nothing listens on port 9: what the police send back waits in their outbox.
        body: { code: sender.code, name: `ระบบของ ${sender.code}`, baseUrl: 'http://127.0.0.1:9', jwks: { keys: [{ ...sender.publicJwk, kid: sender.kid }] }, agencies },
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  }, DATABASE_HOOK_TIMEOUT);
  afterAll(async () => {
    police?.setNow(undefined);
    await police?.close();
  }, DATABASE_HOOK_TIMEOUT);

  const post = (jws: unknown) => police.request({ method: 'POST', url: '/api/v1/exchange/messages', body: { jws } });
  const postRaw = (text: string) => police.request({ method: 'POST', url: '/api/v1/exchange/messages', body: text, headers: { 'content-type': 'application/json' } });

  async function counts(): Promise<{ messages: number; cases: number; events: number }> {
    const [row] = await police.ctx.db.query<{ messages: number; cases: number; events: number }>(
      'SELECT (SELECT count(*)::int FROM exchange_messages) AS messages, (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_events) AS events',
    );
    if (!row) throw new Error('no counts');
    return row;
  }

  /** Sends `envelope` signed by `sender` and expects it taken: 200 applied or 202 pending. */
  async function deliver(sender: Sender, envelope: Record<string, unknown>, status: 200 | 202 = 200): Promise<Record<string, unknown>> {
    const response = await post(await sign(sender, envelope));
    expect(response.statusCode, response.body).toBe(status);
    taken.push(envelope);
    return response.json();
  }

  /** A case the hub sent the police: the thread and the police's case. */
  async function transferred(): Promise<{ thread: ReturnType<typeof thread>; caseId: string }> {
    const hubThread = thread(hub);
    const answer = await deliver(hub, hubThread.message(1, 'case.transfer', transferBody(`RT-69-${randomUUID().slice(0, 6).toUpperCase()}`)));
    return { thread: hubThread, caseId: String(answer.reference) };
  }

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const before = await counts();
    const envelope = thread(hub).message(1, 'case.transfer', transferBody('RT-69-BADSIG'));
    const impostor = await newSender('hub-1111');
    expectError(await post(await sign(hub, envelope, { key: impostor.privateKey })), 401, 'exchange_unauthorized');
    // A payload changed after signing.
    const [header, , signature] = (await sign(hub, envelope)).split('.');
    const changed = Buffer.from(JSON.stringify({ ...envelope, body: { ...transferBody('RT-69-BADSIG'), agencyCode: 'moph' } })).toString('base64url');
    expectError(await post(`${header}.${changed}.${signature}`), 401, 'exchange_unauthorized');
    // The right key but not a message of the exchange (typ).
    expectError(await post(await sign(hub, envelope, { typ: 'JWT' })), 401, 'exchange_unauthorized');
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown partner with 401 and stores nothing', async () => {
    const before = await counts();
    const envelope = thread(stranger).message(1, 'case.transfer', transferBody('RT-69-STRANG'));
    expectError(await post(await sign(stranger, envelope)), 401, 'exchange_unauthorized');
    // Claiming to be a partner we know, with a stranger's key: the same answer.
    expectError(await post(await sign(stranger, { ...envelope, from: 'hub-1111', thread: { origin: 'hub-1111', ref: randomUUID() } })), 401, 'exchange_unauthorized');
    expect(await counts()).toEqual(before);
  });

  it('refuses an inactive partner with 401, and takes its messages again once it is active', async () => {
    const deactivate = async (active: boolean) => {
      const response = await police.request({ method: 'PATCH', url: `/api/v1/partners/${retired.code}`, as: 'hub.admin', body: { active } });
      expect(response.statusCode, response.body).toBe(200);
    };
    const envelope = { ...thread(retired).message(1, 'case.transfer', transferBody('RT-69-RETIRE')), from: retired.code };
    await deactivate(false);
    const before = await counts();
    expectError(await post(await sign(retired, envelope)), 401, 'exchange_unauthorized');
    expect(await counts()).toEqual(before);
    await deactivate(true);
    await deliver(retired, envelope);
  });

  it('answers a replayed message with its first answer and applies it once', async () => {
    const before = await counts();
    const envelope = thread(hub).message(1, 'case.transfer', transferBody('RT-69-REPLAY'));
    const jws = await sign(hub, envelope);
    const first = await post(jws);
    expect(first.statusCode, first.body).toBe(200);
    taken.push(envelope);
    expect(first.json()).toEqual({ id: envelope.id, status: 'applied', reference: expect.any(String), trackingCode: expect.stringMatching(/^RT-/) });
    const after = await counts();
    expect(after.cases).toBe(before.cases + 1);
    expect(after.messages).toBe(before.messages + 1);

    // The same JWS again; the same id signed again later; and the same JWS past the skew window (the sender lost our answer).
    const again = [await post(jws), await post(await sign(hub, { ...envelope, sentAt: new Date(Date.now() + 1000).toISOString() }))];
    police.setNow(new Date(Date.now() + 10 * 60_000));
    try {
      again.push(await post(jws));
    } finally {
      police.setNow(undefined);
    }
    for (const response of again) {
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).toBe(first.body);
    }
    expect(await counts()).toEqual(after);
  });

  it('holds a message that comes early (202 pending) and applies it in order once the one before it arrives', async () => {
    const { thread: hubThread, caseId } = await transferred();
    const third = hubThread.message(3, 'case.followed_up', { message: 'ขอให้เร่งดำเนินการ' });
    expect(await deliver(hub, third, 202)).toEqual({ id: third.id, status: 'pending' });
    const waiting = await staffView(police, caseId, 'rtp.officer');
    expect(waiting.timeline.map((event) => event.type)).not.toContain('followed_up');

    const second = hubThread.message(2, 'case.info_added', { message: 'เกิดเหตุทุกคืนวันศุกร์ ประมาณสี่ทุ่ม' });
    expect(await deliver(hub, second)).toEqual({ id: second.id, status: 'applied' });
    const view: CaseDetail = await staffView(police, caseId, 'rtp.officer');
    const types = view.timeline.map((event) => event.type);
    expect(types.filter((type) => type === 'citizen_message' || type === 'followed_up')).toEqual(['citizen_message', 'followed_up']);
    const inbound = (await storedMessages(police, caseId)).filter((message) => message.direction === 'in');
    expect(inbound.map((message) => [message.seq, message.type, message.state])).toEqual([
      [1, 'case.transfer', 'applied'],
      [3, 'case.followed_up', 'applied'],
      [2, 'case.info_added', 'applied'],
    ]);
    // Asked again, the early one answers as it stands now: applied.
    const repeat = await post(await sign(hub, third));
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(repeat.json()).toEqual({ id: third.id, status: 'applied' });
  });

  it('holds what comes before the case itself, and applies it once the transfer arrives', async () => {
    const hubThread = thread(hub);
    const before = await counts();
    const early = hubThread.message(2, 'case.info_added', { message: 'ขอเพิ่มเติมว่าเกิดเหตุทุกคืนวันศุกร์' });
    expect(await deliver(hub, early, 202)).toEqual({ id: early.id, status: 'pending' });
    expect((await counts()).cases).toBe(before.cases);
    const answer = await deliver(hub, hubThread.message(1, 'case.transfer', transferBody('RT-69-LATE01')));
    const view = await staffView(police, String(answer.reference), 'rtp.officer');
    expect(view.timeline.find((event) => event.type === 'citizen_message')?.details).toMatchObject({ message: 'ขอเพิ่มเติมว่าเกิดเหตุทุกคืนวันศุกร์' });
    expect((await storedMessages(police, String(answer.reference))).map((message) => [message.seq, message.state])).toEqual([
      [2, 'applied'],
      [1, 'applied'],
    ]);
  });

  it('refuses a message its side of the thread does not send: the origin cannot accept or resolve the holder’s case', async () => {
    // Types the holder sends back (HOLDER_MESSAGE_TYPES) are not the origin's to send, on a case it sent us.
    const { thread: hubThread, caseId } = await transferred();
    const before = await counts();
    for (const [type, body] of [
      ['case.accepted', {}],
      ['case.resolved', { result: 'fixed', message: 'แก้ไขแล้ว' }],
      ['case.returned', { reason: 'ไม่ใช่ของเรา' }],
    ] as const) {
      expectError(await post(await sign(hub, hubThread.message(2, type, body))), 400, 'validation_failed', ['type']);
    }
    expect(await counts()).toEqual(before);
    expect((await staffView(police, caseId, 'rtp.officer')).status).toBe('received');
  });

  it('refuses a message sent outside the clock skew window: 400 naming sentAt, nothing stored', async () => {
    const before = await counts();
    for (const minutes of [-10, 10]) {
      const sentAt = new Date(Date.now() + minutes * 60_000).toISOString();
      const envelope = thread(hub).message(1, 'case.transfer', transferBody('RT-69-SKEWED'), { sentAt });
      expectError(await post(await sign(hub, envelope)), 400, 'validation_failed', ['sentAt']);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a message to another instance: 400 naming to, nothing stored', async () => {
    const before = await counts();
    const envelope = thread(hub).message(1, 'case.transfer', transferBody('RT-69-ELSEWH'), { to: 'dtc-system' });
    expectError(await post(await sign(hub, envelope)), 400, 'validation_failed', ['to']);
    expect(await counts()).toEqual(before);
  });

  it('refuses what is no message of the protocol with 400 naming the field, nothing stored', async () => {
    const before = await counts();
    const { thread: hubThread } = await transferred();
    const afterTransfer = await counts();
    const followUp = (body: object, overrides: Record<string, unknown> = {}) => sign(hub, hubThread.message(2, 'case.followed_up', body, overrides));

    expectError(await post('not-a-jws'), 400, 'validation_failed', ['jws']);
    expectError(await post(await sign(hub, '{"protocol": "rongthuk-exchange/1", ')), 400, 'validation_failed', ['jws']);
    expectError(await post(await followUp({})), 400, 'validation_failed', ['body.message']);
    expectError(await post(await followUp({ message: 'เร่งด่วน' }, { protocol: 'rongthuk-exchange/2' })), 400, 'validation_failed', ['protocol']);
    expectError(await post(await followUp({ message: 'เร่งด่วน' }, { seq: 0 })), 400, 'validation_failed', ['seq']);
    expectError(await post(await followUp({ message: 'เร่งด่วน', extra: true })), 400, 'validation_failed', ['body']);
    // A lone surrogate inside the signed payload: JSON carries it, no column can hold it.
    expectError(await post(await followUp({ message: 'เร่ง\ud800ด่วน' })), 400, 'validation_failed', ['body.message']);
    // And in the request body itself.
    expectError(await postRaw('{"jws":"abc\\ud800def"}'), 400, 'validation_failed', ['jws']);
    expectError(await postRaw('{"jws": "abc'), 400, 'invalid_json');
    expectError(await postRaw('{}'), 400, 'validation_failed', ['jws']);
    // A message of a thread no case here belongs to.
    expectError(await post(await sign(hub, thread(hub).message(1, 'case.followed_up', { message: 'เร่งด่วน' }))), 400, 'validation_failed', ['thread']);
    expect(await counts()).toEqual(afterTransfer);
    expect(afterTransfer.cases).toBe(before.cases + 1);
  });

  it('serves the protocol as JSON Schema with every message type, and every message taken here is of the protocol', async () => {
    const response = await police.request({ method: 'GET', url: '/api/v1/exchange/schema' });
    expect(response.statusCode).toBe(200);
    const schema = response.json() as { version: string; $ref: string; $defs: { message: { oneOf?: unknown[]; anyOf?: unknown[] }; delivery: unknown; answer: unknown } };
    expect(schema).toMatchObject({ version: EXCHANGE_PROTOCOL, $ref: '#/$defs/message', $defs: { delivery: expect.any(Object), answer: expect.any(Object) } });
    const variants = (schema.$defs.message.oneOf ?? schema.$defs.message.anyOf ?? []) as Array<{ properties: { type: { const: string } } }>;
    expect(variants.map((variant) => variant.properties.type.const).sort()).toEqual([...EXCHANGE_MESSAGE_TYPES].sort());

    expect(taken.length).toBeGreaterThan(5);
    for (const envelope of taken) expect(ExchangeMessageSchema.safeParse(envelope).error).toBeUndefined();
    for (const message of await storedMessages(police)) {
      if (message.direction === 'in') expect(ExchangeMessageSchema.safeParse(JSON.parse(message.payload ?? 'null')).error, message.type).toBeUndefined();
    }
  });
});
