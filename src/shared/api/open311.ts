/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): what other apps send, in the
 * specification's own names (snake_case), and the administration of the apps that may file.
 * Form-encoded bodies arrive as text, so numbers are read from text too; an empty field is as
 * if it were not sent (form clients send every field of their form).
 */
import { z } from 'zod';
import { ComplainantSchema, complaintFields } from './complaints.ts';
import { instant, plainText, trimmedText } from './fields.ts';

const coordinate = (limit: number) =>
  z.union([z.number(), z.string().trim().regex(/^[-+]?\d{1,3}(\.\d+)?$/, 'must be a decimal number').transform(Number)]).pipe(z.number().min(-limit).max(limit));

/** An attribute of a service definition as sent: `attribute[CODE]=value` (several for a multivaluelist). */
const attributeValue = z.union([plainText(500), z.array(plainText(500)).max(50)]);

/** POST requests.{xml,json}: a service request (ร้องเรียนผ่านแอปอื่น). */
export const Open311RequestBodySchema = z.object({
  api_key: plainText(200).optional(),
  jurisdiction_id: plainText(200).optional(),
  service_code: plainText(64).trim().min(1),
  lat: coordinate(90).optional(),
  long: coordinate(180).optional(),
  address_string: trimmedText(1, 500).optional(),
  address_id: plainText(200).optional(),
  email: z.email().max(254).optional(),
  device_id: plainText(200).optional(),
  account_id: plainText(200).optional(),
  first_name: trimmedText(1, 100).optional(),
  last_name: trimmedText(1, 100).optional(),
  phone: ComplainantSchema.shape.phone,
  description: complaintFields.description,
  media_url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  attribute: z.record(plainText(64), attributeValue).optional(),
});
export type Open311RequestBody = z.output<typeof Open311RequestBodySchema>;

const commaList = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  plainText(4000)
    .transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item).min(1).max(max));

/** GET requests.{xml,json}: the filters of the specification. */
export const Open311RequestQuerySchema = z.object({
  jurisdiction_id: plainText(200).optional(),
  service_request_id: commaList(plainText(40), 1000).optional(),
  service_code: plainText(64).optional(),
  start_date: instant().optional(),
  end_date: instant().optional(),
  status: commaList(z.enum(['open', 'closed']), 2).optional(),
});
export type Open311RequestQuery = z.output<typeof Open311RequestQuerySchema>;

/** The jurisdiction, on the methods that take nothing else. */
export const Open311JurisdictionQuerySchema = z.object({ jurisdiction_id: plainText(200).optional() });

/** POST /api/v1/open311/apps: register an app (แอปพลิเคชันภายนอก) that files through Open311. */
export const NewOpen311AppSchema = z.object({ name: trimmedText(1, 100) }).strict();

export const Open311AppSchema = z.object({
  id: z.string(),
  name: z.string(),
  keyPrefix: z.string().describe('The first characters of its api_key, to tell keys apart'),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type Open311App = z.output<typeof Open311AppSchema>;
export const Open311AppListSchema = z.object({ items: z.array(Open311AppSchema) });

/** What registering an app answers: the app and its api_key, shown once (only its hash is kept). */
export const IssuedOpen311KeySchema = z.object({
  app: Open311AppSchema,
  apiKey: z.string().describe('Shown once: give it to the app. Only its hash is stored.'),
});
