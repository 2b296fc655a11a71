import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import { buildApp } from '../src/server/app.ts';
import { createTestDatabase, DATABASE_HOOK_TIMEOUT, type TestDatabase } from './support/databases.ts';
import { seedTestNetwork, TEST_CONFIG, TEST_DATA_KEY, TEST_PASSWORD } from './support/app.ts';

// Rate limits live in the process, not the database: one engine is enough here.
describe('rate limits', () => {
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase('embedded');
    await seedTestNetwork(database.db);
    app = await buildApp({
      db: database.db,
      config: { ...TEST_CONFIG, loginAttemptsPerMinute: 3, publicWritesPerMinute: 2 },
      protector: createDataProtector(TEST_DATA_KEY),
      now: () => new Date(),
    });
  }, DATABASE_HOOK_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('refuses a fourth sign-in attempt for one username within a minute with 429, in Thai too', async () => {
    const attempt = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    for (let i = 0; i < 3; i += 1) expect((await attempt('hub.intake', 'wrong')).statusCode).toBe(401);
    const limited = await attempt('hub.intake', TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.json().error.messageTh).toMatch(/กรุณารอ/);
    // Another username from the same address is counted apart.
    expect((await attempt('moph.officer', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('limits public filings per address but not reading a case', async () => {
    const file = () =>
      app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { description: 'ไฟฟ้าดับทั้งซอยมาสามวันแล้วครับ' } });
    expect((await file()).statusCode).toBe(201);
    expect((await file()).statusCode).toBe(201);
    expect((await file()).statusCode).toBe(429);
    for (let i = 0; i < 5; i += 1) expect((await app.inject({ method: 'GET', url: '/api/v1/categories' })).statusCode).toBe(200);
  });

  it('limits requests for a new access key per address, whatever the code, with the same 429 as other public writes', async () => {
    const ask = (code: string) => app.inject({ method: 'POST', url: `/api/v1/public/complaints/${code}/access-key-requests` });
    expect((await ask('RT-69-AAAAAA')).statusCode).toBe(202);
    expect((await ask('RT-69-BBBBBB')).statusCode).toBe(202);
    const limited = await ask('RT-69-CCCCCC');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    // Another address is counted apart.
    expect((await app.inject({ method: 'POST', url: '/api/v1/public/complaints/RT-69-AAAAAA/access-key-requests', remoteAddress: '192.0.2.7' })).statusCode).toBe(202);
  });
});
