/**
 * Configuration from the environment, validated once at start-up: a wrong value stops the
 * process with a message naming the variable rather than failing later.
 */
import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded database)')
    .optional(),
  RONGTHUK_DATA_DIR: z.string().default('./data'),
  RONGTHUK_DATA_KEY: z.string().optional(),
  RONGTHUK_PUBLIC_URL: z.string().url().optional(),
  RONGTHUK_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  RONGTHUK_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  RONGTHUK_DEMO_SEED: z.enum(['true', 'false']).default('true'),
  RONGTHUK_LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  RONGTHUK_PUBLIC_WRITES_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /** postgres:// URL, or undefined for PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Base64 or hex 32-byte key; undefined: generated into dataDir/data-key. */
  dataKey: string | undefined;
  publicUrl: string | undefined;
  sessionHours: number;
  cookieSecure: boolean;
  /** Seed demo agencies, users and cases into an empty database. */
  demoSeed: boolean;
  /** Sign-in attempts per minute for one username from one address; 0 turns the limit off. */
  loginAttemptsPerMinute: number;
  /** Public filings, messages and ratings per minute from one address; 0 turns the limit off. */
  publicWritesPerMinute: number;
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
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(values.RONGTHUK_DATA_DIR),
    dataKey: values.RONGTHUK_DATA_KEY,
    publicUrl: values.RONGTHUK_PUBLIC_URL,
    sessionHours: values.RONGTHUK_SESSION_HOURS,
    cookieSecure: values.RONGTHUK_COOKIE_SECURE
      ? values.RONGTHUK_COOKIE_SECURE === 'true'
      : Boolean(values.RONGTHUK_PUBLIC_URL?.startsWith('https://')),
    demoSeed: values.RONGTHUK_DEMO_SEED === 'true',
    loginAttemptsPerMinute: values.RONGTHUK_LOGIN_ATTEMPTS_PER_MINUTE,
    publicWritesPerMinute: values.RONGTHUK_PUBLIC_WRITES_PER_MINUTE,
    logLevel: values.LOG_LEVEL,
  };
}
