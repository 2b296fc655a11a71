/**
 * The exchange's message log as people read it: a case's trail (its links to partner systems
 * and every message of them, for whoever may view the case) and the whole log for system
 * administrators (by partner, direction and state; a dead message is sent again from there).
 */
import type { z } from 'zod';
import type { CaseExchange, ExchangeMessageListQuerySchema, ExchangeMessageView } from '../../shared/api/exchange.ts';
import { can } from '../agencies/policy/case.ts';
import { canManagePartners } from '../agencies/policy/agency.ts';
import { caseFactsFor } from '../agencies/scope.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { decodeCursor, encodeCursor } from '../cases/list-cursor.ts';
import { findCaseInScope } from '../cases/queries.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, invalidInput, noCaseWork, notFound } from '../platform/errors.ts';
import { findMessage, findPartnerKeys, listCaseLinks, listCaseMessages, listMessages, type StoredMessage } from './queries.ts';

export function presentMessage(message: StoredMessage): ExchangeMessageView {
  return {
    id: message.id,
    direction: message.direction,
    messageId: message.messageId,
    partner: { code: message.partnerCode, name: message.partnerName },
    caseId: message.caseId,
    type: message.type,
    seq: message.seq,
    state: message.state,
    attempts: message.attempts,
    lastError: message.lastError,
    remoteReference: message.direction === 'out' ? (message.answer?.reference ?? null) : null,
    createdAt: message.createdAt.toISOString(),
    settledAt: message.settledAt?.toISOString() ?? null,
  };
}

/** A case's exchange trail, for whoever may view the case (404 outside their scope). */
export async function caseExchange(ctx: AppContext, user: AuthUser, caseId: string): Promise<CaseExchange> {
  const record = await findCaseInScope(ctx.db, user, caseId);
  if (!record) throw notFound('Case', 'เรื่อง');
  if (!can(user, 'view', caseFactsFor(user, record))) throw noCaseWork();
  const [links, messages] = await Promise.all([listCaseLinks(ctx.db, caseId), listCaseMessages(ctx.db, caseId)]);
  return {
    links: links.map((link) => ({
      partner: { code: link.partnerCode, name: link.partnerName },
      direction: link.direction,
      active: link.active,
      remoteReference: link.remoteReference,
      remoteTrackingCode: link.remoteTrackingCode,
    })),
    messages: messages.map(presentMessage),
  };
}

function requireAdministrator(user: AuthUser): void {
  if (!canManagePartners(user)) throw forbidden('Only system administrators read the exchange log', 'เฉพาะผู้ดูแลระบบเท่านั้นที่ดูบันทึกการแลกเปลี่ยนได้');
}

/** The log, newest first, in keyset pages; 400 naming `partner` for an unknown one. */
export async function listExchangeMessages(ctx: AppContext, user: AuthUser, query: z.output<typeof ExchangeMessageListQuerySchema>): Promise<{ items: ExchangeMessageView[]; nextCursor: string | null }> {
  requireAdministrator(user);
  const partner = query.partner ? await findPartnerKeys(ctx.db, query.partner) : undefined;
  if (query.partner && !partner) throw invalidInput([{ field: 'partner', message: `unknown partner ${query.partner}`, messageTh: `ไม่พบระบบคู่ความร่วมมือ ${query.partner}` }]);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await listMessages(ctx.db, { partnerId: partner?.id, direction: query.direction, state: query.state, before: after && { at: after.receivedAt, id: after.id }, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items: items.map(presentMessage), nextCursor: rows.length > query.limit && last ? encodeCursor({ receivedAt: last.createdAt, id: last.id }) : null };
}

/** One message of the log with its envelope and JWS. */
export async function getExchangeMessage(ctx: AppContext, user: AuthUser, id: string) {
  requireAdministrator(user);
  const message = await findMessage(ctx.db, id);
  if (!message) throw notFound('Exchange message', 'ข้อความแลกเปลี่ยน');
  return { ...presentMessage(message), envelope: message.envelope, jws: message.jws, answer: message.answer ?? null };
}
