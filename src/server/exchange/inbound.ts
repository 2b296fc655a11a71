/**
 * Receiving a partner's message (POST /api/v1/exchange/messages): the signature is checked
 * against the registered partner's keys before anything is stored (an unknown partner or a bad
 * signature: 401), the time of sending must lie in the skew window, every message is stored
 * once (a repeated id answers the first answer again), and a thread's messages are applied in
 * sequence order — one that comes early waits (pending) for those before it.
 */
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGES } from '../platform/validation.ts';
import { ExchangeMessageSchema, HOLDER_MESSAGE_TYPES, ORIGIN_MESSAGE_TYPES, type ExchangeAnswer, type ExchangeMessage } from '../../shared/api/exchange-messages.ts';
import { PartnerCodeSchema } from '../../shared/api/exchange.ts';
import type { IncomingFile } from '../attachments/file-checks.ts';
import { withStoredFiles, type StoredFile } from '../attachments/stored-files.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { AppError, invalidInput, type ErrorDetail } from '../platform/errors.ts';
import { applyMessage } from './apply.ts';
import { findInboundMessage, findLinkByThread, findPartnerKeys, findPendingInbound, insertMessage, lockThread, setLastInSeq, setMessageAnswer, settleInbound, type PartnerKeys } from './queries.ts';
import { UnreadableMessage, unverifiedPayload, verifyWithPartnerKeys } from './signing.ts';

export interface Received {
  statusCode: 200 | 202;
  answer: ExchangeAnswer;
}

const unauthorized = (message: string, messageTh: string) => new AppError(401, 'exchange_unauthorized', message, messageTh);

/** Checks, stores and applies one delivery; throws the AppError the sender is answered with. */
export async function receiveMessage(ctx: AppContext, jws: string): Promise<Received> {
  let claimed: unknown;
  try {
    claimed = unverifiedPayload(jws);
  } catch (error) {
    if (error instanceof UnreadableMessage) throw invalidInput([{ field: 'jws', message: error.message, messageTh: 'ข้อความไม่อยู่ในรูปแบบ JWS ที่ถูกต้อง' }]);
    throw error;
  }
  const from = PartnerCodeSchema.safeParse((claimed as { from?: unknown } | null)?.from);
  const partner = from.success ? await findPartnerKeys(ctx.db, from.data) : undefined;
  // One answer for a sender we do not know and a signature that fails: nothing to probe with.
  if (!partner?.active || (!partner.jwks && !partner.jwksUrl)) throw unauthorized('Unknown partner or bad signature', 'ไม่รู้จักระบบผู้ส่ง หรือลายมือชื่อดิจิทัลไม่ถูกต้อง');
  const verified = await verifyWithPartnerKeys(jws, partner);
  if (!verified.ok && verified.reason === 'keys_unavailable') {
    throw new AppError(503, 'partner_keys_unavailable', "The partner's public keys could not be fetched; try again later", 'ไม่สามารถดึงกุญแจสาธารณะของระบบผู้ส่งได้ กรุณาลองใหม่ภายหลัง');
  }
  if (!verified.ok) throw unauthorized('Unknown partner or bad signature', 'ไม่รู้จักระบบผู้ส่ง หรือลายมือชื่อดิจิทัลไม่ถูกต้อง');
  // The signature covers the very bytes `claimed` was read from: no need to parse them again.
  const message = parseMessage(claimed);
  if (message.from !== partner.code) throw unauthorized('Unknown partner or bad signature', 'ไม่รู้จักระบบผู้ส่ง หรือลายมือชื่อดิจิทัลไม่ถูกต้อง');

  // A repeat is answered before the clock is looked at: the sender lost our first answer.
  const repeat = await findInboundMessage(ctx.db, partner.id, message.id);
  if (repeat?.answer) return answerOf(repeat.answer);
  if (message.to !== ctx.config.instanceCode) {
    throw invalidInput([{ field: 'to', message: `this instance is ${ctx.config.instanceCode}, not ${message.to}`, messageTh: `ข้อความนี้ส่งถึงระบบ ${message.to} ไม่ใช่ระบบนี้ (${ctx.config.instanceCode})` }]);
  }
  checkSide(message, ctx.config.instanceCode);
  const skewMs = Math.abs(ctx.now().getTime() - new Date(message.sentAt).getTime());
  if (skewMs > ctx.config.exchange.skewSeconds * 1000) {
    throw invalidInput([
      {
        field: 'sentAt',
        message: `outside the clock skew window of ${ctx.config.exchange.skewSeconds} s (ours is ${ctx.now().toISOString()})`,
        messageTh: `เวลาที่ส่งห่างจากเวลาของระบบนี้เกิน ${ctx.config.exchange.skewSeconds} วินาที กรุณาตรวจสอบนาฬิกาของระบบผู้ส่ง`,
      },
    ]);
  }
  const files = message.type === 'case.transfer' ? incomingFiles(message) : [];
  return withStoredFiles(ctx, files, (stored) =>
    ctx.db.transaction(async (tx) => {
      await lockThread(tx, partner.id, message.thread);
      // Two deliveries of one message at once: the second waits on the lock and answers the first's answer.
      const again = await findInboundMessage(tx, partner.id, message.id);
      if (again?.answer) return answerOf(again.answer);
      return storeAndApply(tx, ctx, partner, message, jws, stored);
    }),
  );
}

/**
 * A thread is the origin's and the holder's: the origin (the case came from it) sends what its
 * citizen and staff do, the holder what it does with the case. A message from the wrong side,
 * or about a thread of a third instance, is refused.
 */
function checkSide(message: ExchangeMessage, ourCode: string): void {
  const weAreOrigin = message.thread.origin === ourCode;
  if (!weAreOrigin && message.thread.origin !== message.from) {
    throw invalidInput([{ field: 'thread.origin', message: 'must name the sender or this instance', messageTh: 'เรื่องที่อ้างถึงต้องมาจากระบบผู้ส่งหรือระบบนี้' }]);
  }
  const allowed: readonly string[] = weAreOrigin ? HOLDER_MESSAGE_TYPES : ORIGIN_MESSAGE_TYPES;
  if (!allowed.includes(message.type)) {
    throw invalidInput([
      {
        field: 'type',
        message: `${message.type} is not sent by the ${weAreOrigin ? 'system holding' : 'origin of'} the case`,
        messageTh: weAreOrigin ? 'ระบบที่รับเรื่องไปดำเนินการส่งข้อความประเภทนี้ไม่ได้' : 'ระบบต้นทางของเรื่องส่งข้อความประเภทนี้ไม่ได้',
      },
    ]);
  }
}

function answerOf(answer: ExchangeAnswer): Received {
  return { statusCode: answer.status === 'applied' ? 200 : 202, answer };
}

/** The verified payload as a message of the protocol, or 400 naming each field at fault. */
function parseMessage(payload: unknown): ExchangeMessage {
  const unstorable = findUnstorableText(payload);
  if (unstorable) throw invalidInput([{ field: unstorable.path.join('.'), ...UNSTORABLE_TEXT_MESSAGES[unstorable.problem] }]);
  const parsed = ExchangeMessageSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const problems: ErrorDetail[] = parsed.error.issues.slice(0, 20).map((issue) => ({
    field: issue.path.join('.') || 'jws',
    message: issue.message,
    messageTh: 'ข้อมูลในข้อความไม่เป็นไปตามโปรโตคอลการแลกเปลี่ยน',
  }));
  throw invalidInput(problems);
}

function incomingFiles(message: Extract<ExchangeMessage, { type: 'case.transfer' }>): IncomingFile[] {
  return message.body.files.map((file, index) => ({ field: `body.files.${index}`, clientName: file.fileName, bytes: Buffer.from(file.contentBase64, 'base64') }));
}

/**
 * Stores the message and applies it when it is the thread's next (then any that waited for
 * it); otherwise it waits, pending. The answer is stored with it.
 */
async function storeAndApply(tx: Queryable, ctx: AppContext, partner: PartnerKeys, message: ExchangeMessage, jws: string, files: readonly StoredFile[]): Promise<Received> {
  const now = ctx.now();
  const link = await findLinkByThread(tx, partner.id, message.thread, { lock: true });
  const expected = (link?.lastInSeq ?? 0) + 1;
  const id = await insertMessage(tx, {
    direction: 'in',
    messageId: message.id,
    partnerId: partner.id,
    caseId: link?.caseId ?? null,
    type: message.type,
    thread: message.thread,
    seq: message.seq,
    envelope: message,
    jws,
    state: 'pending',
    at: now,
  });
  if (!id) throw new Error('an inbound message id stored twice under the thread lock');
  if (message.seq > expected) {
    const answer: ExchangeAnswer = { id: message.id, status: 'pending' };
    await setMessageAnswer(tx, id, answer);
    return answerOf(answer);
  }
  // An old number the thread is past (a sender that re-numbered): kept, applied no more.
  const first = message.seq < expected ? { caseId: link?.caseId ?? null, extra: {} } : await applyMessage(tx, ctx, { partner, message, link, files });
  const answer: ExchangeAnswer = { id: message.id, status: 'applied', ...first.extra };
  await settleInbound(tx, id, { state: 'applied', caseId: first.caseId, answer, at: now });
  if (message.seq === expected && first.caseId) await drainPending(tx, ctx, partner, message, first.caseId);
  return answerOf(answer);
}

/** Applies the messages that waited for the one just applied, in order, while the next is there. */
async function drainPending(tx: Queryable, ctx: AppContext, partner: PartnerKeys, applied: ExchangeMessage, caseId: string): Promise<void> {
  let seq = applied.seq;
  await setLastInSeq(tx, caseId, partner.id, seq);
  for (;;) {
    const waiting = await findPendingInbound(tx, partner.id, applied.thread, seq + 1);
    if (!waiting) return;
    const message = ExchangeMessageSchema.parse(waiting.envelope);
    const link = await findLinkByThread(tx, partner.id, applied.thread, { lock: true });
    // A transfer that waited brings its files no more (they were not kept while it waited): the case is made without them.
    const outcome = await applyMessage(tx, ctx, { partner, message, link, files: [] });
    await settleInbound(tx, waiting.id, { state: 'applied', caseId: outcome.caseId, answer: { id: message.id, status: 'applied', ...outcome.extra }, at: ctx.now() });
    seq = message.seq;
    await setLastInSeq(tx, outcome.caseId ?? caseId, partner.id, seq);
  }
}
