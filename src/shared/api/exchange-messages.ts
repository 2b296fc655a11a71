/**
 * The exchange protocol between complaint systems (โปรโตคอลแลกเปลี่ยนเรื่องระหว่างระบบ),
 * version 1: every message type and its body, as one zod union — the single source of the
 * JSON Schema served at GET /api/v1/exchange/schema and described in docs/exchange.md.
 *
 * A message is a JSON envelope signed as a JWS (compact form, EdDSA with Ed25519) with the
 * sender's instance key, posted as `{ "jws": "…" }` to the partner's
 * POST /api/v1/exchange/messages. A case's messages form a thread named by the instance the
 * case came from and its reference there (`thread`); each sender numbers its messages of a
 * thread 1, 2, 3 … (`seq`), and the receiver applies them in that order.
 *
 * Two directions: the origin sends a case on (`case.transfer`) and then what its citizen does
 * (rating, added information, reopening) and what its staff press for (follow-up); the system
 * that holds the case sends back what it does with it (accepted, returned, replies, requests
 * for information, extensions, progress, resolution, closing).
 */
import { z } from 'zod';
import { CHANNELS, RESOLUTION_RESULTS } from '../case-model.ts';
import { PartnerCodeSchema } from './exchange.ts';

/** The protocol's version, in every envelope. */
export const EXCHANGE_PROTOCOL = 'rongthuk-exchange/1' as const;
/** The JWS header's `typ`. */
export const EXCHANGE_JWS_TYPE = 'rongthuk-exchange+jwt' as const;

const text = (max: number) => z.string().min(1).max(max);
const date = z.iso.date();

/** A file that goes with the case (only where the sharing agreement allows attachments). */
export const ExchangeFileSchema = z.strictObject({
  fileName: text(255),
  mediaType: text(127),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contentBase64: z.string().max(30 * 1024 * 1024),
});

/** Who complains, only as far as the sharing agreement (and, for a confidential case, a person) allows. */
export const ExchangeComplainantSchema = z.strictObject({
  name: text(200).optional(),
  phone: text(32).optional(),
  email: text(254).optional(),
  nationalId: text(13).optional(),
  address: text(1000).optional(),
});

/** case.transfer: the case itself, sent to the agency of the receiver's tree named by `agencyCode`. */
const TransferBody = z.strictObject({
  agencyCode: text(64),
  trackingCode: text(32).describe("The case's tracking code at the origin: the citizen follows it there"),
  receivedAt: z.iso.datetime({ offset: true }),
  channel: z.enum(CHANNELS),
  categoryCode: text(64).nullable(),
  title: text(300).nullable(),
  description: text(20_000),
  /** The free text was redacted of personal data before it left. */
  textRedacted: z.boolean(),
  location: z
    .strictObject({
      provinceCode: z.string().regex(/^\d{2}$/).optional(),
      districtCode: z.string().regex(/^\d{4}$/).optional(),
      subdistrictCode: z.string().regex(/^\d{6}$/).optional(),
      lat: z.number().min(-90).max(90).optional(),
      lon: z.number().min(-180).max(180).optional(),
    })
    .nullable(),
  anonymous: z.boolean(),
  confidential: z.boolean(),
  sensitive: z.boolean(),
  complainant: ExchangeComplainantSchema.nullable(),
  /** The origin's deadline; the receiver computes its own. */
  originDueDate: date,
  reason: text(2000).optional(),
  files: z.array(ExchangeFileSchema).max(20),
});

const message = text(20_000);

/** Every message type with its body: `type` names it. */
export const EXCHANGE_BODIES = {
  // → the receiver: a case to act on.
  'case.transfer': TransferBody,
  // ← the origin: what the holder did.
  'case.accepted': z.strictObject({}),
  'case.returned': z.strictObject({ reason: message }),
  'case.replied': z.strictObject({ message }),
  'case.info_requested': z.strictObject({ message }),
  'case.extended': z.strictObject({ reason: message, dueDate: date }),
  'case.progress': z.strictObject({ message }),
  'case.resolved': z.strictObject({ result: z.enum(RESOLUTION_RESULTS), message }),
  'case.closed': z.strictObject({ reason: message.optional() }),
  // → the holder: what the citizen or the origin's staff did.
  'case.rated': z.strictObject({ rating: z.number().int().min(1).max(5), comment: message.optional(), accepted: z.boolean() }),
  'case.info_added': z.strictObject({ message }),
  'case.reopened': z.strictObject({ reason: message.nullable() }),
  'case.followed_up': z.strictObject({ message }),
} as const;

export type ExchangeMessageType = keyof typeof EXCHANGE_BODIES;
export const EXCHANGE_MESSAGE_TYPES = Object.keys(EXCHANGE_BODIES) as ExchangeMessageType[];

/** Types the holder sends back to the origin. */
export const HOLDER_MESSAGE_TYPES = [
  'case.accepted',
  'case.returned',
  'case.replied',
  'case.info_requested',
  'case.extended',
  'case.progress',
  'case.resolved',
  'case.closed',
] as const satisfies readonly ExchangeMessageType[];
/** Types the origin sends to the holder (closing too: its citizen's window ended, or its staff closed it). */
export const ORIGIN_MESSAGE_TYPES = ['case.transfer', 'case.rated', 'case.info_added', 'case.reopened', 'case.followed_up', 'case.closed'] as const satisfies readonly ExchangeMessageType[];

/** The thread a message belongs to: the case at the instance it came from. */
export const ThreadSchema = z.strictObject({
  origin: PartnerCodeSchema.describe('The instance the case came from'),
  ref: text(128).describe("The case's reference (id) at that instance"),
});

const envelope = {
  protocol: z.literal(EXCHANGE_PROTOCOL),
  id: z.uuid().describe('Unique per message: a message received twice is applied once'),
  from: PartnerCodeSchema.describe("The sender's instance code"),
  to: PartnerCodeSchema.describe("The receiver's instance code"),
  thread: ThreadSchema,
  seq: z.number().int().min(1).max(1_000_000).describe("The sender's number for this message in the thread: 1, 2, 3 …"),
  /** When the event behind it happened. */
  createdAt: z.iso.datetime({ offset: true }),
  /** When this delivery was signed: refused outside the receiver's skew window. */
  sentAt: z.iso.datetime({ offset: true }),
  /** The sender's reference of the case, and its tracking code where it has one. */
  senderRef: text(128),
};

const envelopeOf = <T extends ExchangeMessageType>(type: T) => z.strictObject({ ...envelope, type: z.literal(type), body: EXCHANGE_BODIES[type] });

/** A message envelope, by type. */
export const ExchangeMessageSchema = z.discriminatedUnion('type', [
  envelopeOf('case.transfer'),
  envelopeOf('case.accepted'),
  envelopeOf('case.returned'),
  envelopeOf('case.replied'),
  envelopeOf('case.info_requested'),
  envelopeOf('case.extended'),
  envelopeOf('case.progress'),
  envelopeOf('case.resolved'),
  envelopeOf('case.closed'),
  envelopeOf('case.rated'),
  envelopeOf('case.info_added'),
  envelopeOf('case.reopened'),
  envelopeOf('case.followed_up'),
]);

/** A message with the body of its type. */
export type ExchangeMessage = z.output<typeof ExchangeMessageSchema>;
export type ExchangeBody<T extends ExchangeMessageType> = z.output<(typeof EXCHANGE_BODIES)[T]>;
export type TransferBody = ExchangeBody<'case.transfer'>;

/** POST /api/v1/exchange/messages */
export const ExchangeDeliverySchema = z.strictObject({ jws: z.string().min(1).max(60 * 1024 * 1024) });

/** The receiver's answer: applied, or held until the messages before it arrive; a transfer names the case it made. */
export const ExchangeAnswerSchema = z.object({
  id: z.uuid(),
  status: z.enum(['applied', 'pending']),
  reference: z.string().optional().describe("The receiver's reference of the case (its id)"),
  trackingCode: z.string().optional().describe("The receiver's tracking code of the case"),
});
export type ExchangeAnswer = z.output<typeof ExchangeAnswerSchema>;

/**
 * A file partner's export as JSON (GET /api/v1/partners/{code}/export?format=json, and the
 * scheduled files): the messages as signed at the export, oldest first, each with its JWS.
 */
export const ExchangeExportFileSchema = z.object({
  protocol: z.literal(EXCHANGE_PROTOCOL),
  instance: PartnerCodeSchema.describe('This instance: the sender'),
  partner: z.object({ code: PartnerCodeSchema, name: z.string() }),
  exportedAt: z.iso.datetime({ offset: true }),
  messages: z.array(ExchangeMessageSchema),
  jws: z.array(z.string()).describe("jws[i] is messages[i] signed with the instance's key (GET /api/v1/exchange/jwks)"),
  more: z.boolean().describe('More messages wait than one file holds: export again'),
});
export type ExchangeExportFile = z.output<typeof ExchangeExportFileSchema>;
