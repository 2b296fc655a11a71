/**
 * ช่องทางรับเรื่องร้องเรียน: what a citizen needs to use each kind of channel an agency offers —
 * a number to call for a hotline, the LINE account, the Facebook page, the web address, the
 * postal address, where the suggestion box or the counter stands. Pure, so the server refuses
 * a channel that lacks it and the admin form says so before sending.
 */
import type { Channel } from './case-model.ts';

/** The contact fields of a channel; null or absent when not given. */
export interface ChannelContact {
  phone?: string | null | undefined;
  lineId?: string | null | undefined;
  facebookUrl?: string | null | undefined;
  webUrl?: string | null | undefined;
  email?: string | null | undefined;
  postalAddress?: string | null | undefined;
  location?: string | null | undefined;
}
export type ChannelContactField = keyof ChannelContact;

/**
 * The field each kind cannot do without. A partner system takes cases from another system,
 * not from people: it needs nothing a citizen would use.
 */
export const REQUIRED_CONTACT_FIELD: Record<Channel, ChannelContactField | null> = {
  hotline: 'phone',
  line: 'lineId',
  facebook: 'facebookUrl',
  web: 'webUrl',
  // Where to get the app.
  mobile_app: 'webUrl',
  email: 'email',
  post: 'postalAddress',
  suggestion_box: 'location',
  counter: 'location',
  partner: null,
  // Where to get the app.
  open311_app: 'webUrl',
};

/** The English message of a missing required field (thai-messages.ts says it in Thai). */
export const REQUIRED_FOR_KIND_MESSAGE = 'required for this kind of channel';

/** The fields a channel of `kind` lacks: at most the one it cannot do without. */
export function missingContactFields(kind: Channel, contact: ChannelContact): ChannelContactField[] {
  const required = REQUIRED_CONTACT_FIELD[kind];
  if (!required) return [];
  const value = contact[required];
  return value === null || value === undefined || value.trim() === '' ? [required] : [];
}
