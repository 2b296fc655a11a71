/**
 * `rongthuk calendar import|list` through runCalendarCommand: exit codes, what it prints,
 * all-or-nothing imports, local days of an agency, audit — on a data directory of its own
 * (the embedded server each command starts, or joins, under it) and on a fresh PostgreSQL
 * database (DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAgencies } from '../src/server/agencies/queries.ts';
import { openInstallation } from '../src/server/app.ts';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import { loadConfig, type Config } from '../src/server/platform/config.ts';
import { openDatabase, type Database } from '../src/server/platform/database.ts';
import { parseHolidayCsv, runCalendarCommand } from '../src/server/sla/calendar-cli.ts';
import { createTestDatabase, postgresUrl, type DatabaseKind, type TestDatabase } from './support/databases.ts';
import { createEmbeddedDataDir, isEmbeddedServerLine, removeEmbeddedDataDir } from './support/embedded-data-dir.ts';

/** The first command creates the embedded server's database, migrates and seeds ~8,000 areas: give it time. */
const SLOW = 120_000;

interface Run {
  code: number;
  out: string[];
  err: string[];
}

/** Runs a command; the embedded server's lines (starting, stopping it) are not the command's errors. */
async function run(args: string[], config: Config): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const output = {
    out: (line: string) => out.push(line),
    err: (line: string) => {
      if (!isEmbeddedServerLine(line)) err.push(line);
    },
  };
  const code = await runCalendarCommand(args, config, output, openInstallation);
  return { code, out, err };
}

describe('parseHolidayCsv', () => {
  it('reads a header and rows, with a byte-order mark, CRLF, quoted names and blank lines', () => {
    const text = '\uFEFFdate,name\r\n2026-08-05,วันหยุดท้องถิ่น\r\n\r\n2026-08-06,"วันหยุด, กรณีพิเศษ ""ท้องถิ่น"""\r\n';
    expect(parseHolidayCsv(text)).toEqual({
      days: [
        { date: '2026-08-05', name: 'วันหยุดท้องถิ่น' },
        { date: '2026-08-06', name: 'วันหยุด, กรณีพิเศษ "ท้องถิ่น"' },
      ],
      problems: [],
    });
  });

  it('names every bad row by its line, with the problem', () => {
    const text = [
      'date,name',
      '2026-02-30,วันที่ไม่มีจริง',
      '2026-08-05,Local holiday',
      '2026-08-06',
      '2026-08-07,วันหยุด,เกิน',
      '07/08/2026,วันหยุด',
      '2026-08-10,"ไม่ปิด',
      '2026-08-11,วันหยุดหนึ่ง',
      '2026-08-11,วันหยุดสอง',
      '2026-08-12,',
    ].join('\n');
    const { problems } = parseHolidayCsv(text);
    expect(problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5, 6, 7, 9, 10]);
    const byLine = new Map(problems.map((problem) => [problem.line, problem.message]));
    expect(byLine.get(2)).toMatch(/date "2026-02-30": .*YYYY-MM-DD/);
    expect(byLine.get(3)).toMatch(/name "Local holiday": .*Thai/);
    expect(byLine.get(4)).toMatch(/expected 2 fields .*found 1/);
    expect(byLine.get(5)).toMatch(/expected 2 fields .*found 3/);
    expect(byLine.get(6)).toMatch(/date "07\/08\/2026"/);
    expect(byLine.get(7)).toMatch(/quote/);
    expect(byLine.get(9)).toMatch(/2026-08-11 is already on line 8/);
    expect(byLine.get(10)).toMatch(/name/);
  });

  it('wants the header date,name first, and at least one day', () => {
    expect(parseHolidayCsv('2026-08-05,วันหยุด\n').problems).toEqual([{ line: 1, message: expect.stringMatching(/header date,name/) }]);
    expect(parseHolidayCsv('Date, Name\n2026-08-05,วันหยุด').problems).toEqual([]);
    expect(parseHolidayCsv('date,name\n').problems).toEqual([{ line: 1, message: 'no days after the header' }]);
    expect(parseHolidayCsv('').problems).toEqual([{ line: 1, message: 'the file is empty' }]);
  });
});

/** The command line against one engine; `setUp` returns its config and a way to reach the database. */
function defineCalendarCliSuite(
  kind: DatabaseKind,
  setUp: () => Promise<{ config: Config; withDb: <T>(work: (db: Database) => Promise<T>) => Promise<T>; dispose: () => Promise<void> }>,
): void {
  const define = kind === 'postgres' && !postgresUrl() ? describe.skip : describe;
  define(`rongthuk calendar [${kind}]`, () => {
    let config: Config;
    let withDb: <T>(work: (db: Database) => Promise<T>) => Promise<T>;
    let dispose: (() => Promise<void>) | undefined;
    let dir: string;

    const csv = async (name: string, lines: string[]): Promise<string> => {
      const file = path.join(dir, name);
      await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
      return file;
    };
    const holidayCount = () => withDb(async (db) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM holidays'))[0]?.n ?? 0);

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'rt-calendar-'));
      ({ config, withDb, dispose } = await setUp());
      // The first command migrates and loads the reference data, national calendar included.
      expect((await run(['list', '--year', '2026'], config)).code).toBe(0);
      await withDb((db) =>
        insertAgencies(db, [
          { code: 'hub-1111', parentCode: null, kind: 'hub', nameTh: 'ศูนย์บริการประชาชน 1111', nameEn: 'Government Complaint Center 1111', areaCodes: [] },
          { code: 'pho-66', parentCode: 'hub-1111', kind: 'province', nameTh: 'สำนักงานสาธารณสุขจังหวัดพิจิตร', nameEn: 'Phichit PHO', areaCodes: ['66'] },
          { code: 'dho-6604', parentCode: 'pho-66', kind: 'district', nameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน', nameEn: 'Taphan Hin DHO', areaCodes: ['6604'] },
          { code: 'pho-50', parentCode: 'hub-1111', kind: 'province', nameTh: 'สำนักงานสาธารณสุขจังหวัดเชียงใหม่', nameEn: 'Chiang Mai PHO', areaCodes: ['50'] },
        ]),
      );
    }, SLOW);
    afterAll(async () => {
      try {
        await dispose?.();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, SLOW);

    it('exits 2 with the usage for a missing or unknown command, option or argument', async () => {
      for (const args of [
        [],
        ['frobnicate'],
        ['import'],
        ['import', 'a.csv', 'b.csv'],
        ['import', 'a.csv', '--year', '2026'],
        ['import', 'a.csv', '--agency'],
        ['list'],
        ['list', '--year', '26'],
        ['list', '--year', 'two'],
        ['list', '--year', '1066'],
        ['list', '--year', '2026', '--colour'],
        ['list', '--year', '2026', 'extra'],
      ]) {
        const result = await run(args, config);
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.out).toEqual([]);
        expect(result.err.join('\n')).toMatch(/rongthuk calendar import FILE\.csv/);
      }
    });

    it('prints the usage for --help and exits 0', async () => {
      const result = await run(['import', '--help'], config);
      expect(result).toMatchObject({ code: 0, err: [] });
      expect(result.out.join('\n')).toMatch(/rongthuk calendar list --year YYYY/);
    });

    it('lists the national calendar of a year: date, weekday, Thai name, national', async () => {
      const result = await run(['list', '--year', '2026'], config);
      expect(result).toMatchObject({ code: 0, err: [] });
      expect(result.out).toContain('2026-06-01  Mon  ชดเชยวันวิสาขบูชา  (national)');
      expect(result.out).toContain('2026-05-31  Sun  วันวิสาขบูชา  (national)');
      expect(result.out.every((line) => /^2026-\d\d-\d\d  (Mon|Tue|Wed|Thu|Fri|Sat|Sun)  \S.*  \(national\)$/.test(line))).toBe(true);
      expect(result.out).toEqual([...result.out].sort());
    });

    it('exits 1 for an unknown agency', async () => {
      const result = await run(['list', '--year', '2026', '--agency', 'no-such-agency'], config);
      expect(result.code).toBe(1);
      expect(result.err.join('\n')).toMatch(/no-such-agency/);
    });

    it('reports every bad row by line and writes nothing, not even the good rows', async () => {
      const before = await holidayCount();
      const file = await csv('bad.csv', ['date,name', '2026-08-05,วันหยุดท้องถิ่น', '2026-02-30,วันที่ไม่มีจริง', '2026-08-06,Local day']);
      const result = await run(['import', file], config);
      expect(result.code).toBe(1);
      expect(result.out).toEqual([]);
      expect(result.err[0]).toMatch(/bad\.csv:3: date "2026-02-30"/);
      expect(result.err[1]).toMatch(/bad\.csv:4: name "Local day"/);
      expect(result.err.at(-1)).toMatch(/nothing imported: 2 problems/);
      expect(await holidayCount()).toBe(before);

      const missing = await run(['import', path.join(dir, 'no-such-file.csv')], config);
      expect(missing.code).toBe(1);
      expect(missing.err.join('\n')).toMatch(/cannot read .*no-such-file\.csv/);
    });

    it('imports national days, skipping and counting days already off, audited', async () => {
      const file = await csv('national.csv', ['date,name', '2026-11-23,วันหยุดราชการเป็นกรณีพิเศษ', '2026-06-01,ชดเชยวันวิสาขบูชา', '2026-11-24,"วันหยุดพิเศษ, เพิ่มเติม"']);
      const result = await run(['import', file], config);
      expect(result.err).toEqual([]);
      expect(result.code).toBe(0);
      expect(result.out.join('\n')).toMatch(/imported 2 days off into the national calendar; 1 skipped/);
      expect(result.out.join('\n')).toMatch(/skipped: 2026-06-01/);

      const list = (await run(['list', '--year', '2026'], config)).out;
      expect(list).toContain('2026-11-23  Mon  วันหยุดราชการเป็นกรณีพิเศษ  (national)');
      expect(list).toContain('2026-11-24  Tue  วันหยุดพิเศษ, เพิ่มเติม  (national)');

      const again = await run(['import', file], config);
      expect(again.code).toBe(0);
      expect(again.out.join('\n')).toMatch(/imported 0 days off .*; 3 skipped/);

      await withDb(async (db) => {
        const audit = await db.query<{ action: string; actor_label: string; details: { date: string; source: string; agencyCode: string | null } }>(
          "SELECT action, actor_label, details FROM audit_log WHERE action = 'calendar.add' ORDER BY seq",
        );
        expect(audit.map((record) => record.details.date)).toEqual(['2026-11-23', '2026-11-24']);
        expect(audit.every((record) => record.actor_label.startsWith('cli') && record.details.source === 'national.csv' && record.details.agencyCode === null)).toBe(true);
      });
    });

    it('imports local days of an agency, which apply to it and below, not elsewhere', async () => {
      const file = await csv('phichit.csv', ['date,name', '2026-08-05,วันหยุดท้องถิ่นจังหวัดพิจิตร', '2026-06-01,ชดเชยวันวิสาขบูชา']);
      const unknown = await run(['import', file, '--agency', 'no-such-agency'], config);
      expect(unknown.code).toBe(1);
      expect(unknown.err.join('\n')).toMatch(/no-such-agency/);

      const result = await run(['import', file, '--agency', 'pho-66'], config);
      expect(result).toMatchObject({ code: 0, err: [] });
      // A national day needs no local copy.
      expect(result.out.join('\n')).toMatch(/imported 1 day off into the local days of pho-66; 1 skipped/);

      const line = '2026-08-05  Wed  วันหยุดท้องถิ่นจังหวัดพิจิตร  (pho-66)';
      expect((await run(['list', '--year', '2026', '--agency', 'dho-6604'], config)).out).toContain(line);
      expect((await run(['list', '--year', '2026', '--agency', 'pho-66'], config)).out).toContain(line);
      for (const args of [['list', '--year', '2026', '--agency', 'pho-50'], ['list', '--year', '2026']]) {
        const out = (await run(args, config)).out;
        expect(out.some((entry) => entry.startsWith('2026-08-05')), args.join(' ')).toBe(false);
        expect(out, args.join(' ')).toContain('2026-06-01  Mon  ชดเชยวันวิสาขบูชา  (national)');
      }
    });

    it('leaves the audit chain intact', async () => {
      expect(await withDb((db) => verifyAuditChain(db))).toMatchObject({ ok: true });
    });
  });
}

const dataKey = () => randomBytes(32).toString('hex');

defineCalendarCliSuite('embedded', async () => {
  const dir = createEmbeddedDataDir('rt-calendar-data-');
  const config = loadConfig({ RONGTHUK_DATA_DIR: dir, RONGTHUK_DATA_KEY: dataKey(), LOG_LEVEL: 'silent' });
  return {
    config,
    // The embedded server, as another process of the app uses it: started or joined, and left.
    withDb: async (work) => {
      const db = await openDatabase({ dataDir: dir, role: 'test' });
      try {
        return await work(db);
      } finally {
        await db.close();
      }
    },
    dispose: async () => {
      // Each command and withDb stop the server when they are the last to leave: none may be left running.
      expect(removeEmbeddedDataDir(dir)).toBe(false);
    },
  };
});

defineCalendarCliSuite('postgres', async () => {
  const handle: TestDatabase = await createTestDatabase('postgres', { migrate: false });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rt-calendar-pg-'));
  const config = loadConfig({ DATABASE_URL: handle.url, RONGTHUK_DATA_DIR: dir, RONGTHUK_DATA_KEY: dataKey(), LOG_LEVEL: 'silent' });
  return {
    config,
    withDb: (work) => work(handle.db),
    dispose: async () => {
      await handle.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
