/**
 * The exchange between systems (การแลกเปลี่ยนเรื่องระหว่างระบบ): this instance's public keys
 * (JWKS) and the registry of partners — other complaint systems, each serving some agencies of
 * our tree, with the sharing agreement (ข้อตกลงการเปิดเผยข้อมูล) that bounds what we send them.
 */
import { z } from 'zod';
import { AgencyRefSchema, pageLimit, plainText, trimmedText } from './fields.ts';

/** GET /api/v1/exchange/jwks: the public keys this instance signs its messages with (RFC 7517, 8037). */
export const InstanceJwksSchema = z.object({
  keys: z.array(
    z.strictObject({
      kty: z.literal('OKP'),
      crv: z.literal('Ed25519'),
      x: z.string(),
      kid: z.string(),
      alg: z.literal('EdDSA'),
      use: z.literal('sig'),
    }),
  ),
});
export type InstanceJwks = z.output<typeof InstanceJwksSchema>;

/** The states of a message: out — queued, delivered, failed (retrying), dead, exported (a file partner's); in — applied, pending (waits for an earlier one). */
export const MESSAGE_STATES = ['queued', 'delivered', 'failed', 'dead', 'exported', 'applied', 'pending'] as const;

/** A partner's code, and this instance's: 2–64 of a–z, 0–9 or hyphen. */
export const PARTNER_CODE_PATTERN = /^[a-z0-9-]{2,64}$/;
export const PartnerCodeSchema = z.string().trim().regex(PARTNER_CODE_PATTERN, 'must be 2–64 of a–z, 0–9 or hyphen, e.g. hub-1111');

/** What of the complainant's identity goes to the partner: nothing, how to reach them, or everything. */
export const IDENTITY_SHARING = ['none', 'contact', 'full'] as const;
/** The complaint's free text: with personal data redacted, or as written. */
export const TEXT_SHARING = ['redacted', 'full'] as const;

const httpUrl = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, 'must be an http:// or https:// URL');

const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{43}$/;

/** One key of a partner's JWKS: any key is kept, but none may carry a private part. */
const PartnerJwkSchema = z.looseObject({ kty: z.string(), crv: z.string().optional(), x: z.string().optional(), kid: z.string().optional() });

/** A partner's public keys given inline: at least one Ed25519 key, and no private parts. */
export const PartnerJwksSchema = z
  .looseObject({ keys: z.array(PartnerJwkSchema).min(1).max(20) })
  .refine((jwks) => jwks.keys.every((key) => !('d' in key)), 'must hold public keys only (no "d")')
  .refine(
    (jwks) => jwks.keys.some((key) => key.kty === 'OKP' && key.crv === 'Ed25519' && BASE64URL_32_BYTES.test(key.x ?? '')),
    'must hold at least one Ed25519 public key (kty OKP, crv Ed25519, x)',
  );
export type PartnerJwks = z.output<typeof PartnerJwksSchema>;

const partnerName = trimmedText(1, 200);
const baseUrl = httpUrl(500);
const jwksUrl = httpUrl(500);
const agencies = z.array(trimmedText(1, 64)).min(1).max(500).describe('Codes of the agencies of our tree that the partner system serves');

/** The sharing agreement's fields with their minimum-necessary defaults. */
const identity = z.enum(IDENTITY_SHARING).describe('none: no identity; contact: name and how to reach them; full: everything');
const text = z.enum(TEXT_SHARING).describe('redacted: personal data taken out of the free text; full: as written');

/** Exactly one of jwksUrl and jwks. */
const oneJwks = (value: { jwksUrl?: string | undefined; jwks?: unknown }, ctx: z.RefinementCtx, required: boolean) => {
  if (value.jwksUrl !== undefined && value.jwks !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['jwks'], message: 'give either jwksUrl or jwks, not both' });
  } else if (required && value.jwksUrl === undefined && value.jwks === undefined) {
    ctx.addIssue({ code: 'custom', path: ['jwksUrl'], message: 'give the partner keys: jwksUrl or jwks' });
  }
};

/** How a partner is reached: its API (messages signed and posted), or files (export and import, for an agency whose system has no API yet). */
export const PARTNER_DELIVERY = ['api', 'file'] as const;

/** An API partner needs its base URL and keys; a file partner has neither. */
const reach = (value: { delivery?: string | undefined; baseUrl?: string | undefined; jwksUrl?: string | undefined; jwks?: unknown }, ctx: z.RefinementCtx, creating: boolean) => {
  if (value.delivery === 'file') {
    for (const field of ['baseUrl', 'jwksUrl', 'jwks'] as const) {
      if (value[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'a partner reached by files has no URL or keys' });
    }
    return;
  }
  if (creating && value.baseUrl === undefined) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'required for a partner reached by its API' });
  oneJwks(value, ctx, creating);
};

/** POST /api/v1/partners */
export const NewPartnerSchema = z
  .strictObject({
    code: PartnerCodeSchema,
    name: partnerName,
    delivery: z.enum(PARTNER_DELIVERY).default('api').describe('api: messages to its base URL; file: CSV/JSON export and CSV import'),
    baseUrl: baseUrl.optional(),
    jwksUrl: jwksUrl.optional(),
    jwks: PartnerJwksSchema.optional(),
    agencies,
    identity: identity.default('none'),
    text: text.default('redacted'),
    attachments: z.boolean().default(false),
  })
  .superRefine((value, ctx) => reach(value, ctx, true));
export type NewPartner = z.input<typeof NewPartnerSchema>;

/** PATCH /api/v1/partners/{code}: only what changes; a new jwksUrl replaces inline keys and the other way round. */
export const PartnerChangesSchema = z
  .strictObject({
    name: partnerName.optional(),
    baseUrl: baseUrl.optional(),
    jwksUrl: jwksUrl.optional(),
    jwks: PartnerJwksSchema.optional(),
    agencies: agencies.optional(),
    identity: identity.optional(),
    text: text.optional(),
    attachments: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .superRefine((value, ctx) => oneJwks(value, ctx, false));
export type PartnerChanges = z.input<typeof PartnerChangesSchema>;

export const PartnerCodeParamsSchema = z.object({ code: PartnerCodeSchema });

/** GET /api/v1/partners */
export const PartnerListQuerySchema = z.strictObject({ cursor: plainText(64).optional(), limit: pageLimit(200, 50) });

export const PartnerSchema = z.object({
  code: z.string(),
  name: z.string(),
  delivery: z.enum(PARTNER_DELIVERY),
  baseUrl: z.string().nullable(),
  jwksUrl: z.string().nullable(),
  jwks: PartnerJwksSchema.nullable(),
  agencies: z.array(AgencyRefSchema),
  identity: z.enum(IDENTITY_SHARING),
  text: z.enum(TEXT_SHARING),
  attachments: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  /** Its messages by direction and state (what is queued, failed or dead shows here). */
  messages: z.array(z.object({ direction: z.enum(['out', 'in']), state: z.enum(MESSAGE_STATES), count: z.number() })).optional(),
});
export type Partner = z.output<typeof PartnerSchema>;

export const PartnerListSchema = z.object({ items: z.array(PartnerSchema), nextCursor: z.string().nullable() });


/** A message of the log as staff and administrators see it (the JWS itself: GET …/messages/{id}). */
export const ExchangeMessageViewSchema = z.object({
  id: z.string(),
  direction: z.enum(['out', 'in']),
  messageId: z.string(),
  partner: z.object({ code: z.string(), name: z.string() }),
  caseId: z.string().nullable(),
  type: z.string(),
  seq: z.number(),
  state: z.enum(MESSAGE_STATES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  /** The partner's reference of the case, from its answer (a delivered transfer). */
  remoteReference: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});
export type ExchangeMessageView = z.output<typeof ExchangeMessageViewSchema>;

/** GET /api/v1/cases/{id}/exchange: the case's links to partner systems and its messages. */
export const CaseExchangeSchema = z.object({
  links: z.array(
    z.object({
      partner: z.object({ code: z.string(), name: z.string() }),
      direction: z.enum(['received', 'sent']),
      active: z.boolean(),
      remoteReference: z.string().nullable(),
      remoteTrackingCode: z.string().nullable(),
    }),
  ),
  messages: z.array(ExchangeMessageViewSchema),
});
export type CaseExchange = z.output<typeof CaseExchangeSchema>;

/** GET /api/v1/exchange/messages (system administrators). */
export const ExchangeMessageListQuerySchema = z.strictObject({
  partner: PartnerCodeSchema.optional(),
  direction: z.enum(['out', 'in']).optional(),
  state: z.enum(MESSAGE_STATES).optional(),
  cursor: plainText(200).optional(),
  limit: pageLimit(200, 50),
});
export const ExchangeMessageListSchema = z.object({ items: z.array(ExchangeMessageViewSchema), nextCursor: z.string().nullable() });

/** GET /api/v1/exchange/messages/{id}: one message with what was signed. */
export const ExchangeMessageDetailSchema = ExchangeMessageViewSchema.extend({
  envelope: z.record(z.string(), z.unknown()),
  jws: z.string().nullable(),
  answer: z.record(z.string(), z.unknown()).nullable(),
});

/** The formats of a file partner's export: CSV for a clerk's spreadsheet, JSON with the signed messages. */
export const EXCHANGE_EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExchangeExportFormat = (typeof EXCHANGE_EXPORT_FORMATS)[number];

/** GET /api/v1/partners/{code}/export */
export const ExchangeExportQuerySchema = z.strictObject({ format: z.enum(EXCHANGE_EXPORT_FORMATS).default('csv') });

/**
 * The columns of a file partner's status updates (POST /api/v1/partners/{code}/import, text/csv):
 * `reference` our case id or tracking code; `type` what happened (the holder's message types
 * without `case.`); `message`, `reason`, `result`, `due_date` (YYYY-MM-DD) as the type needs;
 * `at` when it happened (optional, ISO 8601 or YYYY-MM-DD).
 */
export const EXCHANGE_IMPORT_COLUMNS = ['reference', 'type', 'message', 'reason', 'result', 'due_date', 'at'] as const;
export type ExchangeImportColumn = (typeof EXCHANGE_IMPORT_COLUMNS)[number];

/** The answer to an import: every row applied, or none (400 naming `rows.<n>.<column>`). */
export const ExchangeImportAnswerSchema = z.object({ rows: z.number().int(), applied: z.number().int() });
export type ExchangeImportAnswer = z.output<typeof ExchangeImportAnswerSchema>;
