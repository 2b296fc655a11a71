/** The instance's signing key: made once into the data dir (mode 0600), kept across restarts, or given by env. */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXCHANGE_KEY_FILE, ExchangeKeyError, loadOrCreateInstanceKey } from './instance-key.ts';

describe('loadOrCreateInstanceKey', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rt-exchange-key-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a key on first start, mode 0600, and finds the same one after a restart', async () => {
    const first = await loadOrCreateInstanceKey({ dataDir, exchangeKey: undefined });
    expect((await stat(path.join(dataDir, EXCHANGE_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual([EXCHANGE_KEY_FILE]);
    const again = await loadOrCreateInstanceKey({ dataDir, exchangeKey: undefined });
    expect(again).toEqual(first);
    expect(first.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(first.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('keeps one key when two processes start together', async () => {
    const keys = await Promise.all([1, 2, 3].map(() => loadOrCreateInstanceKey({ dataDir, exchangeKey: undefined })));
    expect(new Set(keys.map((key) => key.kid)).size).toBe(1);
    expect(await readdir(dataDir)).toEqual([EXCHANGE_KEY_FILE]);
  });

  it('takes RONGTHUK_EXCHANGE_KEY as a PKCS#8 PEM or a JWK, the same key either way, and writes nothing', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const fromPem = await loadOrCreateInstanceKey({ dataDir, exchangeKey: await exportPKCS8(privateKey) });
    const fromJwk = await loadOrCreateInstanceKey({ dataDir, exchangeKey: JSON.stringify(await exportJWK(privateKey)) });
    expect(fromJwk).toEqual(fromPem);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('refuses a key that is not an Ed25519 private key, naming the variable', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    for (const exchangeKey of ['not a key', await exportPKCS8(privateKey), JSON.stringify(await exportJWK(publicKey))]) {
      await expect(loadOrCreateInstanceKey({ dataDir, exchangeKey })).rejects.toThrow(ExchangeKeyError);
      await expect(loadOrCreateInstanceKey({ dataDir, exchangeKey })).rejects.toThrow(/RONGTHUK_EXCHANGE_KEY/);
    }
  });
});
