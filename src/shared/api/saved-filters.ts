/**
 * Saved filters of the staff inbox (ตัวกรองที่บันทึกไว้): named sets of case-list query-string
 * parameters, checked against the case list's own schema when saved.
 */
import { z } from 'zod';
import { CaseFilterSchema } from './cases.ts';
import { trimmedText } from './fields.ts';

// Looking a complainant up is audited each time; keeping their phone or ID in a filter is not done.
const IDENTITY_KEYS = new Set(['phone', 'nationalId']);

/** The case-list parameters as strings, valid for GET /api/v1/cases; errors name `query.<parameter>`. */
export const SavedQuerySchema = z
  .record(z.string().max(50), z.string().max(500))
  .superRefine((query, check) => {
    for (const key of Object.keys(query)) {
      if (IDENTITY_KEYS.has(key)) check.addIssue({ code: 'custom', path: [key], message: 'complainant look-ups are not saved' });
      else if (!(key in CaseFilterSchema.shape)) check.addIssue({ code: 'custom', path: [key], message: 'not a case-list filter' });
    }
    const parsed = CaseFilterSchema.safeParse(query);
    if (parsed.success) return;
    // Named by the parameter: `status`, not `status.0` of the list it is split into.
    for (const issue of parsed.error.issues) {
      if (issue.code !== 'unrecognized_keys') check.addIssue({ code: 'custom', path: issue.path.slice(0, 1), message: issue.message });
    }
  })
  .describe('GET /api/v1/cases query-string parameters (without cursor and limit), as strings, e.g. {"status": "assigned,in_progress", "overdue": "true"}');

export const SavedFilterSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  query: z.record(z.string(), z.string()),
  createdAt: z.string(),
});
export type SavedFilter = z.output<typeof SavedFilterSchema>;

export const SavedFilterListSchema = z.object({ items: z.array(SavedFilterSchema) });

/** POST /api/v1/saved-filters */
export const NewSavedFilterSchema = z.object({ name: trimmedText(1, 100), query: SavedQuerySchema }).strict();
export type NewSavedFilter = z.input<typeof NewSavedFilterSchema>;
