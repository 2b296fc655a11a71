/**
 * The channel form's values and checks, pure: the text of each field as typed, what the API
 * gets from them (a new channel's body leaves empty fields out; a change sends them as null, to
 * clear them), and the checks before sending — the Thai label and the one field the kind cannot
 * do without. The forms of the other fields are the server's to judge: its field errors show
 * on the fields.
 */
import { missingContactFields, REQUIRED_CONTACT_FIELD, type ChannelContactField } from '../../shared/agency-channels.ts';
import { channelFields, type AgencyChannel, type AgencyChannelChanges, type NewAgencyChannel } from '../../shared/api/channels.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';
import type { Channel } from '../../shared/case-model.ts';

/** The text fields of the form, in the order shown. */
export const CHANNEL_TEXT_FIELDS = ['labelTh', 'labelEn', 'phone', 'lineId', 'facebookUrl', 'webUrl', 'email', 'postalAddress', 'location', 'openingHours'] as const;
export type ChannelTextField = (typeof CHANNEL_TEXT_FIELDS)[number];

export type ChannelValues = Record<ChannelTextField, string> & { kind: Channel; position: string; active: boolean };

/** The longest text of each field, from the contract. */
export const CHANNEL_FIELD_MAX: Record<ChannelTextField, number> = Object.fromEntries(
  CHANNEL_TEXT_FIELDS.map((field) => [field, maxLengthOf(channelFields[field])]),
) as Record<ChannelTextField, number>;

const THAI_LETTER = /[\u0E01-\u0E5B]/;

/** The form's values: the channel's, or a new hotline's. */
export function channelValues(channel: AgencyChannel | undefined): ChannelValues {
  const text = Object.fromEntries(CHANNEL_TEXT_FIELDS.map((field) => [field, channel?.[field] ?? ''])) as Record<ChannelTextField, string>;
  return { ...text, kind: channel?.kind ?? 'hotline', position: String(channel?.position ?? 0), active: channel?.active ?? true };
}

/** The field the kind cannot do without, if any: marked required on the form. */
export function requiredFieldOf(kind: Channel): ChannelContactField | null {
  return REQUIRED_CONTACT_FIELD[kind];
}

export type ChannelProblem = 'required' | 'tooLong' | 'thaiLabel' | 'position';

/** The problems found before sending, by field. */
export function checkChannel(values: ChannelValues): Partial<Record<ChannelTextField | 'position', ChannelProblem>> {
  const problems: Partial<Record<ChannelTextField | 'position', ChannelProblem>> = {};
  const label = values.labelTh.trim();
  if (!label) problems.labelTh = 'required';
  else if (!THAI_LETTER.test(label)) problems.labelTh = 'thaiLabel';
  for (const field of missingContactFields(values.kind, values)) problems[field] = 'required';
  for (const field of CHANNEL_TEXT_FIELDS) if (values[field].trim().length > CHANNEL_FIELD_MAX[field]) problems[field] = 'tooLong';
  if (!/^\d{1,3}$/.test(values.position.trim())) problems.position = 'position';
  return problems;
}

/** POST's body: the fields given, trimmed. */
export function newChannelBody(values: ChannelValues): NewAgencyChannel {
  const body: NewAgencyChannel = { kind: values.kind, labelTh: values.labelTh.trim(), position: Number(values.position), active: values.active };
  for (const field of CHANNEL_TEXT_FIELDS) {
    const text = values[field].trim();
    if (text && field !== 'labelTh') body[field] = text;
  }
  return body;
}

/** PATCH's body: every field, an empty one as null (cleared). */
export function channelChanges(values: ChannelValues): AgencyChannelChanges {
  const changes: AgencyChannelChanges = { kind: values.kind, labelTh: values.labelTh.trim(), position: Number(values.position), active: values.active };
  for (const field of CHANNEL_TEXT_FIELDS) if (field !== 'labelTh') changes[field] = values[field].trim() || null;
  return changes;
}
