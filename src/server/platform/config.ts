/**
 * Configuration from the environment, validated once at start-up: a wrong value stops the
 * process with a message naming the variable rather than failing later.
 */
import path from 'node:path';
import { z } from 'zod';
import type { OfficeHours } from '../../shared/business-days.ts';

/** An instance's code, as partners name it: the same rule as a partner's code (src/shared/api/exchange.ts). */
const INSTANCE_CODE_PATTERN = /^[a-z0-9-]{2,64}$/;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded database)')
    .optional(),
  RONGTHUK_DATA_DIR: z.string().default('./data'),
  RONGTHUK_DB_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  RONGTHUK_DATA_KEY: z.string().optional(),
  RONGTHUK_AUDIT_CHECKPOINTS: z.string().min(1).optional(),
  RONGTHUK_PUBLIC_URL: z.string().url().optional(),
  RONGTHUK_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  RONGTHUK_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  RONGTHUK_DEMO_SEED: z.enum(['true', 'false']).optional(),
  RONGTHUK_TRUST_PROXY: z
    .string()
    .regex(/^(false|true|\d+|[0-9a-fA-F.:/, ]+)$/, 'must be false, a number of proxy hops, or proxy addresses/CIDRs')
    .default('false'),
  RONGTHUK_OFFICE_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM-HH:MM, e.g. 08:30-16:30')
    .refine((value) => value.slice(0, 5) < value.slice(6), 'must end after it starts')
    .default('08:30-16:30'),
  RONGTHUK_LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  RONGTHUK_PUBLIC_WRITES_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  RONGTHUK_TRIAGE_MODEL: z.string().min(1).optional(),
  RONGTHUK_AUTO_ASSIGN_CONFIDENCE: z
    .string()
    .regex(/^(off|0(\.\d+)?|1(\.0+)?)$/, 'must be off or a confidence between 0 and 1, e.g. 0.9')
    .default('0.9'),
  RONGTHUK_DUPLICATE_WINDOW_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  RONGTHUK_CONFIRMATION_BUSINESS_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  RONGTHUK_FILES_DIR: z.string().min(1).optional(),
  RONGTHUK_MAX_FILE_MB: z.coerce.number().positive().max(100).default(10),
  RONGTHUK_MAX_FILES: z.coerce.number().int().min(0).max(20).default(5),
  RONGTHUK_WEB_DIR: z.string().min(1).default('./dist/web'),
  RONGTHUK_INSTANCE_CODE: z
    .string()
    .regex(INSTANCE_CODE_PATTERN, 'must be 2–64 of a–z, 0–9 or hyphen, e.g. hub-1111')
    .default('rongthuk'),
  RONGTHUK_EXCHANGE_KEY: z.string().min(1).optional(),
  RONGTHUK_EXCHANGE_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  RONGTHUK_EXCHANGE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
  RONGTHUK_EXCHANGE_SKEW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  /**
   * The listen address as set; undefined: every interface, except loopback only while demo
   * accounts with the published password exist (see cli.ts listenAddress).
   */
  host: string | undefined;
  /** postgres:// URL, or undefined for the embedded server under dataDir (embedded-server.ts). */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Port of the embedded server on 127.0.0.1; undefined: a free one chosen once and kept. */
  embeddedDatabasePort: number | undefined;
  /** Base64 or hex 32-byte key; undefined: generated into dataDir/data-key. */
  dataKey: string | undefined;
  /** Where signed checkpoints of the audit chain head are appended (audit-checkpoints.ts). */
  auditCheckpointsFile: string;
  publicUrl: string | undefined;
  sessionHours: number;
  cookieSecure: boolean;
  /** Seed demo agencies, users and cases into an empty database. */
  demoSeed: boolean;
  /** Which proxies' X-Forwarded-For to believe for the client address (rate limits, audit). */
  trustProxy: boolean | number | string;
  /** Office hours in Bangkok: a complaint received after them counts from the next business day. */
  officeHours: OfficeHours;
  /** Sign-in attempts per minute for one username from one address; 0 turns the limit off. */
  loginAttemptsPerMinute: number;
  /** Public filings, messages and ratings per minute from one address; 0 turns the limit off. */
  publicWritesPerMinute: number;
  /**
   * The classifier's model file; undefined: the shipped model; 'off': no classification (every
   * case goes to screening).
   */
  triageModel: string | undefined;
  /** คัดแยกอัตโนมัติ: the confidence at or above which a case may be assigned without a person; null: never. */
  autoAssignConfidence: number | null;
  /** How far back, in days, intake looks for possible duplicates of a new complaint. */
  duplicateWindowDays: number;
  /**
   * ระยะยืนยันผล: business days after a case is resolved during which the citizen may accept,
   * rate or ask for a reopening; then the case closes by itself.
   */
  confirmationBusinessDays: number;
  /** Where attachments are kept (the local file store); default `dataDir/files`. */
  filesDir: string;
  /** The largest attachment accepted, in bytes. */
  maxFileBytes: number;
  /** How many attachments one filing or message may carry. */
  maxFiles: number;
  /** The built web app (`npm run build:web`) served at `/`. */
  webDir: string;
  /**
   * This installation's code among the systems it exchanges cases with (its partners name it
   * so); default `rongthuk`: two linked instances must each set their own.
   */
  instanceCode: string;
  /** The exchange's Ed25519 signing key, a PKCS#8 PEM or a JWK; undefined: generated into dataDir (exchange/instance-key.ts). */
  exchangeKey: string | undefined;
  /**
   * Delivery of exchange messages to partners: the first retry after `retrySeconds`, doubling
   * up to an hour, until `maxAttempts` (then dead, for an administrator to retry); a message
   * signed more than `skewSeconds` before or after our clock is refused.
   */
  exchange: { retrySeconds: number; maxAttempts: number; skewSeconds: number };
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

/** Reads the configuration from `env`; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration — ${problems.join('; ')}`);
  }
  const values = parsed.data;
  if (values.DATABASE_URL && !values.RONGTHUK_DATA_KEY) {
    // Several processes on one server must share one key; a generated file would differ per host.
    throw new ConfigError('invalid configuration — RONGTHUK_DATA_KEY: required with DATABASE_URL (32 bytes, e.g. `openssl rand -base64 32`), the same for every app process');
  }
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(values.RONGTHUK_DATA_DIR),
    embeddedDatabasePort: values.RONGTHUK_DB_PORT,
    dataKey: values.RONGTHUK_DATA_KEY,
    auditCheckpointsFile: path.resolve(values.RONGTHUK_AUDIT_CHECKPOINTS ?? path.join(values.RONGTHUK_DATA_DIR, 'audit-checkpoints.jsonl')),
    publicUrl: values.RONGTHUK_PUBLIC_URL,
    sessionHours: values.RONGTHUK_SESSION_HOURS,
    cookieSecure: values.RONGTHUK_COOKIE_SECURE
      ? values.RONGTHUK_COOKIE_SECURE === 'true'
      : Boolean(values.RONGTHUK_PUBLIC_URL?.startsWith('https://')),
    // Demo accounts with a published password: by default only on the embedded database.
    demoSeed: values.RONGTHUK_DEMO_SEED ? values.RONGTHUK_DEMO_SEED === 'true' : !values.DATABASE_URL,
    trustProxy: parseTrustProxy(values.RONGTHUK_TRUST_PROXY),
    officeHours: { start: values.RONGTHUK_OFFICE_HOURS.slice(0, 5), end: values.RONGTHUK_OFFICE_HOURS.slice(6) },
    loginAttemptsPerMinute: values.RONGTHUK_LOGIN_ATTEMPTS_PER_MINUTE,
    publicWritesPerMinute: values.RONGTHUK_PUBLIC_WRITES_PER_MINUTE,
    triageModel: values.RONGTHUK_TRIAGE_MODEL,
    autoAssignConfidence: values.RONGTHUK_AUTO_ASSIGN_CONFIDENCE === 'off' ? null : Number(values.RONGTHUK_AUTO_ASSIGN_CONFIDENCE),
    duplicateWindowDays: values.RONGTHUK_DUPLICATE_WINDOW_DAYS,
    confirmationBusinessDays: values.RONGTHUK_CONFIRMATION_BUSINESS_DAYS,
    filesDir: path.resolve(values.RONGTHUK_FILES_DIR ?? path.join(values.RONGTHUK_DATA_DIR, 'files')),
    maxFileBytes: Math.round(values.RONGTHUK_MAX_FILE_MB * 1024 * 1024),
    maxFiles: values.RONGTHUK_MAX_FILES,
    webDir: path.resolve(values.RONGTHUK_WEB_DIR),
    instanceCode: values.RONGTHUK_INSTANCE_CODE,
    exchangeKey: values.RONGTHUK_EXCHANGE_KEY,
    exchange: { retrySeconds: values.RONGTHUK_EXCHANGE_RETRY_SECONDS, maxAttempts: values.RONGTHUK_EXCHANGE_MAX_ATTEMPTS, skewSeconds: values.RONGTHUK_EXCHANGE_SKEW_SECONDS },
    logLevel: values.LOG_LEVEL,
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
