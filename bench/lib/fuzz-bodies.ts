/**
 * bench/fuzz's bodies for a route: valid JSON from its schema (or the multipart contract kept),
 * and the ways a body goes wrong — mutated JSON, malformed or mislabelled bytes, broken
 * multipart, compressed bodies.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { flatPng } from '../../test/support/png.ts';
import { multipartBody, MULTIPART_VARIANTS, type MultipartVariant } from './fuzz-multipart.ts';
import type { ApiRoute, FuzzWorld } from './fuzz-routes.ts';
import { mutate, mutationPlan, toJsonText, valueFor, type JsonSchema, type SchemaContext } from './fuzz-schema.ts';

export interface BodyChoice {
  kind: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Bodies that are not the JSON they claim to be, or not JSON at all: each built from the valid JSON text. */
const RAW_BODIES: Record<string, (text: string, limits: FuzzWorld['limits']) => { body: string | Buffer; type?: string }> = {
  'malformed-open': () => ({ body: '{' }),
  'malformed-value': () => ({ body: '{"a":}' }),
  'malformed-comma': () => ({ body: '[1,]' }),
  'malformed-quotes': () => ({ body: "{'a':1}" }),
  'malformed-nan': () => ({ body: 'NaN' }),
  'trailing-garbage': (text) => ({ body: `${text}garbage` }),
  truncated: (text) => ({ body: text.slice(0, Math.max(1, text.length >> 1)) }),
  empty: () => ({ body: '' }),
  whitespace: () => ({ body: ' \r\n\t ' }),
  'scalar-null': () => ({ body: 'null' }),
  'scalar-string': () => ({ body: '"x"' }),
  'scalar-number': () => ({ body: '12' }),
  'scalar-array': () => ({ body: '[]' }),
  bom: (text) => ({ body: `\ufeff${text}` }),
  'invalid-utf8': (text) => {
    const bytes = Buffer.from(text);
    const middle = Math.max(1, text.indexOf('"', 1));
    return { body: Buffer.concat([bytes.subarray(0, middle + 1), Buffer.from([0xff, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80]), bytes.subarray(middle + 1)]) };
  },
  'raw-control-char': (text) => ({ body: text.replace('"', '"\u0000\u0001') }),
  utf16: (text) => ({ body: Buffer.from(text, 'utf16le'), type: 'application/json; charset=utf-16' }),
  'charset-latin1': (text) => ({ body: text, type: 'application/json; charset=iso-8859-1' }),
  'type-case': (text) => ({ body: text, type: 'Application/JSON' }),
  'type-list': (text) => ({ body: text, type: 'application/json, text/plain' }),
  'type-suffix': (text) => ({ body: text, type: 'application/vnd.api+json' }),
  'type-params': (text) => ({ body: text, type: 'application/json;;;charset' }),
  'text-plain': (text) => ({ body: text, type: 'text/plain' }),
  'text-plain-thai': () => ({ body: 'ร้องเรียนเรื่องถนน', type: 'text/plain; charset=utf-8' }),
  form: () => ({ body: 'description=%E0%B8%96%E0%B8%99%E0%B8%99&a=1&a=2', type: 'application/x-www-form-urlencoded' }),
  xml: () => ({ body: '<complaint><description>x</description></complaint>', type: 'application/xml' }),
  'octet-stream': () => ({ body: Buffer.from([0, 1, 2, 255]), type: 'application/octet-stream' }),
  'no-type': (text) => ({ body: text, type: '' }),
  'blank-type': (text) => ({ body: text, type: ' ' }),
  'bad-type': (text) => ({ body: text, type: ';;;' }),
  'multipart-mixed': (text) => ({ body: text, type: 'multipart/mixed; boundary=x' }),
  oversized: (_text, limits) => ({ body: `{"description":"${'x'.repeat(limits.bodyLimitBytes + 10)}"}` }),
  'oversized-thai': (_text, limits) => ({ body: `{"description":"${'ก'.repeat((limits.bodyLimitBytes >> 1) + 10)}"}` }),
};

function rawBodies(valid: fc.Arbitrary<unknown>, world: FuzzWorld): fc.Arbitrary<BodyChoice> {
  return fc.tuple(valid, fc.constantFrom(...Object.entries(RAW_BODIES))).map(([value, [variant, build]]): BodyChoice => {
    const built = build(toJsonText(value), world.limits);
    const type = built.type ?? 'application/json';
    return { kind: `raw:${variant}`, headers: type ? { 'content-type': type } : {}, body: Buffer.from(built.body) };
  });
}

const ENCODINGS = ['gzip', 'deflate', 'br', 'x-unknown', 'gzip, gzip', 'identity'];

function compressedBodies(valid: fc.Arbitrary<unknown>): fc.Arbitrary<BodyChoice> {
  return fc.tuple(valid, fc.constantFrom(...ENCODINGS), fc.boolean()).map(([value, encoding, honest]) => {
    const plain = Buffer.from(toJsonText(value));
    // Honest: gzip bytes under gzip; otherwise bytes that are not what the header says.
    const body = honest && encoding.startsWith('gzip') ? gzipSync(plain) : honest ? plain : Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad]);
    return { kind: `gzip:${encoding}${honest ? '' : ':bad'}`, headers: { ...JSON_TYPE, 'content-encoding': encoding }, body };
  });
}

function multipartBodies(route: ApiRoute, valid: fc.Arbitrary<unknown>, world: FuzzWorld): fc.Arbitrary<BodyChoice> {
  return fc.tuple(valid, mutationPlan(), fc.constantFrom<MultipartVariant>(...MULTIPART_VARIANTS), fc.nat(), fc.boolean()).map(([value, plan, variant, pick, compress]) => {
    const payload = variant === 'mutated-payload' ? toJsonText(mutate(value, plan)) : toJsonText(value);
    const built = multipartBody(variant, { payload, pick, png: TINY_PNG, maxFileBytes: world.limits.maxFileBytes, maxFiles: world.limits.maxFiles });
    const gzip = compress && pick % 10 === 0;
    return {
      kind: `multipart:${variant}${gzip ? ':gzip' : ''}${route.multipart ? '' : ':not-taken'}`,
      headers: { 'content-type': built.contentType, ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
      body: gzip ? gzipSync(built.body) : built.body,
    };
  });
}

const TINY_PNG = flatPng(2, 2);

/** A body that breaks something (or none, or a valid one now and then, as a client that got the rest wrong sends it). */
export function brokenBodies(route: ApiRoute, world: FuzzWorld, ctx: SchemaContext): fc.Arbitrary<BodyChoice> {
  const schema: JsonSchema = route.body ?? { type: 'object', properties: { x: { type: 'string' } } };
  const valid = valueFor(schema, '', ctx);
  const validJson = valid.map((value): BodyChoice => ({ kind: 'json:valid', headers: JSON_TYPE, body: Buffer.from(toJsonText(value)) }));
  const mutated = fc.tuple(valid, mutationPlan()).map(([value, plan]): BodyChoice => ({ kind: `json:${plan.mutation}`, headers: JSON_TYPE, body: Buffer.from(toJsonText(mutate(value, plan))) }));
  const none = fc.constant<BodyChoice>({ kind: 'none', headers: {} });
  if (!route.body) {
    return fc.oneof({ arbitrary: none, weight: 12 }, { arbitrary: validJson, weight: 1 }, { arbitrary: rawBodies(valid, world), weight: 1 }, { arbitrary: multipartBodies(route, valid, world), weight: 1 });
  }
  return fc.oneof(
    { arbitrary: validJson, weight: 6 },
    { arbitrary: mutated, weight: 6 },
    { arbitrary: rawBodies(valid, world), weight: 3 },
    { arbitrary: multipartBodies(route, valid, world), weight: route.multipart ? 5 : 1 },
    { arbitrary: compressedBodies(valid), weight: 1 },
    { arbitrary: none, weight: 1 },
  );
}

/** The body a client means: JSON from the schema, or for a route that takes files the multipart contract with a photo or two. */
export function validBody(route: ApiRoute, world: FuzzWorld, ctx: SchemaContext): fc.Arbitrary<BodyChoice> {
  if (!route.body) return fc.constant({ kind: 'none', headers: {} });
  const valid = valueFor(route.body, '', ctx);
  const json = valid.map((value): BodyChoice => ({ kind: 'json:valid', headers: JSON_TYPE, body: Buffer.from(toJsonText(value)) }));
  if (!route.multipart) return json;
  const multipart = fc.tuple(valid, fc.nat()).map(([value, pick]): BodyChoice => {
    const built = multipartBody('valid', { payload: toJsonText(value), pick, png: TINY_PNG, maxFileBytes: world.limits.maxFileBytes, maxFiles: world.limits.maxFiles });
    return { kind: 'multipart:valid', headers: { 'content-type': built.contentType }, body: built.body };
  });
  return fc.oneof({ arbitrary: json, weight: 3 }, { arbitrary: multipart, weight: 1 });
}
