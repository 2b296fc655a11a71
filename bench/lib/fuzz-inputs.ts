/**
 * bench/fuzz's inputs: one fast-check arbitrary of HTTP requests per route of the API — path
 * parameters, query strings, credentials, and bodies from the route's JSON schema (valid,
 * mutated, malformed, multipart, compressed) — and the seeded stream of them a run sends.
 */
import fc from 'fast-check';
import { brokenBodies, validBody } from './fuzz-bodies.ts';
import type { SentRequest } from './fuzz-client.ts';
import { queryParameterNames, type ApiRoute, type FuzzWorld, type OpenApiParameter } from './fuzz-routes.ts';
import { nastyString, text, valueFor, type JsonSchema, type SchemaContext } from './fuzz-schema.ts';

/** One input: a request as it goes on the wire (fuzz-client.ts), with placeholders for secrets (fuzz-routes.ts). */
export interface FuzzRequest extends SentRequest {
  /** The route's key, or `unrouted`. */
  route: string;
  /** The part of the request the input breaks (the others are valid). */
  focus: Focus | 'unrouted';
  /** What the body is: `none`, `json:valid`, `json:<mutation>`, `raw:<variant>`, `multipart:<variant>`, `gzip:<variant>`. */
  kind: string;
  /** Which credentials: `none`, `garbage:<variant>`, `bearer:<user>`, `cookie:<user>:<origin variant>`… */
  credential: string;
}

export const UNROUTED = 'unrouted';

/** Path parts that are not percent-encoded UTF-8, or that routers and file servers trip on. */
const RAW_PATH_JUNK = ['%ff', '%', '%zz', '%c0%80', '%ed%a0%80', '%f4%90%80%80', '%00', '%2f', '%2e%2e', '..', '.', '%u0041', '%25', '\u00e9', '\u00ff\u00fe', '%E0%B8', ';x=1', 'a'.repeat(101), 'b'.repeat(3_000)];

/** `arbitrary` once in `oneIn` draws, `otherwise` the other times. */
export function sometimes<T, N>(arbitrary: fc.Arbitrary<T>, oneIn: number, otherwise: N): fc.Arbitrary<T | N> {
  return fc.oneof({ arbitrary, weight: 1 }, { arbitrary: fc.constant(otherwise), weight: oneIn - 1 });
}

/** Percent-encoding of the UTF-8 of `value` (a lone surrogate becomes U+FFFD's bytes, as a browser sends it). */
export function percentEncode(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** A header value as a client can send it: UTF-8 bytes read as latin1, without the bytes HTTP forbids. */
export function headerValue(value: string): string {
  return Buffer.from(value, 'utf8')
    .toString('latin1')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

interface Part {
  text: string;
  /** The pool index a path parameter took (a tracking code's, for its access key). */
  index?: number;
}

function poolKeyOf(route: ApiRoute, name: string): string {
  const segments = route.template.split('/');
  return segments[segments.indexOf(`{${name}}`) - 1] ?? name;
}

function pathParameter(route: ApiRoute, parameter: OpenApiParameter, world: FuzzWorld, ctx: SchemaContext): fc.Arbitrary<Part> {
  const pool = world.pools[poolKeyOf(route, parameter.name)] ?? [];
  const fromSchema = valueFor(parameter.schema ?? { type: 'string' }, parameter.name, ctx).map((value) => ({ text: percentEncode(String(value)) }));
  const options: Array<fc.WeightedArbitrary<Part>> = [
    { arbitrary: fromSchema, weight: 2 },
    { arbitrary: fc.oneof(text(0, 30), nastyString()).map((value) => ({ text: percentEncode(value) })), weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_PATH_JUNK).map((value) => ({ text: value })), weight: 1 },
  ];
  if (pool.length) options.push({ arbitrary: fc.nat({ max: pool.length - 1 }).map((index) => ({ text: percentEncode(pool[index] ?? ''), index })), weight: 6 });
  return fc.oneof(...options);
}

/** A value for a query parameter: valid, at or past its bounds, of the wrong kind, or not encoded at all. */
function queryValue(parameter: OpenApiParameter, ctx: SchemaContext): fc.Arbitrary<string> {
  const schema = parameter.schema ?? {};
  const bounds: string[] = ['', '0', '-1', '1.5', 'abc', '1e309', 'NaN', '9007199254740993', 'true', 'null'];
  if (schema.minimum !== undefined) bounds.push(String(schema.minimum), String(schema.minimum - 1));
  if (schema.maximum !== undefined) bounds.push(String(schema.maximum), String(schema.maximum + 1));
  if (schema.maxLength !== undefined) bounds.push('x'.repeat(schema.maxLength), 'x'.repeat(schema.maxLength + 1));
  return fc.oneof(
    { arbitrary: valueFor(schema, parameter.name, ctx).map((value) => percentEncode(String(value))), weight: 5 },
    { arbitrary: fc.constantFrom(...bounds).map(percentEncode), weight: 2 },
    { arbitrary: nastyString().map(percentEncode), weight: 2 },
    { arbitrary: fc.constantFrom('%ff', '%', '%00', '%ed%a0%80', 'a+b', '%2C%2C', ',,,', '\u00e9'), weight: 1 },
  );
}

function queryString(route: ApiRoute, ctx: SchemaContext): fc.Arbitrary<string> {
  const documented = route.queryParams.map((parameter) =>
    sometimes(queryValue(parameter, ctx).map((value) => `${parameter.name}=${value}`), 2, undefined),
  );
  const names = route.queryParams.map((parameter) => parameter.name);
  const extras = fc.array(
    fc.oneof(
      text(1, 10).map((key) => `${percentEncode(key)}=1`),
      fc.constantFrom(...(names.length ? names : ['limit'])).chain((name) => fc.constantFrom(`${name}=1&${name}=2`, `${name}[]=1`, `${name}[a]=b`, name, `${name}=`)),
      fc.constantFrom('&&&', '==', '=x', '%00=%00', '__proto__[x]=1', 'constructor=1', `q=${percentEncode('ก'.repeat(1_000))}`, `x=${'y'.repeat(10_000)}`),
      // UTF-8 not percent-encoded: the raw bytes in the request line.
      fc.constantFrom('q=ถนน', 'nationalId=๑๒๓').map((pair) => Buffer.from(pair, 'utf8').toString('latin1')),
    ),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...documented), extras, fc.nat({ max: 19 })).map(([chosen, extra, shape]) => {
    const parts = [...chosen.filter((part): part is string => part !== undefined), ...extra];
    if (shape === 0) return '?';
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

const GARBAGE_CREDENTIALS: Record<string, Record<string, string>> = {
  'bearer-random': { authorization: 'Bearer 7fK3s9QmZb1vXyW2pL0aDcEeRrTtUuIiOoPp' },
  'bearer-empty': { authorization: 'Bearer ' },
  'bearer-long': { authorization: `Bearer ${'A'.repeat(500)}` },
  'bearer-latin1': { authorization: headerValue('Bearer ก😀\ud800') },
  basic: { authorization: 'Basic YWRtaW46cm9uZ3RodWstZGVtbw==' },
  'scheme-only': { authorization: 'Bearer' },
  'cookie-random': { cookie: 'rongthuk_session=deadbeef' },
  'cookie-malformed': { cookie: ';;=;rongthuk_session;=x=y' },
  'cookie-encoded': { cookie: 'rongthuk_session=%ff%00%ed%a0%80' },
};

/** Where a request sent with the session cookie says it comes from. */
const ORIGIN_VARIANTS: Record<string, Record<string, string>> = {
  bare: {},
  'same-origin': { 'sec-fetch-site': 'same-origin' },
  'fetch-none': { 'sec-fetch-site': 'none' },
  'same-site': { 'sec-fetch-site': 'same-site' },
  'cross-site': { 'sec-fetch-site': 'cross-site' },
  origin: { origin: '{{origin}}' },
  'other-origin': { origin: 'https://evil.example' },
  'origin-null': { origin: 'null' },
  'origin-garbage': { origin: '::not a url::' },
  'host-mismatch': { origin: '{{origin}}', host: 'evil.example' },
};

interface Credentials {
  label: string;
  headers: Record<string, string>;
}

function credentials(world: FuzzWorld): fc.Arbitrary<Credentials> {
  const users = world.users.length ? world.users : ['nobody'];
  return fc.oneof(
    { arbitrary: fc.constant({ label: 'none', headers: {} }), weight: 3 },
    { arbitrary: fc.constantFrom(...Object.keys(GARBAGE_CREDENTIALS)).map((name) => ({ label: `garbage:${name}`, headers: { ...GARBAGE_CREDENTIALS[name] } })), weight: 2 },
    { arbitrary: fc.constantFrom(...users).map((user) => ({ label: `bearer:${user}`, headers: { authorization: `Bearer {{token:${user}}}` } })), weight: 5 },
    {
      arbitrary: fc.tuple(fc.constantFrom(...users), fc.constantFrom(...Object.keys(ORIGIN_VARIANTS))).map(([user, origin]) => ({
        label: `cookie:${user}:${origin}`,
        headers: { cookie: `rongthuk_session={{token:${user}}}`, ...ORIGIN_VARIANTS[origin] },
      })),
      weight: 3,
    },
    {
      arbitrary: fc.tuple(fc.constantFrom(...users), fc.constantFrom(...users)).map(([bearer, cookie]) => ({
        label: `both:${bearer}:${cookie}`,
        headers: { authorization: `Bearer {{token:${bearer}}}`, cookie: `rongthuk_session={{token:${cookie}}}; other=1` },
      })),
      weight: 1,
    },
  );
}

/** Which X-Access-Key to send: the right one for the path's tracking code, another case's, none, or junk. */
type KeyPlan = { kind: 'right' } | { kind: 'none' } | { kind: 'value'; value: string };

function accessKeyPlan(world: FuzzWorld, documented: boolean): fc.Arbitrary<KeyPlan> {
  const keys = (world.pools.complaints ?? []).length;
  const options: Array<fc.WeightedArbitrary<KeyPlan>> = [
    { arbitrary: fc.constant({ kind: 'none' as const }), weight: documented ? 2 : 20 },
    { arbitrary: fc.oneof(nastyString(), text(0, 120)).map((value) => ({ kind: 'value' as const, value: headerValue(value) })), weight: 2 },
    { arbitrary: fc.constant({ kind: 'right' as const }), weight: 8 },
  ];
  if (keys) options.push({ arbitrary: fc.nat({ max: keys - 1 }).map((index) => ({ kind: 'value' as const, value: `{{accessKey:${index}}}` })), weight: 2 });
  return fc.oneof(...options);
}

function accessKeyHeader(plan: KeyPlan, trackingIndex: number | undefined, world: FuzzWorld): Record<string, string> {
  if (plan.kind === 'value') return { 'x-access-key': plan.value };
  if (plan.kind === 'none') return {};
  // The right key for a tracking code no case has: any case's.
  const index = trackingIndex ?? 0;
  return (world.pools.complaints ?? []).length ? { 'x-access-key': `{{accessKey:${index}}}` } : {};
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'TRACE', 'CONNECT'];

const EXTRA_HEADERS: ReadonlyArray<Record<string, string>> = [
  { 'accept-encoding': 'gzip' },
  { 'accept-encoding': 'br' },
  { 'accept-encoding': 'gzip, deflate, br;q=0.5, *;q=0' },
  { 'accept-encoding': headerValue('ก;q=x') },
  { accept: 'text/html' },
  { 'accept-language': 'th-TH,th;q=0.9,en;q=0.1' },
  { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
  { 'x-forwarded-for': 'not an address' },
  { 'x-http-method-override': 'DELETE' },
  { expect: '100-continue' },
  { expect: 'the-unexpected' },
  // Past the HTTP parser's header size: answered by the client-error handler.
  { 'x-overflow': 'z'.repeat(20_000) },
];

/**
 * What an input breaks. One part at a time, the others valid, so that an input gets past the
 * checks of the parts it keeps and reaches the code behind them; `none` sends a valid request.
 */
export const FOCUSES = ['none', 'path', 'query', 'body', 'credentials', 'method', 'everything'] as const;
export type Focus = (typeof FOCUSES)[number];

const FOCUS_WEIGHTS: Record<Focus, number> = { none: 4, path: 4, query: 3, body: 8, credentials: 3, method: 1, everything: 2 };

function validPathParameter(route: ApiRoute, parameter: OpenApiParameter, world: FuzzWorld, ctx: SchemaContext): fc.Arbitrary<Part> {
  const pool = world.pools[poolKeyOf(route, parameter.name)] ?? [];
  if (pool.length) return fc.nat({ max: pool.length - 1 }).map((index) => ({ text: percentEncode(pool[index] ?? ''), index }));
  return valueFor(parameter.schema ?? { type: 'string' }, parameter.name, ctx).map((value) => ({ text: percentEncode(String(value)) }));
}

/**
 * A query string a client means: the required parameters and each other one a third of the time, with a value that exists
 * where some are known; a free-form string (a cursor) seldom, as one made up is wrong in meaning.
 */
function validQueryString(route: ApiRoute, ctx: SchemaContext): fc.Arbitrary<string> {
  const chosen = route.queryParams.map((parameter) => {
    const schema = parameter.schema ?? {};
    const known = ctx.known[parameter.name];
    const value = known?.length ? fc.constantFrom(...known) : valueFor(schema, parameter.name, ctx);
    const free = !known?.length && schemaTypeOf(schema) === 'string' && !schema.enum && !schema.pattern && !schema.format && !schema.anyOf;
    const pair = value.map((item) => `${parameter.name}=${percentEncode(String(item))}`);
    return parameter.required ? pair : sometimes(pair, free ? 8 : 3, undefined);
  });
  return fc.tuple(...chosen).map((parts) => {
    const present = parts.filter((part): part is string => part !== undefined);
    return present.length ? `?${present.join('&')}` : '';
  });
}

function schemaTypeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type[0] : schema.type;
}

/** A signed-in user's credentials as the console or an API client sends them. */
function validCredentials(world: FuzzWorld): fc.Arbitrary<Credentials> {
  const users = world.users.length ? world.users : ['nobody'];
  return fc.tuple(fc.constantFrom(...users), fc.boolean()).map(([user, cookie]): Credentials =>
    cookie
      ? { label: `cookie:${user}:same-origin`, headers: { cookie: `rongthuk_session={{token:${user}}}`, 'sec-fetch-site': 'same-origin' } }
      : { label: `bearer:${user}`, headers: { authorization: `Bearer {{token:${user}}}` } },
  );
}

/** Requests for one route of the API: each focus's arbitrary built once (building them is what costs). */
export function routeRequests(route: ApiRoute, world: FuzzWorld, ctx: SchemaContext): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...FOCUSES.map((focus) => ({ arbitrary: focusedRequests(route, world, ctx, focus), weight: FOCUS_WEIGHTS[focus] })));
}

function focusedRequests(route: ApiRoute, world: FuzzWorld, ctx: SchemaContext, focus: Focus): fc.Arbitrary<FuzzRequest> {
  const breaks = (part: Focus) => focus === part || focus === 'everything';
  const trackingPosition = route.pathParams.findIndex((parameter) => parameter.name === 'trackingCode');
  const takesKey = route.headerParams.includes('x-access-key');
  const otherMethod = fc.constantFrom(...OTHER_METHODS);
  return fc
    .record({
      method: focus === 'method' ? otherMethod : focus === 'everything' ? fc.oneof({ arbitrary: fc.constant(route.method), weight: 4 }, otherMethod) : fc.constant(route.method),
      path: fc.tuple(...route.pathParams.map((parameter) => (breaks('path') ? pathParameter : validPathParameter)(route, parameter, world, ctx))),
      query: breaks('query') ? queryString(route, ctx) : validQueryString(route, ctx),
      body: breaks('body') ? brokenBodies(route, world, ctx) : validBody(route, world, ctx),
      credential: breaks('credentials') ? credentials(world) : validCredentials(world),
      key: breaks('credentials') ? accessKeyPlan(world, takesKey) : fc.constant<KeyPlan>(takesKey ? { kind: 'right' } : { kind: 'none' }),
      extra: sometimes(fc.constantFrom(...EXTRA_HEADERS), breaks('credentials') ? 3 : 40, undefined),
      noHost: fc.nat({ max: 39 }).map((pick) => breaks('credentials') && pick === 0),
      // The absolute form of the request target (RFC 9112, 3.2.2), which a server must accept as well.
      absolute: breaks('path') ? sometimes(fc.constantFrom('http://127.0.0.1', 'http://evil.example', 'HTTP://127.0.0.1:1'), 8, '') : fc.constant(''),
      chunkedPick: fc.nat({ max: 9 }),
    })
    .map((parts): FuzzRequest => {
      let pathname = route.template;
      route.pathParams.forEach((parameter, index) => {
        pathname = pathname.replace(`{${parameter.name}}`, parts.path[index]?.text ?? '');
      });
      const trackingIndex = trackingPosition >= 0 ? parts.path[trackingPosition]?.index : undefined;
      return {
        route: route.key,
        focus,
        method: parts.method,
        url: `${parts.absolute}${pathname}${parts.query}`,
        headers: { ...parts.credential.headers, ...accessKeyHeader(parts.key, trackingIndex, world), ...parts.body.headers, ...parts.extra },
        ...(parts.body.body ? { body: parts.body.body } : {}),
        chunked: parts.body.body !== undefined && parts.chunkedPick === 0,
        ...(parts.noHost ? { noHost: true } : {}),
        kind: parts.body.kind,
        credential: parts.credential.label,
      };
    });
}

const UNROUTED_PATHS = [
  '/',
  '/index.html',
  '/staff/cases/x',
  '/track/ABC',
  '/assets/missing.js',
  '/api',
  '/api/',
  '/api/v1',
  '/api/v1/',
  '/api/v1/nope',
  '/api/v2/cases',
  '/api/v1/CASES',
  '//api/v1/cases',
  '/api/v1/cases/',
  '/api/v1/cases/%ff',
  '/api/v1/public/complaints/%c0%80',
  '/api/v1/public/../auth/me',
  '/api/v1/cases/..%2f..%2fetc%2fpasswd',
  '/%ff',
  '/%',
  '/%00',
  '/.env',
  '/api/openapi.json/..',
  `/api/v1/${'a/'.repeat(2_000)}`,
  '/\u00e9\u00ff',
  'http://127.0.0.1/api/v1/nope',
  'http://evil.example/api/v1/auth/me',
  'http://127.0.0.1',
  '*',
];

/** Requests for paths no route has (the not-found answer, the router's own errors, pages). */
export function unroutedRequests(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.constantFrom(...OTHER_METHODS),
      path: fc.oneof(fc.constantFrom(...UNROUTED_PATHS), fc.array(text(1, 8).map(percentEncode), { minLength: 1, maxLength: 4 }).map((segments) => `/api/v1/${segments.join('/')}`)),
      credential: credentials(world),
    })
    .map(({ method, path, credential }) => ({ route: UNROUTED, focus: 'unrouted' as const, method, url: path, headers: credential.headers, chunked: false, kind: 'none', credential: credential.label }));
}

/** Every route's requests, each route about as often as any other (those with bodies a little more). */
export function apiRequests(routes: readonly ApiRoute[], world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const ctx: SchemaContext = { known: world.known, objectKeys: queryParameterNames(routes) };
  return fc.oneof(
    ...routes.map((route) => ({ arbitrary: routeRequests(route, world, ctx), weight: route.body ? 3 : 2 })),
    { arbitrary: unroutedRequests(world), weight: 3 },
  );
}

/** `count` inputs from `seed`, generated a batch at a time (the same seed gives the same inputs). */
export function* seededInputs(arbitrary: fc.Arbitrary<FuzzRequest>, seed: number, count: number, batchSize = 250): Generator<FuzzRequest> {
  for (let batch = 0; batch * batchSize < count; batch += 1) {
    const size = Math.min(batchSize, count - batch * batchSize);
    // A seed per batch: a run can be extended without changing its first inputs.
    yield* fc.sample(arbitrary, { seed: (seed + batch * 0x9e3779b1) | 0, numRuns: size });
  }
}
