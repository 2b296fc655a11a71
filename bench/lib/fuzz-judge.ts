/**
 * bench/fuzz's judgement of each answer — 5xx, hanging, a broken connection, an error outside
 * the API's shape, an API answer outside its contract — and the tally of a run: counts by
 * status, route, focus and body, distinct failures, and a reproduction of each failure kept.
 */
import type { Answer } from './fuzz-client.ts';
import type { FuzzRequest } from './fuzz-inputs.ts';
import type { LoggedError } from './fuzz-target.ts';
import { round } from './stats.ts';

/**
 * `contract`: an answer to an /api/ path that breaks what every API answer promises besides
 * the error shape — a 2xx without Cache-Control (personal answers are no-store), or an HTML page.
 */
export type FailureKind = '5xx' | 'hanging' | 'error-shape' | 'connection' | 'contract';

/** What to send again to see a failure: secrets as placeholders, the body as text or base64. */
export interface Reproduction {
  kind: FailureKind;
  route: string;
  focus: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyKind: string;
  credential: string;
  chunked: boolean;
  /** Sent without a Host header. */
  noHost?: boolean;
  body?: { text: string } | { base64: string; bytes: number };
  answer: { status?: number; contentType?: string; body: string; error?: string; ms: number };
  problem: string;
  /** The request before it on the same connection (a connection a request left stuck fails the next one). */
  previousOnConnection?: string;
  /** What the server logged while it was in flight. */
  serverErrors?: Array<{ message: string; error?: string }>;
}

export interface DistinctFailure {
  signature: string;
  count: number;
  /** A few of the routes, methods and kinds of body it was met with. */
  routes: string[];
  methods: string[];
  bodyKinds: string[];
}

export interface RouteFigures {
  count: number;
  byStatus: Record<string, number>;
  failures: number;
}

/** What a run counted, answer by answer. */
export interface Tally {
  inputs: number;
  /** Inputs the HTTP client refused to send (the fuzzer's fault), with a few examples. */
  unsent: number;
  unsentExamples: string[];
  byClass: Record<string, number>;
  byStatus: Record<string, number>;
  byRoute: Record<string, RouteFigures>;
  /** By what the input broke (fuzz-inputs.ts FOCUSES): status classes. */
  byFocus: Record<string, Record<string, number>>;
  byBodyKind: Record<string, Record<string, number>>;
  counts: Record<FailureKind, number>;
  /** Distinct failures: kind, status and error code (or problem), with how many inputs met each and where. */
  distinctFailures: DistinctFailure[];
  reproductions: Reproduction[];
}

const NO_FAILURES: Record<FailureKind, number> = { '5xx': 0, hanging: 0, 'error-shape': 0, connection: 0, contract: 0 };

/** Why an answer of 400 or more is not in the API's error shape `{ error: { code, message, messageTh, details } }`, or null. */
export function errorShapeProblem(answer: Pick<Answer, 'status' | 'headers' | 'body'>, method: string): string | null {
  if (answer.status === undefined || answer.status < 400 || method === 'HEAD') return null;
  const type = String(answer.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return `Content-Type ${type || 'missing'}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return 'body is not JSON';
  }
  const error = (parsed as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  if (!error || typeof error !== 'object') return 'no error object';
  for (const field of ['code', 'message', 'messageTh'] as const) {
    if (typeof error[field] !== 'string' || !(error[field] as string).length) return `error.${field} missing or not a string`;
  }
  if (!Array.isArray(error.details)) return 'error.details is not an array';
  for (const detail of error.details as unknown[]) {
    const item = detail as Record<string, unknown> | null;
    if (!item || typeof item.message !== 'string' || (item.field !== undefined && typeof item.field !== 'string') || (item.messageTh !== undefined && typeof item.messageTh !== 'string')) {
      return 'a detail is not { field?, message, messageTh? }';
    }
  }
  return null;
}

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

function addExample(examples: string[], value: string): void {
  if (examples.length < 4 && !examples.includes(value)) examples.push(value);
}

/**
 * Why an error of an Open311 GeoReport v2 path (/open311/) is not in that specification's error
 * format, or null: a JSON array of { code, description }, or XML <errors><error><code>…
 * <description>… by the path's format. Open311 clients read that format, not ours.
 */
export function open311ErrorProblem(answer: Pick<Answer, 'status' | 'headers' | 'body'>, method: string): string | null {
  if (answer.status === undefined || answer.status < 400 || method === 'HEAD') return null;
  const type = String(answer.headers['content-type'] ?? '');
  const text = answer.body.toString('utf8');
  if (type.startsWith('text/xml') || type.startsWith('application/xml')) {
    return /<errors>\s*<error>\s*<code>[^<]+<\/code>\s*<description>[^<]*<\/description>/.test(text) ? null : 'not an Open311 <errors> document';
  }
  if (!type.startsWith('application/json')) return `Content-Type ${type || 'missing'}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'body is not JSON';
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return 'not an Open311 array of errors';
  for (const item of parsed as Array<Record<string, unknown> | null>) {
    if (!item || (typeof item.code !== 'number' && typeof item.code !== 'string') || typeof item.description !== 'string') return 'an Open311 error is not { code, description }';
  }
  return null;
}

/** The path of a request target, also of one in absolute form (`http://host/path`). */
function targetPath(url: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(url);
  return absolute ? url.slice(absolute[0].length) || '/' : url;
}

/** Why an answer to an /api/ path breaks the API's promises besides the error shape, or null. */
export function apiContractProblem(answer: Pick<Answer, 'status' | 'headers'>, url: string): string | null {
  if (answer.status === undefined || !targetPath(url).startsWith('/api/')) return null;
  if (String(answer.headers['content-type'] ?? '').startsWith('text/html')) return `an HTML page (${answer.status}) for an API path`;
  if (answer.status < 300 && answer.headers['cache-control'] === undefined) return 'a 2xx API answer without Cache-Control';
  return null;
}

function bodyForReport(body: Buffer | undefined): Reproduction['body'] {
  if (!body) return undefined;
  const text = body.toString('utf8');
  const printable = Buffer.from(text, 'utf8').equals(body) && body.length <= 4096;
  return printable ? { text } : { base64: body.subarray(0, 4096).toString('base64'), bytes: body.length };
}

function describeRequest(request: FuzzRequest, answer: Answer | undefined): string {
  return `${request.method} ${request.url.slice(0, 120)} [${request.kind}, ${request.credential}] → ${answer?.status ?? answer?.error ?? '?'}`;
}

/** Every failure an answer shows, with what is wrong. */
export function judge(request: FuzzRequest, answer: Answer): Array<[FailureKind, string]> {
  const failures: Array<[FailureKind, string]> = [];
  if (answer.hung) return [['hanging', answer.error ?? 'no answer']];
  if (answer.status === undefined || answer.error) failures.push(['connection', answer.error ?? 'no answer']);
  if (answer.status !== undefined && answer.status >= 500) failures.push(['5xx', `answered ${answer.status}`]);
  // Open311 paths answer in that specification's format, except what the server refuses before any
  // route sees it (a malformed request line, a path part too long): that is in ours.
  const ours = errorShapeProblem(answer, request.method);
  const shape = targetPath(request.url).startsWith('/open311/') && ours ? open311ErrorProblem(answer, request.method) : ours;
  if (shape) failures.push(['error-shape', shape]);
  const contract = apiContractProblem(answer, request.url);
  if (contract) failures.push(['contract', contract]);
  return failures;
}

function errorCodeOf(body: Buffer): string {
  try {
    return (JSON.parse(body.toString('utf8')) as { error?: { code?: string } }).error?.code ?? '';
  } catch {
    return body.toString('utf8').slice(0, 40);
  }
}

/** The counts of a run, kept answer by answer; `keepFailures` reproductions of each kind. */
export class FuzzTally {
  readonly tally: Tally;
  readonly #distinct = new Map<string, DistinctFailure>();
  readonly #kept: Record<FailureKind, number> = { ...NO_FAILURES };
  /** What was last sent on each lane's connection. */
  readonly #previous: Array<string | undefined> = [];

  constructor(
    routes: readonly string[],
    private readonly keepFailures: number,
    private readonly serverErrors: readonly LoggedError[],
  ) {
    this.tally = {
      inputs: 0,
      unsent: 0,
      unsentExamples: [],
      byClass: {},
      byStatus: {},
      byRoute: Object.fromEntries(routes.map((route) => [route, { count: 0, byStatus: {}, failures: 0 }])),
      byFocus: {},
      byBodyKind: {},
      counts: { ...NO_FAILURES },
      distinctFailures: [],
      reproductions: [],
    };
  }

  /** The last request on `lane`'s connection, described. */
  lastOn(lane: number): string | undefined {
    return this.#previous[lane];
  }

  record(request: FuzzRequest, answer: Answer, startedAt: number, lane: number): void {
    const tally = this.tally;
    if (answer.unsent) {
      tally.unsent += 1;
      if (tally.unsentExamples.length < 10) tally.unsentExamples.push(`${request.method} ${request.url.slice(0, 200)}: ${answer.unsent}`);
      return;
    }
    tally.inputs += 1;
    const status = answer.status === undefined ? (answer.hung ? 'hanging' : 'no answer') : String(answer.status);
    const statusClass = answer.status === undefined ? status : `${Math.floor(answer.status / 100)}xx`;
    bump(tally.byStatus, status);
    bump(tally.byClass, statusClass);
    const route = (tally.byRoute[request.route] ??= { count: 0, byStatus: {}, failures: 0 });
    route.count += 1;
    bump(route.byStatus, status);
    bump((tally.byFocus[request.focus] ??= {}), statusClass);
    bump((tally.byBodyKind[request.kind.split(':').slice(0, 2).join(':')] ??= {}), statusClass);
    for (const [kind, problem] of judge(request, answer)) {
      tally.counts[kind] += 1;
      route.failures += 1;
      this.#countDistinct(kind, problem, request, answer);
      if (this.#kept[kind] >= this.keepFailures) continue;
      this.#kept[kind] += 1;
      tally.reproductions.push(this.#reproduction(kind, problem, request, answer, startedAt, lane));
    }
    this.#previous[lane] = describeRequest(request, answer);
    tally.distinctFailures = [...this.#distinct.values()].sort((a, b) => b.count - a.count);
  }

  #countDistinct(kind: FailureKind, problem: string, request: FuzzRequest, answer: Answer): void {
    const signature = `${kind} | ${answer.status ?? '-'} | ${errorCodeOf(answer.body) || problem.replace(/\d+/g, 'N')}`;
    const entry = this.#distinct.get(signature) ?? { signature, count: 0, routes: [], methods: [], bodyKinds: [] };
    entry.count += 1;
    addExample(entry.routes, request.route);
    addExample(entry.methods, request.method);
    addExample(entry.bodyKinds, request.kind);
    this.#distinct.set(signature, entry);
  }

  #reproduction(kind: FailureKind, problem: string, request: FuzzRequest, answer: Answer, startedAt: number, lane: number): Reproduction {
    const logged = this.serverErrors.filter((entry) => entry.at >= startedAt && entry.at <= startedAt + answer.ms + 5);
    const previous = this.#previous[lane];
    return {
      kind,
      route: request.route,
      focus: request.focus,
      method: request.method,
      url: request.url,
      headers: request.headers,
      bodyKind: request.kind,
      credential: request.credential,
      chunked: request.chunked,
      ...(request.noHost ? { noHost: true } : {}),
      ...(request.body ? { body: bodyForReport(request.body) } : {}),
      answer: {
        status: answer.status,
        contentType: answer.headers['content-type'],
        body: answer.body.toString('utf8').slice(0, 1000),
        ...(answer.error ? { error: answer.error } : {}),
        ms: round(answer.ms, 1),
      },
      problem,
      ...(previous ? { previousOnConnection: previous } : {}),
      ...(logged.length ? { serverErrors: logged.slice(0, 5).map(describeLogged) } : {}),
    };
  }
}

function describeLogged(entry: LoggedError): { message: string; error?: string } {
  if (!entry.error) return { message: entry.message };
  const { type = '', code = '', message = '', stack = '' } = entry.error;
  return { message: entry.message, error: `${type} ${code} ${message} ${stack.split('\n').slice(1, 4).join(' ')}`.trim() };
}
