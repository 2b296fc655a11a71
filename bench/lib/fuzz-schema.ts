/**
 * bench/fuzz's values: an arbitrary (fast-check) for any JSON schema of the OpenAPI document,
 * the nasty strings and numbers a client may send, mutations of a valid value, and the JSON
 * text of a value with what JSON.stringify cannot write (duplicate keys, number literals
 * beyond a double, nesting deeper than any stack).
 */
import fc from 'fast-check';

/** The part of JSON Schema (2020-12, as @fastify/swagger writes it) the generator reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  description?: string;
}

/** Values that exist, by field or parameter name (`agencyCode` → the agencies' codes). */
export type KnownValues = Readonly<Record<string, readonly string[]>>;

export interface SchemaContext {
  known: KnownValues;
  /** Keys offered for free-form objects (e.g. a saved filter's query): the document's query parameter names. */
  objectKeys: readonly string[];
}

/** JSON text inserted as it is (a number literal JSON.stringify cannot write, nesting deeper than a stack). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An object written with its entries in order, a key possibly twice. */
export class DuplicateKeys {
  constructor(readonly entries: ReadonlyArray<readonly [string, unknown]>) {}
}

const MAX_DEPTH = 6;

const THAI = fc.integer({ min: 0x0e01, max: 0x0e5b }).map((code) => String.fromCharCode(code));
const ASCII = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
/** Characters a complaint has: mostly Thai and ASCII, sometimes anything (emoji, combining marks). */
const TEXT_UNIT = fc.oneof({ arbitrary: THAI, weight: 4 }, { arbitrary: ASCII, weight: 3 }, { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 1 });

/** Text of `min`..`max` characters (UTF-16 units may exceed max by a little for emoji, as clients do). */
export function text(min = 0, max = 60): fc.Arbitrary<string> {
  const upper = Math.max(min, max);
  const typical = Math.min(upper, min + 60);
  return fc.oneof(
    { arbitrary: fc.string({ unit: TEXT_UNIT, minLength: min, maxLength: typical }), weight: 8 },
    // At and just over the bound.
    { arbitrary: fc.constantFrom(upper, upper + 1).map((length) => 'ถนนเป็นหลุม'.repeat(Math.ceil(length / 11) + 1).slice(0, length)), weight: 1 },
  );
}

/** Strings that have broken servers: ill-formed UTF-16, NUL and controls, odd Unicode, injection-looking text. */
export const NASTY_STRINGS: readonly string[] = [
  '\ud800',
  'x\ud800y',
  '\udfff',
  'ก\ud83dข\ude00ค',
  '\ud83d\ude00',
  '\u0000',
  'a\u0000b',
  '\u0001\u0007\u001b[31m',
  '\u007f',
  '\r\n\r\n',
  '\t',
  '',
  ' ',
  '   \u00a0\u3000 ',
  '\ufeff',
  '\u200b\u200c\u200d',
  '\u202e\u202d',
  'ก\u0e48\u0e48\u0e48\u0e48\u0e48\u0e48',
  'e\u0301\u0301\u0301',
  'ถนนเป็นหลุม 😀🇹🇭👩‍👩‍👧',
  '๑๒๓๔๕๖๗๘๙๐',
  '\uffff\ufffe',
  '\u{10ffff}',
  "'; DROP TABLE cases; --",
  '%s%s%n',
  '${process.exit()}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '\\',
  '"',
  'null',
  'undefined',
  '__proto__',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  'true',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '0000-00-00',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
];

export function nastyString(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 6 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
    // Long: over any field's bound, and large enough to be near the body limit when repeated.
    { arbitrary: fc.constantFrom(300, 5_001, 70_000).map((length) => 'ก'.repeat(length)), weight: 1 },
  );
}

/** Replacements of any type: the wrong type for most fields. */
export function nastyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, 0, -1, 1.5, -0, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, true, false, [], {}, '', [null], { '': '' }),
    nastyString(),
    fc.integer(),
    fc.double(),
    fc.array(fc.constantFrom<unknown>(1, 'a', null), { maxLength: 3 }),
    fc.constantFrom(
      new RawJson('1e309'),
      new RawJson('-1e309'),
      new RawJson('1e-400'),
      new RawJson('123456789012345678901234567890123456789'),
      new RawJson('0.00000000000000000000000000000000000001'),
      new RawJson('-0.0'),
      new RawJson('1E2'),
      new RawJson('100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000'),
    ),
  );
}

/** Nesting `depth` levels deep, as text (building it as a value would exhaust the stack of whoever walks it). */
export function deepNesting(depth: number, kind: 'array' | 'object'): RawJson {
  return kind === 'array' ? new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`) : new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

function schemaTypes(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  return [];
}

/** A value valid for `schema` (as far as JSON Schema says; zod refinements may still refuse it), named `name`. */
export function valueFor(schema: JsonSchema, name: string, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((alternative) => valueFor({ ...alternative, description: undefined }, name, ctx, depth)));
  if (schema.allOf?.length) return valueFor(Object.assign({}, ...schema.allOf) as JsonSchema, name, ctx, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = schemaTypes(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => valueFor({ ...schema, type }, name, ctx, depth)));
  switch (types[0]) {
    case 'object':
      return objectFor(schema, ctx, depth);
    case 'array':
      return fc.array(depth >= MAX_DEPTH ? fc.constant(null) : valueFor(schema.items ?? {}, name, ctx, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, (schema.minItems ?? 0) + 5),
      });
    case 'string':
      return stringFor(schema, name, ctx);
    case 'integer':
      return integerFor(schema);
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null));
  }
}

function objectFor(schema: JsonSchema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0 || depth >= MAX_DEPTH) {
    const valueSchema = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    const keys = ctx.objectKeys.length ? fc.oneof(fc.constantFrom(...ctx.objectKeys), text(1, 12)) : text(1, 12);
    return fc.dictionary(keys, valueFor(valueSchema, '', ctx, depth + 1), { maxKeys: depth >= MAX_DEPTH ? 0 : 4 });
  }
  const model = Object.fromEntries(names.map((name) => [name, valueFor(properties[name] ?? {}, name, ctx, depth + 1)]));
  const required = (schema.required ?? []).filter((name) => name in properties);
  const minimal = Object.fromEntries(required.map((name) => [name, model[name] as fc.Arbitrary<unknown>]));
  // The required fields alone too: every optional one is a chance to be refused before the handler's work.
  return fc.oneof({ arbitrary: fc.record(model, { requiredKeys: required }), weight: 2 }, { arbitrary: fc.record(minimal), weight: 1 });
}

function stringFor(schema: JsonSchema, name: string, ctx: SchemaContext): fc.Arbitrary<string> {
  const known = ctx.known[name];
  const fromSchema = stringFromSchema(schema);
  return known?.length ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, { arbitrary: fromSchema, weight: 2 }) : fromSchema;
}

/** Dates and instants at the edges of what a calendar, a database or a Date can hold. */
const EDGE_DATES = ['0000-01-01', '0001-01-01', '1899-12-31', '1900-01-01', '1970-01-01', '2038-01-19', '2200-12-31', '9999-06-01', '9999-12-31'];
const EDGE_INSTANTS = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+14:00', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59-23:59', '2026-02-29T00:00:00Z'];

function stringFromSchema(schema: JsonSchema): fc.Arbitrary<string> {
  const edges = schema.format === 'date' ? EDGE_DATES : schema.format === 'date-time' ? EDGE_INSTANTS : [];
  const general = generalString(schema);
  return edges.length ? fc.oneof({ arbitrary: general, weight: 3 }, { arbitrary: fc.constantFrom(...edges), weight: 1 }) : general;
}

function generalString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.pattern) {
    try {
      const matching = fc.stringMatching(new RegExp(schema.pattern));
      return schema.maxLength === undefined ? matching : matching.filter((value) => value.length <= (schema.maxLength ?? 0));
    } catch {
      // A pattern fast-check cannot generate from: the format or plain text below.
    }
  }
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date':
      return fc.date({ min: new Date('2015-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('2015-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }).map((date) => date.toISOString());
    default:
      return text(schema.minLength ?? 0, schema.maxLength ?? 200);
  }
}

function integerFor(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1_000_000 : schema.exclusiveMinimum + 1);
  const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? 1_000_000 : schema.exclusiveMaximum - 1);
  return fc.oneof({ arbitrary: fc.integer({ min, max }), weight: 4 }, { arbitrary: fc.constantFrom(min, max), weight: 1 });
}

/** What a mutation does to a valid value. */
export const MUTATIONS = [
  'wrong-type',
  'drop-field',
  'extra-field',
  'nasty-string',
  'inject-into-string',
  'huge-number',
  'duplicate-key',
  'deep-nesting',
  'top-level',
  'nasty-key',
  'over-long',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface MutationPlan {
  mutation: Mutation;
  /** Which node of the value (modulo their number). */
  pick: number;
  replacement: unknown;
  nasty: string;
  key: string;
  depth: number;
}

const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', '', ' ', 'ก', '😀', '\u0000', '\ud800', 'a.b', '$where', 'x'.repeat(1000)];

export function mutationPlan(): fc.Arbitrary<MutationPlan> {
  return fc.record({
    mutation: fc.constantFrom(...MUTATIONS),
    pick: fc.nat(),
    replacement: nastyValue(),
    nasty: nastyString(),
    key: fc.oneof(fc.constantFrom(...NASTY_KEYS), text(1, 10)),
    depth: fc.constantFrom(50, 1_000, 20_000, 100_000),
  });
}

interface Slot {
  /** The container holding the node, and the node's key in it; null for the root. */
  parent: Record<string, unknown> | unknown[] | null;
  key: string | number;
  value: unknown;
}

/** Every node of a (small, generated) value with where it sits. */
function slotsOf(root: unknown): Slot[] {
  const slots: Slot[] = [];
  const visit = (parent: Slot['parent'], key: string | number, value: unknown): void => {
    slots.push({ parent, key, value });
    if (Array.isArray(value)) value.forEach((item, index) => visit(value, index, item));
    else if (value !== null && typeof value === 'object' && !(value instanceof RawJson) && !(value instanceof DuplicateKeys)) {
      for (const [childKey, child] of Object.entries(value)) visit(value as Record<string, unknown>, childKey, child);
    }
  };
  visit(null, '', root);
  return slots;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RawJson) && !(value instanceof DuplicateKeys);
}

/** `valid` changed by `plan` (a copy; the argument is left as it is). */
export function mutate(valid: unknown, plan: MutationPlan): unknown {
  let root = structuredClone(valid);
  const slots = slotsOf(root);
  const pickFrom = (candidates: Slot[]): Slot | undefined => candidates[plan.pick % Math.max(1, candidates.length)];
  const replace = (slot: Slot | undefined, value: unknown): void => {
    if (!slot) return;
    if (slot.parent === null) root = value;
    else (slot.parent as Record<string | number, unknown>)[slot.key] = value;
  };
  const objects = slots.filter((slot) => isPlainObject(slot.value));
  const strings = slots.filter((slot) => typeof slot.value === 'string');
  const leaves = slots.filter((slot) => slot.parent !== null && !isPlainObject(slot.value) && !Array.isArray(slot.value));
  switch (plan.mutation) {
    case 'wrong-type':
      replace(pickFrom(slots), plan.replacement);
      break;
    case 'drop-field': {
      const slot = pickFrom(slots.filter((candidate) => isPlainObject(candidate.parent)));
      if (slot) delete (slot.parent as Record<string, unknown>)[slot.key as string];
      break;
    }
    case 'extra-field':
    case 'nasty-key': {
      const target = pickFrom(objects)?.value as Record<string, unknown> | undefined;
      // defineProperty: a key `__proto__` becomes an own property, as JSON.parse makes it.
      if (target) Object.defineProperty(target, plan.key, { value: plan.mutation === 'nasty-key' ? 'x' : plan.replacement, enumerable: true, writable: true, configurable: true });
      else root = plan.replacement;
      break;
    }
    case 'nasty-string':
      replace(pickFrom(strings.length ? strings : leaves), plan.nasty);
      break;
    case 'inject-into-string': {
      const slot = pickFrom(strings);
      if (slot) {
        const value = slot.value as string;
        const at = plan.pick % (value.length + 1);
        replace(slot, `${value.slice(0, at)}${plan.nasty}${value.slice(at)}`);
      } else root = plan.nasty;
      break;
    }
    case 'huge-number':
      replace(pickFrom(leaves.length ? leaves : slots), plan.replacement instanceof RawJson ? plan.replacement : new RawJson('1e309'));
      break;
    case 'duplicate-key': {
      const slot = pickFrom(objects);
      const object = slot?.value as Record<string, unknown> | undefined;
      const keys = object ? Object.keys(object) : [];
      const key = keys[plan.pick % Math.max(1, keys.length)] ?? plan.key;
      const entries: Array<readonly [string, unknown]> = [[key, plan.replacement], ...Object.entries(object ?? {})];
      if (plan.pick % 2) entries.reverse();
      replace(slot, new DuplicateKeys(entries));
      break;
    }
    case 'deep-nesting':
      replace(pickFrom(slots), deepNesting(plan.depth, plan.pick % 2 ? 'array' : 'object'));
      break;
    case 'top-level':
      root = [plan.replacement, null, 'x', 1, [root]][plan.pick % 5];
      break;
    case 'over-long':
      replace(pickFrom(strings.length ? strings : leaves), 'ก'.repeat([201, 501, 2_001, 5_001, 100_000][plan.pick % 5] ?? 5_001));
      break;
  }
  return root;
}

/** JSON text of a value that may hold RawJson and DuplicateKeys (lone surrogates written as \\udXXX escapes). */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof DuplicateKeys) return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : toJsonText(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`)
      .join(',')}}`;
  }
  // JSON.stringify writes -0 as 0 and non-finite numbers as null, as a client's would.
  return JSON.stringify(value) ?? 'null';
}
