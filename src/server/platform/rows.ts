/**
 * Rows parsed once at the query boundary: a query names the zod object its rows must match,
 * and its callers get that object's output type, checked, instead of a cast per column.
 *
 * A row schema is written in the application's names (camelCase); each key reads the column
 * of the same name in snake_case (`holderNameTh` ← `holder_name_th`), so a row type is defined
 * once, by its schema. Where a column is named otherwise, the SQL aliases it. Columns come as
 * database.ts's TYPE_PARSERS make them: int8 and numeric as numbers, date as `YYYY-MM-DD` text,
 * timestamptz as Date, jsonb parsed, arrays as arrays.
 */
import { z } from 'zod';
import type { Queryable } from './database.ts';

/** A zod object whose keys are the camelCase names of a query's columns. */
export type RowSchema = z.ZodObject;

/** Each key of a schema with the column it reads, worked out once per schema. */
const columnsBySchema = new WeakMap<RowSchema, ReadonlyArray<readonly [key: string, column: string]>>();

const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function columnsOf(schema: RowSchema): ReadonlyArray<readonly [string, string]> {
  let columns = columnsBySchema.get(schema);
  if (!columns) {
    columns = Object.keys(schema.shape).map((key): [string, string] => [key, snakeCase(key)]);
    columnsBySchema.set(schema, columns);
  }
  return columns;
}

/**
 * A jsonb column checked against `schema` and kept as stored: its keys in the order the
 * database gives them and any it has besides, exactly what callers got before rows were parsed.
 */
export function storedJson<S extends z.ZodType>(schema: S) {
  return z.custom<z.output<S>>((value) => schema.safeParse(value).success, { message: 'stored JSON does not match its schema' });
}

/** A row that does not match its schema: a query and its schema disagree, a bug. */
export class RowMismatchError extends Error {
  override name = 'RowMismatchError';
}

/**
 * One row parsed with `schema`. A row that does not match throws, naming the schema, the
 * start of the query and the columns at fault, never their values: rows hold personal data.
 */
export function parseRow<S extends RowSchema>(schema: S, row: Record<string, unknown>, sql: string): z.output<S> {
  const input: Record<string, unknown> = {};
  for (const [key, column] of columnsOf(schema)) input[key] = row[column];
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const [key, ...rest] = issue.path.map(String);
    return `${[key === undefined ? '(row)' : snakeCase(key), ...rest].join('.')}: ${issue.message}`;
  });
  const query = sql.replace(/\s+/g, ' ').trim().slice(0, 80);
  throw new RowMismatchError(`a row of ${schema.description ?? 'a query'} (${query}…) does not match: ${problems.join('; ')}`);
}

/** Runs a query and parses each row with `schema`. */
export async function queryRows<S extends RowSchema>(db: Queryable, schema: S, sql: string, params?: readonly unknown[]): Promise<Array<z.output<S>>> {
  const rows = await db.query(sql, params);
  return rows.map((row) => parseRow(schema, row, sql));
}

/** Runs a query and parses its first row with `schema`; undefined when there is none. */
export async function queryRow<S extends RowSchema>(db: Queryable, schema: S, sql: string, params?: readonly unknown[]): Promise<z.output<S> | undefined> {
  const [row] = await db.query(sql, params);
  return row && parseRow(schema, row, sql);
}

/** The row of a statement that returns the id it wrote or found (`RETURNING id`, `SELECT id`). */
export const IdRow = z.object({ id: z.string() }).describe('id');
/** The row of a `count(*)::int AS count`. */
export const CountRow = z.object({ count: z.number() }).describe('count');
