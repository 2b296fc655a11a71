/**
 * The process's logger: pino, with serializers that keep personal data out of the log.
 *
 * What a request brings is personal: query strings (`/api/v1/cases?phone=…`), bodies, the
 * parameters of a failed SQL statement (database errors may carry `query`, `params` and `detail`,
 * the complaint text among them) and the values a database quotes in its messages. So a request
 * is logged by its method, path and route only; an error by its name, code, a message with
 * quoted values and personal data taken out, and its stack frames — never the fields a
 * database driver adds (detail, where, params, query). Headers, wherever logged, are removed.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactPersonalData } from '../../shared/redaction.ts';

export interface CreateLoggerOptions {
  level: string;
  /** Where lines go; default stdout. Tests pass a memory stream. */
  destination?: DestinationStream;
}

/** The logger every role of the binary (serve, worker, CLI jobs) uses. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const settings = {
    level: options.level,
    serializers: LOG_SERIALIZERS,
    // Headers carry credentials (bearer tokens, session cookies, access keys); a plugin may
    // log them at trace level (multipart logs its parser's options, headers included).
    redact: { paths: ['headers', '*.headers'], remove: true },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  routeOptions?: { url?: string };
}

interface LoggedReply {
  statusCode?: number;
}

const LOG_SERIALIZERS = {
  req: (request: LoggedRequest) => ({
    method: request.method,
    url: pathOnly(request.url),
    route: request.routeOptions?.url,
  }),
  res: (reply: LoggedReply) => ({ statusCode: reply.statusCode }),
  err: (error: unknown) => errorForLog(error),
};

/** The URL without its query string: what a client searched for stays out of the log. */
export function pathOnly(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const question = url.indexOf('?');
  return question === -1 ? url : `${url.slice(0, question)}?[query removed]`;
}

/** Fields of a database error that say where it happened without saying what was in it. */
const SAFE_DATABASE_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

/** An error as the log may keep it. */
export function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: safeErrorText(String(error)) };
  const logged: Record<string, unknown> = { type: error.name, message: safeErrorText(error.message) };
  const fields = error as unknown as Record<string, unknown>;
  for (const field of SAFE_DATABASE_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number') logged[field] = value;
  }
  if (typeof fields.statusCode === 'number') logged.statusCode = fields.statusCode;
  if (error.stack) logged.stack = stackFrames(error.stack);
  if (error.cause !== undefined) logged.cause = errorForLog(error.cause);
  return logged;
}

/** One line describing an error, safe to log and to keep (a job's last error). */
export function describeErrorSafely(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${safeErrorText(error.message)}` : safeErrorText(String(error));
}

/**
 * An error message with the values it quotes and any personal data taken out. Databases quote
 * the offending input (`invalid input syntax for type integer: "081…"`); mail servers name the
 * recipient. Identifiers in double quotes are kept when they look like SQL names (a table, a
 * constraint), so the message still says where it went wrong.
 */
export function safeErrorText(message: string): string {
  const withoutValues = message
    .replace(/"((?:[^"\\]|\\.)*)"/g, (quoted, inner: string) => (/^[a-z_][a-z0-9_.]*$/i.test(inner) ? quoted : '"[value removed]"'))
    .replace(/'((?:[^'\\]|\\.)*)'/g, (quoted, inner: string) => (/^[a-z_][a-z0-9_.]*$/i.test(inner) ? quoted : "'[value removed]'"));
  return redactPersonalData(withoutValues);
}

/** The stack without its first line, which repeats the (unsafe) message. */
function stackFrames(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
