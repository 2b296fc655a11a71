/** The one shape of every refusal of the API: `{ error: { code, message, messageTh, details } }`. */
import { z } from 'zod';

/** A field at fault. */
export const ErrorDetailSchema = z.object({
  field: z.string().optional().describe('Dotted path of the field at fault, e.g. `location.provinceCode`'),
  message: z.string(),
  messageTh: z.string().optional().describe('The same in Thai, for people; English `message` stays for API clients'),
});
export type ErrorDetail = z.output<typeof ErrorDetailSchema>;

export const ApiErrorSchema = z.object({
  code: z.string().describe('Stable: clients branch on it'),
  message: z.string(),
  messageTh: z.string(),
  details: z.array(ErrorDetailSchema),
});

/** The body of every 4xx and 5xx answer. */
export const ErrorBodySchema = z.object({ error: ApiErrorSchema });
export type ErrorBody = z.output<typeof ErrorBodySchema>;
