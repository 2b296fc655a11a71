/**
 * `rongthuk serve` with HOST unset: loopback only while a demo account signs in with the
 * published password, and it says so; every interface otherwise, or as HOST says.
 */
import { expect, it } from 'vitest';
import { hashPassword } from '../src/server/agencies/passwords.ts';
import { findUserByUsername, insertUser } from '../src/server/agencies/queries.ts';
import { listenAddress } from '../src/server/cli.ts';
import type { AppContext } from '../src/server/platform/context.ts';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { seedTestNetwork, TEST_CONFIG, TEST_DATA_KEY } from './support/app.ts';
import { describeEachDatabase } from './support/databases.ts';

describeEachDatabase('where serve listens', ({ db }) => {
  const ctx = (): AppContext => ({ db: db(), config: TEST_CONFIG, protector: createDataProtector(TEST_DATA_KEY), now: () => new Date() });

  async function decide(host: string | undefined): Promise<{ address: string; said: string[] }> {
    const said: string[] = [];
    const address = await listenAddress({ ...TEST_CONFIG, host }, ctx(), { out: (line) => said.push(line), err: (line) => said.push(line) });
    return { address, said };
  }

  it('listens on every interface when no demo account exists', async () => {
    await seedTestNetwork(db());
    expect(await decide(undefined)).toEqual({ address: '0.0.0.0', said: [] });
  });

  it('listens on loopback only, and says why, while a demo account has the published password', async () => {
    await insertUser(db(), { username: 'admin', displayName: 'ผู้ดูแลระบบ', role: 'system_admin', agencyCode: 'hub-1111', passwordHash: await hashPassword(DEMO_PASSWORD) });
    const { address, said } = await decide(undefined);
    expect(address).toBe('127.0.0.1');
    expect(said.join('\n')).toMatch(/Listening on 127\.0\.0\.1 only: the demo accounts admin sign in with the published password rongthuk-demo.*HOST=0\.0\.0\.0/);
  });

  it('listens where HOST says, demo accounts or not', async () => {
    expect(await decide('0.0.0.0')).toEqual({ address: '0.0.0.0', said: [] });
    expect(await decide('::')).toEqual({ address: '::', said: [] });
  });

  it('listens on every interface again once the demo password is changed', async () => {
    const admin = await findUserByUsername(db(), 'admin');
    await db().query('UPDATE users SET password_hash = $2 WHERE id = $1', [admin?.id, await hashPassword('a-new-long-password')]);
    expect(await decide(undefined)).toEqual({ address: '0.0.0.0', said: [] });
  });
});
