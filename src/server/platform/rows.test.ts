import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Queryable } from './database.ts';
import { queryRow, queryRows, RowMismatchError } from './rows.ts';

const fakeDb = (rows: Record<string, unknown>[]): Queryable => ({
  query: async <Row>() => rows as Row[],
});

const PersonRow = z.object({ id: z.string(), holderNameTh: z.string().nullable(), receivedAt: z.date() }).describe('person');

describe('queryRows', () => {
  it('reads each key from its snake_case column and drops the others', async () => {
    const at = new Date('2025-01-02T03:04:05Z');
    const rows = await queryRows(fakeDb([{ id: 'a', holder_name_th: null, received_at: at, extra: 1 }]), PersonRow, 'SELECT …');
    expect(rows).toEqual([{ id: 'a', holderNameTh: null, receivedAt: at }]);
  });

  it('returns undefined for no row', async () => {
    expect(await queryRow(fakeDb([]), PersonRow, 'SELECT …')).toBeUndefined();
  });

  it('names the schema, the query and the columns of a row that does not match, never its values', async () => {
    const secret = 'นายสมชาย 0812345678';
    const failing = queryRow(fakeDb([{ id: 7, holder_name_th: secret }]), PersonRow, 'SELECT id, holder_name_th\n   FROM people WHERE id = $1', ['x']);
    await expect(failing).rejects.toBeInstanceOf(RowMismatchError);
    const message = await failing.then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).toContain('person');
    expect(message).toContain('SELECT id, holder_name_th FROM people');
    expect(message).toMatch(/\bid: /);
    expect(message).toMatch(/received_at: /);
    expect(message).not.toContain(secret);
    expect(message).not.toContain('7');
  });
});
