/**
 * Personal data never reaches the server log, on both engines: a complaint is filed and
 * followed, staff search by phone, national ID and text, a sign-in fails with a password typed
 * as the username, a database error carries the complaint (PostgreSQL quotes the value it
 * refused in its message, and pg's errors carry more of the server's fields besides), and a
 * job fails with a mail server's message naming the recipient — then every line the logger
 * wrote, at its most talkative level, is scanned.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database, Queryable } from '../src/server/platform/database.ts';
import { createWorker, defineJobHandler, enqueueJob } from '../src/server/platform/jobs.ts';
import { createLogger } from '../src/server/platform/logging.ts';
import { describeEachApp } from './support/app.ts';
import { formData } from './support/multipart.ts';

const SECRETS = {
  name: 'สมหญิง ลับเฉพาะ',
  phone: '0891234567',
  nationalId: '1101700203450',
  email: 'somying.secret@example.com',
  description: 'ร้องเรียนเรื่องลับเฉพาะ XYZZY น้ำเน่าหน้าบ้าน',
  address: 'บ้านเลขที่ 99/9 ซอยลับสุดยอด',
  typedPassword: 'MySecretPass123',
  failingText: 'BOOMข้อความที่ทำให้ฐานข้อมูลล้ม',
};

/** Phone and ID also as they appear in other forms (without dashes, in a query string). */
const NEEDLES = [...Object.values(SECRETS), 'XYZZY', 'ซอยลับ', 'somying', encodeURIComponent(SECRETS.name), '089-123-4567'];

const lines: Record<string, string[]> = {};

function memoryLogger(kind: string) {
  const written: string[] = (lines[kind] = []);
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return createLogger({ level: 'trace', destination });
}

/** A database whose statements fail, for real, when a parameter holds the marker: the engine's own error, with its parameters. */
function failingOnMarker(db: Database): Database {
  const guard = async (executor: Queryable, sql: string, params?: readonly unknown[]) => {
    const marked = params?.find((param) => typeof param === 'string' && param.includes('BOOM'));
    if (marked !== undefined) await executor.query('SELECT $1::int AS n', [marked]);
    return executor.query(sql, params);
  };
  return {
    ...db,
    kind: db.kind,
    query: (sql, params) => guard(db, sql, params) as never,
    transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => guard(tx, sql, params) as never })),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
  };
}

describeEachApp(
  'the log keeps no personal data',
  (t) => {
    describe('a day of work', () => {
      it('files, follows, searches, fails to sign in, hits a database error and a failing job, and logs none of it', async () => {
        const receipt = await t.fileComplaint({
          description: SECRETS.description,
          location: { provinceCode: '66', districtCode: '6604', address: SECRETS.address },
          complainant: { name: SECRETS.name, phone: SECRETS.phone, nationalId: SECRETS.nationalId, email: SECRETS.email },
        });
        expect(
          (await t.request({ method: 'GET', url: `/api/v1/public/complaints/${receipt.trackingCode}`, headers: { 'x-access-key': receipt.accessKey } })).statusCode,
        ).toBe(200);
        for (const query of [`phone=${SECRETS.phone}`, `nationalId=${SECRETS.nationalId}`, `q=${encodeURIComponent('XYZZY')}`, `q=${encodeURIComponent(SECRETS.name)}`]) {
          const response = await t.request({ method: 'GET', url: `/api/v1/cases?${query}`, as: 'hub.intake' });
          expect(response.statusCode, query).toBe(200);
        }
        // A staff intake with a file, signed in by a bearer token (multipart logs at trace level).
        const multipart = await formData({ description: SECRETS.description, categoryCode: 'road', channel: 'post', complainant: { name: SECRETS.name, phone: SECRETS.phone } }, [
          { fileName: `${SECRETS.name}.pdf`, type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') },
        ]);
        const intake = await t.request({ method: 'POST', url: '/api/v1/cases', as: 'hub.intake', headers: { 'content-type': multipart.contentType }, body: multipart.body });
        expect(intake.statusCode, intake.body).toBe(201);
        const failedLogin = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { username: SECRETS.typedPassword, password: 'x' } });
        expect(failedLogin.statusCode).toBe(401);

        // The engine refuses a parameter: a 500, logged as an error.
        const broken = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description: `${SECRETS.failingText} ${SECRETS.phone}`, categoryCode: 'road' } });
        expect(broken.statusCode).toBe(500);
        expect(broken.json()).toMatchObject({ error: { code: 'internal_error' } });

        // A job fails the way a mail server says no.
        const logger = memoryLogger(`${t.kind}-worker`);
        const handler = defineJobHandler({
          type: 'test.mail',
          payload: z.object({}),
          maxAttempts: 1,
          async handle() {
            throw new Error(`550 5.1.1 <${SECRETS.email}>: recipient "${SECRETS.name}" ${SECRETS.phone} rejected`);
          },
        });
        await t.db().transaction((tx) => enqueueJob(tx, { type: 'test.mail', payload: {} }));
        expect(await createWorker(t.ctx(), [handler], { logger }).runOnce()).toBe(1);
        const [job] = await t.db().query<{ status: string; last_error: string }>("SELECT status, last_error FROM jobs WHERE type = 'test.mail'");
        expect(job?.status).toBe('dead');
        expect(job?.last_error).toMatch(/550 5\.1\.1/);

        const written = [...(lines[t.kind] ?? []), ...(lines[`${t.kind}-worker`] ?? [])];
        // The log did record what happened.
        expect(written.some((line) => line.includes('"url":"/api/v1/cases?[query removed]"'))).toBe(true);
        const failure = written.find((line) => line.includes('unhandled error'));
        expect(failure).toBeDefined();
        expect(JSON.parse(failure ?? '{}')).toMatchObject({ err: { code: '22P02', message: expect.stringContaining('[value removed]') } });
        expect(written.some((line) => line.includes('job is dead'))).toBe(true);
        // And none of the personal data.
        for (const needle of NEEDLES) {
          const leaks = written.filter((line) => line.includes(needle));
          expect(leaks, `"${needle}" in the log`).toEqual([]);
          expect(job?.last_error ?? '', `"${needle}" in the job's last error`).not.toContain(needle);
        }
        // Nor the credentials of the requests.
        const token = await t.tokenFor('hub.intake');
        expect(written.filter((line) => line.includes(token) || line.includes(receipt.accessKey))).toEqual([]);
      });
    });
  },
  {
    build: (kind) => ({ logger: memoryLogger(kind) }),
    database: failingOnMarker,
  },
);
