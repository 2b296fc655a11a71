import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate, queryOne } from '../src/server/platform/database.ts';
import { describeEachDatabase } from './support/databases.ts';

describeEachDatabase('database', ({ db, kind }) => {
  it('is the engine the suite is named after', () => {
    expect(db().kind).toBe(kind);
  });

  it('has applied every migration, and migrating again applies nothing', async () => {
    const expected = (await readdir(MIGRATIONS_DIR))
      .filter((name) => /^\d+.*\.sql$/.test(name))
      .sort()
      .map((name) => path.basename(name, '.sql'));
    const applied = await db().query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.map((row) => row.version)).toEqual(expected);
    expect(await migrate(db())).toEqual([]);
  });

  it('keeps every column a case row is read with as NOT NULL where the row schema takes it as present (the SLA days)', async () => {
    const columns = await db().query<{ column_name: string; is_nullable: string }>(
      `SELECT column_name, is_nullable FROM information_schema.columns
       WHERE table_name = 'cases' AND column_name IN ('due_date', 'due_soon_from', 'progress_due_on') ORDER BY column_name`,
    );
    expect(columns).toEqual([
      { column_name: 'due_date', is_nullable: 'NO' },
      { column_name: 'due_soon_from', is_nullable: 'NO' },
      { column_name: 'progress_due_on', is_nullable: 'NO' },
    ]);
  });

  it('applies migrations from a directory in order, dollar-quoted bodies included, once', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'rt-migrations-'));
    try {
      await writeFile(
        path.join(directory, '900001_probe_table.sql'),
        `-- a table
CREATE TABLE smoke_probe (id integer PRIMARY KEY, label text NOT NULL);
INSERT INTO smoke_probe (id, label) VALUES (1, 'one');
`,
      );
      await writeFile(
        path.join(directory, '900002_probe_function.sql'),
        `CREATE FUNCTION smoke_probe_label(probe_id integer) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT label FROM smoke_probe WHERE id = probe_id);
END;
$$;
`,
      );
      await writeFile(path.join(directory, 'README.md'), 'not a migration');

      expect(await migrate(db(), directory)).toEqual(['900001_probe_table', '900002_probe_function']);
      expect(await migrate(db(), directory)).toEqual([]);
      expect(await queryOne<{ label: string }>(db(), 'SELECT smoke_probe_label(1) AS label')).toEqual({ label: 'one' });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('writes nothing when a transaction throws, and everything when it resolves', async () => {
    // A regular table, not TEMP: on PostgreSQL a temp table lives on one pooled connection only.
    await db().exec('CREATE TABLE smoke_tx_probe (id integer PRIMARY KEY, note text NOT NULL)');
    try {
      await expect(
        db().transaction(async (tx) => {
          await tx.query('INSERT INTO smoke_tx_probe (id, note) VALUES ($1, $2)', [1, 'rolled back']);
          expect(await tx.query('SELECT id FROM smoke_tx_probe')).toHaveLength(1);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await queryOne(db(), 'SELECT count(*) AS n FROM smoke_tx_probe')).toEqual({ n: 0 });

      const result = await db().transaction(async (tx) => {
        await tx.query('INSERT INTO smoke_tx_probe (id, note) VALUES ($1, $2)', [2, 'committed']);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await db().query('SELECT id, note FROM smoke_tx_probe')).toEqual([{ id: 2, note: 'committed' }]);
    } finally {
      await db().exec('DROP TABLE smoke_tx_probe');
    }
  });

  it('returns the same JS types on both engines', async () => {
    const row = await queryOne<Record<string, unknown>>(
      db(),
      `SELECT DATE '2024-02-29' AS day,
              $1::date AS day_param,
              (SELECT count(*) FROM generate_series(1, 3)) AS count,
              12345678901::bigint AS big,
              1.25::numeric AS amount,
              TIMESTAMPTZ '2024-01-02 03:04:05.678+07' AS at,
              '{"a": 1, "b": [true, null], "ไทย": "ร้องทุกข์"}'::jsonb AS doc,
              NULL::text AS nothing`,
      ['2025-12-31'],
    );
    expect(row).toBeDefined();
    expect(row?.day).toBe('2024-02-29');
    expect(row?.day_param).toBe('2025-12-31');
    expect(row?.count).toBe(3);
    expect(row?.big).toBe(12345678901);
    expect(row?.amount).toBe(1.25);
    expect(row?.at).toBeInstanceOf(Date);
    expect((row?.at as Date).toISOString()).toBe('2024-01-01T20:04:05.678Z');
    expect(row?.doc).toEqual({ a: 1, b: [true, null], ไทย: 'ร้องทุกข์' });
    expect(row?.nothing).toBeNull();
  });

  it('passes a Date parameter as a timestamptz and a JSON object as jsonb', async () => {
    const at = new Date('2024-06-30T17:00:00.000Z');
    const row = await queryOne<{ at: Date; doc: unknown }>(db(), 'SELECT $1::timestamptz AS at, $2::jsonb AS doc', [
      at,
      JSON.stringify({ nested: { ok: true } }),
    ]);
    expect(row?.at).toBeInstanceOf(Date);
    expect(row?.at.getTime()).toBe(at.getTime());
    expect(row?.doc).toEqual({ nested: { ok: true } });
  });
});
