/** The agency tree (หน่วยงาน), read by anyone. */
import { z } from 'zod';
import { AgencyRefSchema, pageOf, type ListQuery, plainText, trimmedText } from './fields.ts';

/** An agency of the tree as the API shows it. */
export const AgencySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  kind: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  areaCodes: z.array(z.string()),
  active: z.boolean(),
  childCount: z.number(),
});
export type Agency = z.output<typeof AgencySchema>;

/** GET /api/v1/agencies */
export const AgencyQuerySchema = z
  .object({
    q: trimmedText(1, 100).optional(),
    parent: trimmedText(1, 64).optional(),
    within: trimmedText(1, 64).optional().describe('Only the agency of this code and the agencies below it (a subtree)'),
    cursor: plainText(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AgencyQuery = ListQuery<typeof AgencyQuerySchema>;

export const AgencyListSchema = pageOf(AgencySchema);

/** An agency with the agencies above it, root first: the branch it sits on. */
export const AgencyWithAncestorsSchema = AgencySchema.extend({
  ancestors: z.array(AgencyRefSchema),
});
export type AgencyWithAncestors = z.output<typeof AgencyWithAncestorsSchema>;

export const AgencyParamsSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be an agency code: 1–64 letters, digits, dots, underscores or hyphens'),
});
