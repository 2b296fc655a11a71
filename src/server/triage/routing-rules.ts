/**
 * กฎการส่งต่อ: managing routing rules (category × area → agency). Read by any staff user;
 * created, changed and deleted by administrators of the target agency (system admins for any),
 * each change audited in its own transaction.
 */
import { canAdministerAgency } from '../agencies/policy/agency.ts';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { conflict, forbidden, invalidInput, notFound, type ErrorDetail } from '../platform/errors.ts';
import { findAdminAreas, findCategory } from '../reference/queries.ts';
import {
  deleteRoutingRule,
  findRoutingRule,
  insertRoutingRule,
  listRoutingRules,
  updateRoutingRule,
  type RoutingRule,
  type RuleValues,
} from './rule-queries.ts';
import type { RuleTarget } from '../../shared/api/triage.ts';

export interface RuleInput {
  categoryCode: string;
  areaCode: string | null;
  agencyCode: string;
  target: RuleTarget;
  automatic: boolean;
  note: string | null;
}

export interface RuleListQuery {
  categoryCode?: string | undefined;
  areaCode?: string | undefined;
  agencyCode?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function listRules(ctx: AppContext, query: RuleListQuery): Promise<{ items: RoutingRule[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeRuleCursor(query.cursor) : undefined;
  const rows = await listRoutingRules(ctx.db, { ...query, after, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeRuleCursor({ categoryCode: last.categoryCode, areaCode: last.areaCode ?? '', id: last.id }) : null,
  };
}

function encodeRuleCursor(cursor: { categoryCode: string; areaCode: string; id: string }): string {
  return Buffer.from(JSON.stringify([cursor.categoryCode, cursor.areaCode, cursor.id])).toString('base64url');
}

function decodeRuleCursor(text: string): { categoryCode: string; areaCode: string; id: string } {
  try {
    const [categoryCode, areaCode, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof categoryCode === 'string' && typeof areaCode === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
      return { categoryCode, areaCode, id };
    }
  } catch {
    // falls through to the error below
  }
  throw invalidInput([{ field: 'query.cursor', message: 'not a cursor from a previous page', messageTh: 'ไม่พบหน้าถัดไปของรายการนี้ กรุณาเริ่มใหม่จากหน้าแรก' }]);
}

/** Checks a rule's references; returns the values to store and the target agency's path. */
async function checkRule(tx: Queryable, input: RuleInput): Promise<{ values: RuleValues; agencyPath: string }> {
  const problems: ErrorDetail[] = [];
  const category = await findCategory(tx, input.categoryCode);
  if (!category || !category.active) problems.push({ field: 'categoryCode', message: `unknown category ${input.categoryCode}`, messageTh: `ไม่พบประเภทเรื่อง ${input.categoryCode}` });
  else if (category.sensitive && input.automatic) {
    problems.push({
      field: 'automatic',
      message: `${category.code} is a sensitive category: a person always decides, so the rule must have automatic: false`,
      messageTh: 'ประเภทเรื่องนี้เป็นเรื่องอ่อนไหว ต้องให้เจ้าหน้าที่พิจารณาเสมอ กรุณายกเลิก “ส่งต่ออัตโนมัติ”',
    });
  }
  if (input.areaCode) {
    const area = (await findAdminAreas(tx, [input.areaCode])).get(input.areaCode);
    if (!area || (area.level !== 'province' && area.level !== 'district')) {
      problems.push({ field: 'areaCode', message: `unknown province or district ${input.areaCode}`, messageTh: `ไม่พบจังหวัดหรืออำเภอรหัส ${input.areaCode}` });
    }
  }
  const agency = await findAgencyRefByCode(tx, input.agencyCode);
  if (!agency || !agency.active) problems.push({ field: 'agencyCode', message: `unknown agency ${input.agencyCode}`, messageTh: `ไม่พบหน่วยงาน ${input.agencyCode} หรือหน่วยงานปิดใช้งานแล้ว` });
  if (problems.length || !agency) throw invalidInput(problems);
  return {
    values: { categoryCode: input.categoryCode, areaCode: input.areaCode, agencyId: agency.id, target: input.target, automatic: input.automatic, note: input.note },
    agencyPath: agency.path,
  };
}

const RULE_EXISTS = () =>
  conflict('rule_exists', 'A rule with this category, area, agency and target exists already', 'มีกฎการส่งต่อนี้อยู่แล้ว');

export async function createRule(ctx: AppContext, user: AuthUser, input: RuleInput): Promise<RoutingRule> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const { values, agencyPath } = await checkRule(tx, input);
    if (!canAdministerAgency(user, agencyPath)) throw forbidden(
        'Only a system administrator, or the administrator of the target agency, sets routing rules to it',
        'เฉพาะผู้ดูแลระบบ หรือผู้ดูแลของหน่วยงานปลายทาง เท่านั้นที่กำหนดกฎการส่งต่อไปยังหน่วยงานนั้นได้',
      );
    const id = await insertRoutingRule(tx, values, user.id, now);
    if (!id) throw RULE_EXISTS();
    await recordAudit(tx, { actor: { userId: user.id, label: user.username }, action: 'routing_rule.create', entityType: 'routing_rule', entityId: id, details: { ...input }, at: now });
    const rule = await findRoutingRule(tx, id);
    if (!rule) throw new Error(`routing rule ${id} vanished`);
    return rule;
  });
}

export async function replaceRule(ctx: AppContext, user: AuthUser, id: string, input: RuleInput): Promise<RoutingRule> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const existing = await findRoutingRule(tx, id);
    if (!existing) throw notFound('Routing rule', 'กฎการส่งต่อ');
    if (!canAdministerAgency(user, existing.agencyPath)) throw forbidden('You may not change this routing rule', 'ท่านไม่มีสิทธิ์แก้ไขกฎการส่งต่อนี้');
    const { values, agencyPath } = await checkRule(tx, input);
    if (!canAdministerAgency(user, agencyPath)) throw forbidden('You may not route cases to this agency', 'ท่านไม่มีสิทธิ์กำหนดให้ส่งเรื่องไปยังหน่วยงานนี้');
    if (!(await updateRoutingRule(tx, id, values, now))) throw RULE_EXISTS();
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'routing_rule.update',
      entityType: 'routing_rule',
      entityId: id,
      details: { before: { categoryCode: existing.categoryCode, areaCode: existing.areaCode, agencyCode: existing.agencyCode, target: existing.target, automatic: existing.automatic }, after: { ...input } },
      at: now,
    });
    const rule = await findRoutingRule(tx, id);
    if (!rule) throw new Error(`routing rule ${id} vanished`);
    return rule;
  });
}

export async function removeRule(ctx: AppContext, user: AuthUser, id: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const existing = await findRoutingRule(tx, id);
    if (!existing) throw notFound('Routing rule', 'กฎการส่งต่อ');
    if (!canAdministerAgency(user, existing.agencyPath)) throw forbidden('You may not delete this routing rule', 'ท่านไม่มีสิทธิ์ลบกฎการส่งต่อนี้');
    await deleteRoutingRule(tx, id);
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'routing_rule.delete',
      entityType: 'routing_rule',
      entityId: id,
      details: { categoryCode: existing.categoryCode, areaCode: existing.areaCode, agencyCode: existing.agencyCode, target: existing.target },
      at: now,
    });
  });
}
