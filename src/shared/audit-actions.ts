/**
 * Audit actions (บันทึกการตรวจสอบ, the audit log): every action the application records and the
 * details it carries, as one zod discriminated union — the single source of their types. The
 * server checks a record against it before appending it to the hash chain
 * (src/server/platform/audit.ts, `recordAudit`). The details are exactly what the writers have
 * stored since each action was introduced: a field is optional where some writer leaves it out.
 * Checking never changes what is stored: the record is written as the writer built it.
 *
 * It lives in shared, not in the platform, because its vocabulary (case statuses, channels,
 * roles, case actions) is the capabilities' and shared is the one layer both may import.
 */
import { z } from 'zod';
import { AgencyChannelSchema } from './api/channels.ts';
import { CASE_ACTIONS, CASE_STATUSES, CHANNELS, ROLES, type CaseAction } from './case-model.ts';

/** A calendar date, YYYY-MM-DD (Bangkok). */
const date = z.iso.date();
const status = z.enum(CASE_STATUSES);
/** How many files (ไฟล์แนบ) came with the action; absent when none did. */
const files = z.number().int().positive().optional();
const count = z.number().int().nonnegative();

/** A case list filter as the audit keeps it: search text redacted, identity look-ups named only. */
const redactedFilter = z.looseObject({
  q: z.string().optional(),
  phone: z.literal('[redacted]').optional(),
  nationalId: z.literal('[redacted]').optional(),
});

/** A routing rule as the administrator submitted it. */
const ruleInput = z.strictObject({
  categoryCode: z.string(),
  areaCode: z.string().nullable(),
  agencyCode: z.string(),
  target: z.string(),
  automatic: z.boolean(),
  note: z.string().nullable(),
});

/** An agency's channel as its administrator set it (ช่องทางรับเรื่องร้องเรียน: public contact details, no personal data). */
const channelEntry = AgencyChannelSchema.omit({ id: true }).strict();

/** A partner system as the registry keeps it; inline keys by their ids only. */
const partnerEntry = z.strictObject({
  name: z.string(),
  /** How the partner is reached: its API, or files (absent in records written before file partners). */
  delivery: z.enum(['api', 'file']).optional(),
  baseUrl: z.string().nullable(),
  jwksUrl: z.string().nullable(),
  /** The kids of inline keys (none given: empty); null when the keys come from jwksUrl. */
  jwksKids: z.array(z.string()).nullable(),
  agencies: z.array(z.string()),
  identity: z.enum(['none', 'contact', 'full']),
  text: z.enum(['redacted', 'full']),
  attachments: z.boolean(),
  active: z.boolean(),
});

/** A field of a user account that changed, before and after. */
const change = <T extends z.ZodType>(value: T) => z.strictObject({ from: value, to: value }).optional();

/** A status change of a case: every record of an action on a case carries these. */
const caseStep = { trackingCode: z.string(), from: status, to: status };

/** An action on a case by staff (or the system, closing after the confirmation window). */
const caseAction = z.strictObject({
  ...caseStep,
  /** รวมเรื่อง: the case this one was merged into. */
  intoCaseId: z.string().optional(),
  handover: z.enum(['assign', 'forward', 'return']).optional(),
  toAgencyId: z.string().optional(),
  /** Returned to the partner system it came from (its code). */
  toPartner: z.string().optional(),
  /** ยุติเรื่องอัตโนมัติ: the system closed it when the citizen's confirmation window ended. */
  by: z.literal('system').optional(),
  confirmationUntil: date.optional(),
  files,
});

/** A complaint report (รายงานผลการดำเนินงานเรื่องร้องเรียน): whose, for which period, which version. */
const reportStep = { agencyCode: z.string(), from: date, to: date, version: z.number().int().positive() };

const record = <A extends string, D extends z.ZodType>(action: A, details: D) => z.strictObject({ action: z.literal(action), details });
/** An action recorded with no details: stored as `{}`. */
const bare = <A extends string>(action: A) => z.strictObject({ action: z.literal(action), details: z.strictObject({}).optional() });

/** The staff actions on a case (cases/commands/, one command per action): `case.<action>`, one for each case action. */
const caseActionRecords = CASE_ACTIONS.map((action) => record(`case.${action}` as const, caseAction)) as unknown as [
  z.ZodObject<{ action: z.ZodLiteral<`case.${CaseAction}`>; details: typeof caseAction }>,
];

/** The action and details of an audit record, by action. */
export const AuditContentSchema = z.discriminatedUnion('action', [
  // Accounts and sessions.
  record('auth.login', z.strictObject({ ip: z.string() })),
  // A failed sign-in: a keyed hash of the name typed when it is no account's, never the text.
  record('auth.login_failed', z.strictObject({ ip: z.string(), knownUser: z.boolean(), usernameHash: z.string().optional() })),
  bare('auth.logout'),
  record('user.create', z.strictObject({ username: z.string(), role: z.enum(ROLES), agencyCode: z.string() })),
  record(
    'user.update',
    z.strictObject({
      username: z.string(),
      changes: z.strictObject({
        displayName: change(z.string().nullable()),
        email: change(z.string().nullable()),
        role: change(z.enum(ROLES)),
        active: change(z.boolean()),
        password: z.literal('changed').optional(),
      }),
      sessionsEnded: count,
    }),
  ),
  // Cases: filed, acted on, answered by the citizen.
  record('case.create', z.strictObject({ trackingCode: z.string(), channel: z.enum(CHANNELS), anonymous: z.boolean(), files })),
  ...caseActionRecords,
  record('case.citizen_message', z.strictObject({ ...caseStep, files })),
  // ประเมินผล: the citizen's rating, closing the case or asking it be looked at again.
  record('case.feedback', z.strictObject({ ...caseStep, rating: z.number().int().optional() })),
  record('case.feedback_reopen', z.strictObject({ ...caseStep, rating: z.number().int().optional() })),
  // รหัสติดตาม: the citizen's access key asked for, taken into use, reissued by staff.
  // sentBy: the notification channel (email, line, sms) the key went by; null when there was none.
  record('case.access_key_request', z.strictObject({ trackingCode: z.string(), sentBy: z.string().nullable() })),
  record('case.access_key_replaced', z.strictObject({ trackingCode: z.string(), by: z.literal('citizen') })),
  record('case.access_key_reissue', z.strictObject({ trackingCode: z.string(), identityCheck: z.string(), pendingKeyCleared: z.boolean() })),
  // Access to personal data.
  record('identity.view', z.strictObject({ trackingCode: z.string(), complainantId: z.string().nullable() })),
  record('attachment.view', z.strictObject({ trackingCode: z.string(), attachmentId: z.string(), fileName: z.string(), uploadedBy: z.enum(['citizen', 'staff']) })),
  record('cases.search_by_complainant', z.strictObject({ by: z.array(z.enum(['phone', 'national_id'])), found: count, caseIds: z.array(z.string()) })),
  record('cases.export', z.strictObject({ filter: redactedFilter, rows: count, truncated: z.boolean() })),
  record('saved_filter.create', z.strictObject({ name: z.string(), query: redactedFilter })),
  record('saved_filter.delete', z.strictObject({ name: z.string() })),
  // Administration: routing rules, SLA policies, the calendar of days off.
  record('routing_rule.create', ruleInput),
  record(
    'routing_rule.update',
    z.strictObject({ before: ruleInput.omit({ note: true }), after: ruleInput }),
  ),
  record('routing_rule.delete', ruleInput.omit({ automatic: true, note: true })),
  record(
    'sla_policy.save',
    z.strictObject({
      categoryCode: z.string().nullable(),
      agencyCode: z.string().nullable(),
      targetBusinessDays: z.number().int(),
      dueSoonBusinessDays: z.number().int(),
      progressIntervalBusinessDays: z.number().int(),
      statutoryBusinessDays: z.number().int().nullable(),
      legalBasis: z.string().nullable(),
      extensionLimitBusinessDays: z.number().int(),
      cceoEscalationBusinessDays: z.number().int(),
    }),
  ),
  bare('sla_policy.remove'),
  // A day off added by hand, or imported (`source` names where from).
  record('calendar.add', z.strictObject({ date, name: z.string(), agencyCode: z.string().nullable(), source: z.string().optional() })),
  record('calendar.remove', z.strictObject({ date, name: z.string(), agencyCode: z.string().nullable() })),
  // An agency's channels: added, changed (before and after), removed — deleted, or deactivated when cases name it.
  record('agency_channel.create', channelEntry.extend({ agencyCode: z.string() })),
  record('agency_channel.update', z.strictObject({ agencyCode: z.string(), before: channelEntry, after: channelEntry })),
  record('agency_channel.remove', z.strictObject({ agencyCode: z.string(), kind: z.enum(CHANNELS), labelTh: z.string(), outcome: z.enum(['deleted', 'deactivated']) })),
  // E-mail intake: an agency's mailbox connected (its IMAP URL is never recorded: it holds the
  // password), and a message kept for a person because it could not be taken in (why, and its UID).
  record('email_mailbox.connect', z.strictObject({ agencyCode: z.string(), channelId: z.string(), folder: z.string(), replaced: z.boolean() })),
  record('email_message.hold', z.strictObject({ agencyCode: z.string(), uid: count, reason: z.string() })),
  // A kept message read by an administrator (it holds personal data), and marked dealt with.
  record('email_message.read', z.strictObject({ agencyCode: z.string(), uid: count })),
  record('email_message.dealt_with', z.strictObject({ agencyCode: z.string(), uid: count })),
  // A chat account (LINE official account, Facebook page) connected to an agency's channel, or its credentials replaced (never recorded).
  record('chat_account.configure', z.strictObject({ agencyCode: z.string(), provider: z.enum(['line', 'facebook']), agencyChannelId: z.string(), apiBase: z.string().nullable(), created: z.boolean() })),
  // The periodic complaint report: drafted (a new version says what changed), its texts edited
  // (the fields named), submitted, approved or sent back with the head's comment, published.
  record('report.create', z.strictObject({ ...reportStep, changeNote: z.string().optional() })),
  record('report.update', z.strictObject({ ...reportStep, fields: z.array(z.string()) })),
  record('report.submit', z.strictObject(reportStep)),
  record('report.approve', z.strictObject(reportStep)),
  record('report.send_back', z.strictObject({ ...reportStep, comment: z.string() })),
  record('report.publish', z.strictObject(reportStep)),
  // The partner registry (exchange between systems): a partner as registered, and what changed.
  record('partner.create', partnerEntry.extend({ code: z.string() })),
  record('partner.update', z.strictObject({ code: z.string(), before: partnerEntry, after: partnerEntry })),
  record('partner.remove', partnerEntry.extend({ code: z.string() })),
  // An administrator sent a dead message once more; an export of a file partner's cases taken, its status updates imported.
  record('exchange.retry', z.strictObject({ messageId: z.string(), partner: z.string(), type: z.string(), attempts: count })),
  record('exchange.export', z.strictObject({ partner: z.string(), cases: count, messages: count, format: z.enum(['csv', 'json']) })),
  record('exchange.import', z.strictObject({ partner: z.string(), rows: count, applied: count })),
  // The dashboard's rollups recounted from the cases (`rongthuk rollups rebuild`): how many counters it corrected.
  record('rollups.rebuild', z.strictObject({ cases: count, counters: count, corrected: count })),
  // An app registered to file through Open311 (its api_key issued), or its key revoked.
  record('open311_app.create', z.strictObject({ name: z.string(), keyPrefix: z.string() })),
  record('open311_app.revoke', z.strictObject({ name: z.string(), keyPrefix: z.string() })),
]);

export type AuditContent = z.infer<typeof AuditContentSchema>;
export type AuditAction = AuditContent['action'];
/** The details of one action. */
export type AuditDetails<A extends AuditAction> = DetailsOf<AuditContent, A>;
/** By member, not Extract: the `case.<action>` member's action is a union of literals. */
type DetailsOf<C, A> = C extends { action: infer Action; details: infer Details } ? (A extends Action ? Details : never) : never;

/** Every action of the union. */
export const AUDIT_ACTIONS = AuditContentSchema.options.map((option) => option.shape.action.value) as AuditAction[];

/**
 * Why `content` is not an audit record, as one line per problem naming the action's fields and
 * what is wrong with them (never their values: they may be personal data); undefined when it is.
 */
export function auditContentProblems(content: unknown): string[] | undefined {
  const parsed = AuditContentSchema.safeParse(content);
  if (parsed.success) return undefined;
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message}`);
}
