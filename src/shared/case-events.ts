/**
 * Case events (ประวัติเรื่อง, the case's history): every event type and the payload it carries,
 * as one zod discriminated union — the single source of their types. The server validates an
 * event against it before writing it and parses events read back with it, so a payload's
 * fields are typed wherever they are read. The payloads are exactly what the writers have
 * stored since these were introduced: a field is optional where some writer leaves it out.
 */
import { z } from 'zod';
import { CHANNELS, RESOLUTION_RESULTS, ROLES } from './case-model.ts';

/** A calendar date, YYYY-MM-DD (Bangkok). */
const date = z.iso.date();
/** How many files (ไฟล์แนบ) came with the event; absent when none did. */
const files = z.number().int().positive().optional();

/** A hand-over (มอบหมาย, ส่งต่อ, ส่งคืน) under the new holder's SLA policy moved the deadline. */
const deadlineMove = {
  previousDueDate: date.optional(),
  dueDate: date.optional(),
  targetBusinessDays: z.number().int().optional(),
};

/** A person set the category while screening or assigning (absent when it stayed the same). */
const categoryChange = {
  categoryCode: z.string().optional(),
  previousCategoryCode: z.string().nullable().optional(),
};

/** The agency a case is assigned or forwarded to, names as well as code. */
const handoverTarget = {
  agencyCode: z.string(),
  agencyNameTh: z.string(),
  agencyNameEn: z.string(),
  reason: z.string().optional(),
  ...categoryChange,
  ...deadlineMove,
};

/** Who a timer's notice went to; null when there was no one at all to tell. */
const notified = z.strictObject({ agencyCode: z.string(), roles: z.array(z.enum(ROLES)), fallback: z.literal(true).optional() }).nullable();

/** What every SLA timer event records. */
const timer = { dueDate: date, firesFor: date, notified };

/**
 * The partner system an event came from or went to (การแลกเปลี่ยนเรื่อง): set where a partner's
 * message was applied to the case, so staff and the citizen see which system did it.
 */
const viaPartner = { partner: z.strictObject({ code: z.string(), name: z.string() }).optional() };

const event = <T extends string, P extends z.ZodType>(type: T, payload: P) => z.strictObject({ type: z.literal(type), payload });

/** The type and payload of a case event, by type. */
export const CaseEventContentSchema = z.discriminatedUnion('type', [
  // รับเรื่อง: filed by the citizen or recorded by staff at intake.
  event('received', z.strictObject({ channel: z.enum(CHANNELS), recordedAt: z.iso.datetime(), files })),
  // คัดแยกอัตโนมัติ: triage's proposal and decision, at intake.
  event(
    'triaged',
    z.strictObject({
      modelVersion: z.string().nullable(),
      predictedCategoryCode: z.string().nullable(),
      confidence: z.number().nullable(),
      decision: z.enum(['auto_assigned', 'screening']),
      reasons: z.array(z.string()).optional(),
      ruleId: z.string().optional(),
      possibleDuplicates: z.number().int().nonnegative(),
      sensitiveTerms: z.array(z.string()).optional(),
      /** Sensitive by its words, not its category; `note` says why in Thai. */
      sensitiveBy: z.literal('terms').optional(),
      note: z.string().optional(),
    }),
  ),
  // กลั่นกรอง: screened by a person.
  event('screened', z.strictObject({ ...categoryChange, note: z.string().optional() })),
  // มอบหมาย: by a person, or by a routing rule (`automatic`, with the rule and the model's proposal).
  event(
    'assigned',
    z.strictObject({
      ...handoverTarget,
      automatic: z.literal(true).optional(),
      ruleId: z.string().optional(),
      modelVersion: z.string().nullable().optional(),
      confidence: z.number().nullable().optional(),
    }),
  ),
  // ส่งต่อ: sent on to another agency.
  event('forwarded', z.strictObject(handoverTarget)),
  // รับเรื่องไว้ดำเนินการ.
  event('accepted', z.strictObject({ ...viaPartner })),
  // ส่งคืน: back for screening — or, by the partner system that held it (`partner`), back here; or
  // by us, to the partner system it came from (`toPartner`: the case ends here).
  event('returned', z.strictObject({ reason: z.string(), ...deadlineMove, ...viaPartner, toPartner: z.strictObject({ code: z.string(), name: z.string() }).optional() })),
  event('note', z.strictObject({ message: z.string(), files })),
  // เร่งรัด: an agency that sent the case on (a follower) presses the holder; `agencyId` is the holder pressed.
  event('followed_up', z.strictObject({ message: z.string(), agencyId: z.string(), ...viaPartner })),
  event('reply', z.strictObject({ message: z.string(), files, ...viaPartner })),
  // ขอข้อมูลเพิ่มเติม: the SLA clock stops until the citizen answers.
  event('info_requested', z.strictObject({ message: z.string(), files, ...viaPartner })),
  event('resolved', z.strictObject({ result: z.enum(RESOLUTION_RESULTS), message: z.string(), confirmationUntil: date, ...viaPartner })),
  // ยุติเรื่อง: by staff (a reason when inside the confirmation window), the citizen, or the system when the window ended.
  event(
    'closed',
    z.discriminatedUnion('by', [
      z.strictObject({ by: z.literal('staff'), reason: z.string().optional(), confirmationUntil: date.nullable().optional() }),
      z.strictObject({ by: z.literal('citizen') }),
      z.strictObject({ by: z.literal('system'), confirmationUntil: date, reason: z.string() }),
      // The partner system that held it (or sent it) closed it there.
      z.strictObject({ by: z.literal('partner'), reason: z.string().optional(), ...viaPartner }),
    ]),
  ),
  // ขอให้พิจารณาใหม่: the citizen's reason is their comment, if any.
  event(
    'reopened',
    z.discriminatedUnion('by', [
      z.strictObject({ by: z.literal('staff'), reason: z.string(), ...viaPartner }),
      z.strictObject({ by: z.literal('citizen'), reason: z.string().nullable(), ...viaPartner }),
    ]),
  ),
  // การแลกเปลี่ยนเรื่อง: the case went to a partner system (its agencies are served there), or came from one.
  event('sent_to_partner', z.strictObject({ partner: z.strictObject({ code: z.string(), name: z.string() }), agencyCode: z.string(), identityShared: z.enum(['none', 'contact', 'full']), textRedacted: z.boolean(), files: z.number().int().nonnegative() })),
  event('received_from_partner', z.strictObject({ partner: z.strictObject({ code: z.string(), name: z.string() }), remoteTrackingCode: z.string(), remoteReference: z.string(), agencyCode: z.string() })),
  // ความคืบหน้า: the partner system holding the case moved it on there (to one of its agencies).
  event('partner_progress', z.strictObject({ partner: z.strictObject({ code: z.string(), name: z.string() }), message: z.string() })),
  // ไม่รับไว้พิจารณา.
  event('rejected', z.strictObject({ reason: z.string() })),
  // รวมเรื่อง: on the duplicate, the case it joined; on the surviving case, `merged_in`.
  event('merged', z.strictObject({ intoCaseId: z.uuid(), intoTrackingCode: z.string() })),
  event('merged_in', z.strictObject({ fromCaseId: z.uuid(), fromTrackingCode: z.string() })),
  // ขยายเวลา.
  event('extended', z.strictObject({ reason: z.string(), previousDueDate: date, dueDate: date, businessDays: z.number().int(), ...viaPartner })),
  // A follow-up contact staff recorded.
  event('contact', z.strictObject({ channel: z.enum(CHANNELS), message: z.string().optional() })),
  // The citizen's answer to a request for information, or a message at any other time.
  event('info_received', z.strictObject({ message: z.string(), files, ...viaPartner })),
  event('citizen_message', z.strictObject({ message: z.string(), files, ...viaPartner })),
  // The clock runs again after the answer: the deadline moved by the business days it stood still.
  event('sla_resumed', z.strictObject({ pausedBusinessDays: z.number().int(), previousDueDate: date, dueDate: date })),
  // ประเมินความพึงพอใจ.
  event('rated', z.strictObject({ rating: z.number().int(), comment: z.string().optional(), ...viaPartner })),
  // รหัสติดตาม (access key): asked for by the public (sent to `channel`, if the complainant has one),
  // replaced when the mailed key is first used, reissued by staff after an identity check (`note`).
  event('access_key_requested', z.strictObject({ channel: z.string().nullable() })),
  event('access_key_replaced', z.strictObject({ by: z.literal('citizen') })),
  event('access_key_reissued', z.strictObject({ note: z.string() })),
  // SLA timers: due soon, escalated (to the supervisor, then the CCEO), progress reminder.
  event('due_soon_reminder', z.strictObject(timer)),
  event('escalated', z.strictObject({ ...timer, level: z.enum(['supervisor', 'cceo']), agencyCode: z.string().nullable() })),
  event('progress_reminder', z.strictObject(timer)),
]);

/** The type and payload of a case event. */
export type CaseEventContent = z.infer<typeof CaseEventContentSchema>;
export type CaseEventType = CaseEventContent['type'];
/** The payload of events of `T`. */
export type CaseEventPayload<T extends CaseEventType> = Extract<CaseEventContent, { type: T }>['payload'];

/** Every event type, in the union's order. */
export const CASE_EVENT_TYPES = CaseEventContentSchema.options.map((option) => option.shape.type.value) as CaseEventType[];

/** The problems of content that is not a case event, each naming its field (`payload.reason: …`). */
export function caseEventProblems(content: unknown): string[] | undefined {
  const parsed = CaseEventContentSchema.safeParse(content);
  if (parsed.success) return undefined;
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
}
