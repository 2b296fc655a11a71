/** E-mail intake: the messages of an agency's mailbox kept for a person (they could not be taken in). */
import { z } from 'zod';
import { AgencyParamsSchema } from './agencies.ts';
import { pageLimit, plainText } from './fields.ts';

/** Why a message was kept: no_sender, unparseable, too_large, empty, unstorable_text_…, refused_<error code>, failed. */
export const HeldEmailSchema = z.object({
  id: z.uuid(),
  heldAt: z.iso.datetime(),
  /** Its UID in the mailbox's folder, to find it there. */
  uid: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  reason: z.string(),
});
export type HeldEmail = z.output<typeof HeldEmailSchema>;

/** GET /api/v1/agencies/{code}/email/held — keyset pages, oldest first: `cursor` is the previous page's `nextCursor`. */
export const HeldEmailListQuerySchema = z.strictObject({ cursor: plainText(200).optional(), limit: pageLimit(200, 50) });

/** GET /api/v1/agencies/{code}/email/held */
export const HeldEmailListSchema = z.object({
  agency: z.object({ code: z.string() }),
  /** The address citizens write to. */
  address: z.string().nullable(),
  items: z.array(HeldEmailSchema),
  /** The next page's cursor; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const HeldEmailParamsSchema = AgencyParamsSchema.extend({ id: z.uuid() });

/** POST /api/v1/agencies/{code}/email/held/{id}/dealt-with */
export const HeldEmailDealtWithSchema = z.object({ id: z.uuid(), dealtWithAt: z.iso.datetime() });
