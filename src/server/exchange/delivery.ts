/**
 * Delivering outbound messages (the outbox's job, one per message): each attempt signs the
 * envelope with the time of sending and posts it to the partner. The partner's answer (its
 * reference of the case, for a transfer) is kept; a failure is recorded with its error and
 * retried with exponential backoff (the job system's) until the bound, then the message is
 * dead until an administrator sends it again.
 */
import { z } from 'zod';
import { ExchangeAnswerSchema, type ExchangeAnswer } from '../../shared/api/exchange-messages.ts';
import { canManagePartners } from '../agencies/policy/agency.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Config } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { conflict, forbidden, notFound } from '../platform/errors.ts';
import { defineJobHandler, enqueueJob, type JobHandler } from '../platform/jobs.ts';
import { instanceKeyOf } from './instance-key.ts';
import { DELIVER_JOB } from './outbox.ts';
import { findMessage, findPartnerKeysById, recordDelivery, setRemoteReference, type StoredMessage } from './queries.ts';
import { signEnvelope } from './signing.ts';

/** How long one attempt may wait for the partner. */
const DELIVERY_TIMEOUT_MS = 15_000;
/** Kept of a partner's error answer: enough to say what went wrong. */
const ERROR_TEXT_LIMIT = 500;

export class DeliveryFailed extends Error {}

/** The job that delivers one message; its retry policy is the configuration's. */
export function deliveryHandler(config: Config): JobHandler<{ messageId: string }> {
  return defineJobHandler({
    type: DELIVER_JOB,
    payload: z.object({ messageId: z.uuid() }),
    maxAttempts: config.exchange.maxAttempts,
    backoffSeconds: config.exchange.retrySeconds,
    async handle(ctx, { messageId }, job) {
      await deliverMessage(ctx, messageId, { finalAttempt: job.attempt >= ctx.config.exchange.maxAttempts });
    },
  });
}

/** One attempt at delivering a message; throws when it failed (the job retries unless this was the last attempt). */
export async function deliverMessage(ctx: AppContext, messageId: string, options: { finalAttempt: boolean }): Promise<void> {
  const message = await findMessage(ctx.db, messageId);
  // Delivered already (a repeated job), or given up: nothing to do.
  if (!message || message.direction !== 'out' || message.state === 'delivered' || message.state === 'dead' || message.state === 'exported') return;
  const outcome = await attempt(ctx, message);
  const at = ctx.now();
  if (outcome.ok) {
    await ctx.db.transaction(async (tx) => {
      await recordDelivery(tx, message.id, { state: 'delivered', jws: outcome.jws, answer: outcome.answer, at, countAttempt: true });
      if (message.type === 'case.transfer' && outcome.answer.reference && message.caseId) {
        await setRemoteReference(tx, message.caseId, message.partnerId, outcome.answer.reference, outcome.answer.trackingCode ?? null);
      }
    });
    return;
  }
  await recordDelivery(ctx.db, message.id, { state: options.finalAttempt ? 'dead' : 'failed', jws: outcome.jws, lastError: outcome.error, at, countAttempt: true });
  throw new DeliveryFailed(`${message.type} to ${message.partnerCode}: ${outcome.error}`);
}

type Attempt = { ok: true; jws: string; answer: ExchangeAnswer } | { ok: false; jws: string | null; error: string };

async function attempt(ctx: AppContext, message: StoredMessage): Promise<Attempt> {
  const partner = await findPartnerKeysById(ctx.db, message.partnerId);
  if (!partner?.active || !partner.baseUrl) return { ok: false, jws: null, error: 'the partner is inactive or has no base URL' };
  const jws = await signEnvelope(await instanceKeyOf(ctx), { ...message.envelope, sentAt: ctx.now().toISOString() });
  let response: Response;
  try {
    response = await fetch(new URL('/api/v1/exchange/messages', withSlash(partner.baseUrl)), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ jws }),
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (error) {
    return { ok: false, jws, error: `no answer: ${describeFetchError(error)}` };
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) return { ok: false, jws, error: `HTTP ${response.status}: ${errorSummary(text)}` };
  let answer: ExchangeAnswer;
  try {
    answer = ExchangeAnswerSchema.parse(JSON.parse(text));
  } catch {
    return { ok: false, jws, error: `HTTP ${response.status} with an answer that is not the protocol's` };
  }
  if (answer.id !== message.messageId) return { ok: false, jws, error: `the answer names message ${answer.id}, not ${message.messageId}` };
  return { ok: true, jws, answer };
}

/** Our one error shape's code and message, when the partner answered with it; else the start of the body. */
function errorSummary(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: Array<{ field?: unknown; message?: unknown }> } };
    if (body.error) {
      const details = (body.error.details ?? []).map((detail) => `${String(detail.field ?? '')}: ${String(detail.message ?? '')}`).join('; ');
      return `${String(body.error.code ?? '')} ${String(body.error.message ?? '')}${details ? ` (${details})` : ''}`.slice(0, ERROR_TEXT_LIMIT);
    }
  } catch {
    // Not JSON: the text itself.
  }
  return text.slice(0, ERROR_TEXT_LIMIT) || '(empty)';
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause?.code) return String(cause.code);
  return error instanceof Error ? error.name === 'TimeoutError' ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : error.message : String(error);
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/** An administrator sends a dead (or failed) message again: queued, with a fresh run of attempts. */
export async function retryMessage(ctx: AppContext, user: AuthUser, id: string): Promise<StoredMessage> {
  if (!canManagePartners(user)) throw forbidden('Only system administrators retry exchange messages', 'เฉพาะผู้ดูแลระบบเท่านั้นที่ส่งข้อความแลกเปลี่ยนซ้ำได้');
  return ctx.db.transaction(async (tx) => {
    const message = await findMessage(tx, id, { lock: true });
    if (!message || message.direction !== 'out') throw notFound('Exchange message', 'ข้อความแลกเปลี่ยน');
    if (message.state !== 'dead' && message.state !== 'failed') {
      throw conflict('not_retryable', `The message is ${message.state}: only a dead or failed message is sent again`, 'ส่งซ้ำได้เฉพาะข้อความที่ส่งไม่สำเร็จเท่านั้น');
    }
    const at = ctx.now();
    await recordDelivery(tx, message.id, { state: 'queued', lastError: message.lastError, at, countAttempt: false });
    await enqueueJob(tx, { type: DELIVER_JOB, payload: { messageId: message.id }, maxAttempts: ctx.config.exchange.maxAttempts, idempotencyKey: `${DELIVER_JOB}:${message.id}:${message.attempts}` });
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'exchange.retry',
      entityType: 'exchange_message',
      entityId: message.id,
      details: { messageId: message.messageId, partner: message.partnerCode, type: message.type, attempts: message.attempts },
      at,
    });
    return (await findMessage(tx, message.id)) as StoredMessage;
  });
}
