/** The channels an agency offers (ช่องทางรับเรื่องร้องเรียน): read by anyone, changed by its administrators. */
import { z } from 'zod';
import { CHANNELS } from '../case-model.ts';
import { isDialableThaiNumber } from '../thai-phone.ts';
import { AgencyParamsSchema } from './agencies.ts';
import { AgencyRefSchema, trimmedText } from './fields.ts';

/** Thai letters: a channel's Thai label must have some. */
const THAI_LETTER = /[\u0E01-\u0E5B]/;
const FACEBOOK_HOSTS = new Set(['facebook.com', 'www.facebook.com', 'm.facebook.com', 'web.facebook.com', 'fb.com', 'www.fb.com', 'fb.me']);

/** An http(s) address, and the host it names. */
function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** How people name the channel, in Thai: "โทรศัพท์ 0 5662 2353", "ตู้รับความคิดเห็นหน้าอาคาร". */
export const ChannelLabelThSchema = trimmedText(1, 120).refine((label) => THAI_LETTER.test(label), 'must be written in Thai');

/** The fields of a channel as an administrator writes them; null clears a field. */
export const channelFields = {
  labelTh: ChannelLabelThSchema,
  labelEn: trimmedText(1, 120).nullable(),
  phone: trimmedText(1, 30).refine(isDialableThaiNumber, 'must be a Thai phone number or a four-digit hotline').nullable(),
  lineId: trimmedText(1, 50)
    .regex(/^@?[A-Za-z0-9._-]+$/, 'must be a LINE ID: letters, digits, dots, hyphens or underscores, an official account with @')
    .nullable(),
  facebookUrl: trimmedText(1, 300)
    .refine((text) => FACEBOOK_HOSTS.has(httpUrl(text)?.hostname.toLowerCase() ?? ''), 'must be the address of a Facebook page')
    .nullable(),
  webUrl: trimmedText(1, 300).refine((text) => httpUrl(text) !== undefined, 'must be an http:// or https:// URL').nullable(),
  email: z.email().max(254).nullable(),
  postalAddress: trimmedText(1, 500).nullable(),
  location: trimmedText(1, 300).nullable(),
  openingHours: trimmedText(1, 200).nullable(),
  position: z.number().int().min(0).max(999),
  active: z.boolean(),
};

/** POST /api/v1/agencies/:code/channels */
export const NewAgencyChannelSchema = z
  .object({
    kind: z.enum(CHANNELS),
    ...channelFields,
    labelEn: channelFields.labelEn.optional(),
    phone: channelFields.phone.optional(),
    lineId: channelFields.lineId.optional(),
    facebookUrl: channelFields.facebookUrl.optional(),
    webUrl: channelFields.webUrl.optional(),
    email: channelFields.email.optional(),
    postalAddress: channelFields.postalAddress.optional(),
    location: channelFields.location.optional(),
    openingHours: channelFields.openingHours.optional(),
    position: channelFields.position.default(0),
    active: channelFields.active.default(true),
  })
  .strict();
export type NewAgencyChannel = z.input<typeof NewAgencyChannelSchema>;

/** PATCH /api/v1/agencies/:code/channels/:id: the fields to change. */
export const AgencyChannelChangesSchema = z
  .object({ kind: z.enum(CHANNELS), ...channelFields })
  .partial()
  .strict();
export type AgencyChannelChanges = z.input<typeof AgencyChannelChangesSchema>;

export const AgencyChannelParamsSchema = AgencyParamsSchema.extend({ id: z.uuid() });

/** A channel as the API shows it. */
export const AgencyChannelSchema = z.object({
  id: z.uuid(),
  kind: z.enum(CHANNELS),
  labelTh: z.string(),
  labelEn: z.string().nullable(),
  phone: z.string().nullable(),
  lineId: z.string().nullable(),
  facebookUrl: z.string().nullable(),
  webUrl: z.string().nullable(),
  email: z.string().nullable(),
  postalAddress: z.string().nullable(),
  location: z.string().nullable(),
  openingHours: z.string().nullable(),
  position: z.number().int(),
  active: z.boolean(),
});
export type AgencyChannel = z.output<typeof AgencyChannelSchema>;

/** GET /api/v1/agencies/:code/channels: the agency and its channels in order (inactive ones only for its administrators). */
export const AgencyChannelListSchema = z.object({
  agency: AgencyRefSchema,
  items: z.array(AgencyChannelSchema),
  canManage: z.boolean().describe('The signed-in user administers this agency: the list holds its inactive channels too'),
});
export type AgencyChannelList = z.output<typeof AgencyChannelListSchema>;

/** DELETE …/channels/:id: a channel no case names is deleted; one that cases name is deactivated (the report still counts them). */
export const AgencyChannelRemovalSchema = z.object({ outcome: z.enum(['deleted', 'deactivated']) });
export type AgencyChannelRemoval = z.output<typeof AgencyChannelRemovalSchema>;

/** The query of GET …/channels. */
export const AgencyChannelQuerySchema = z.object({ active: z.enum(['true']).optional().describe('true: active channels only, even for an administrator (staff intake)') }).strict();
