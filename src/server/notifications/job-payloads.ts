/** Job payloads of notifications: the single source of their types (the API's are in src/shared/api/notifications.ts). */
import { z } from 'zod';
import { ROLES } from '../../shared/case-model.ts';
import { plainText } from '../platform/validation.ts';
import { STAFF_NOTIFICATION_KINDS } from './staff-templates.ts';
import { LOCALES } from './templates.ts';

const isoDate = z.iso.date();
const text = plainText(10_000).refine((value) => value.trim() !== '', 'must not be empty');

export const CitizenNoticeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accepted') }),
  z.object({ kind: z.literal('reply'), message: text }),
  z.object({ kind: z.literal('info_requested'), message: text }),
  z.object({ kind: z.literal('extended'), newDueDate: isoDate, reason: text }),
  z.object({ kind: z.literal('resolved'), message: text, respondBy: isoDate.optional() }),
]);

/** Payload of a 'notify.citizen' job. */
export const CitizenJobPayloadSchema = z.object({
  /** Whose complainant is written to (and whose tracking code the message names). */
  caseId: z.uuid(),
  /** The surviving case the news is about, when caseId was merged into it. */
  viaCaseId: z.uuid().optional(),
  locale: z.enum(LOCALES).optional(),
  notice: CitizenNoticeSchema,
});
export type CitizenJobPayload = z.infer<typeof CitizenJobPayloadSchema>;

/** Payload of a 'notify.staff' job. */
export const StaffJobPayloadSchema = z.object({
  caseId: z.uuid(),
  kind: z.enum(STAFF_NOTIFICATION_KINDS).exclude(['surge']),
  agencyId: z.uuid(),
  roles: z.array(z.enum(ROLES)).min(1),
  detail: plainText(1000).optional(),
  /** One notification per user and key, however often the job runs. */
  dedupeKey: z.string().min(1).max(500),
});
export type StaffJobPayload = z.infer<typeof StaffJobPayloadSchema>;
