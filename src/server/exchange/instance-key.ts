/**
 * The instance's Ed25519 signing key for the exchange between systems (การแลกเปลี่ยนเรื่อง):
 * given by RONGTHUK_EXCHANGE_KEY (a PKCS#8 PEM or a private JWK), else read from
 * `dataDir/exchange-key.pem`, else generated there on first start, mode 0600, written
 * atomically so two processes starting together keep one key. Its public half is the JWKS
 * partners verify our messages with; losing the file means telling every partner the new key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeSecretFileOnce } from '../platform/crypto.ts';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';
import type { Config } from '../platform/config.ts';
import type { AppContext, InstanceSigningKey } from '../platform/context.ts';

export const EXCHANGE_KEY_FILE = 'exchange-key.pem';

export class ExchangeKeyError extends Error {}

/** The signing key of `config`: from RONGTHUK_EXCHANGE_KEY, else the data dir's file (created when missing). */
export async function loadOrCreateInstanceKey(config: Pick<Config, 'exchangeKey' | 'dataDir'>): Promise<InstanceSigningKey> {
  if (config.exchangeKey) return parseInstanceKey(config.exchangeKey, 'RONGTHUK_EXCHANGE_KEY');
  const file = path.join(config.dataDir, EXCHANGE_KEY_FILE);
  if (existsSync(file)) return parseInstanceKey(readFileSync(file, 'utf8'), file);
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const pem = await exportPKCS8(privateKey);
  return parseInstanceKey(writeSecretFileOnce(file, pem), file);
}

/** An Ed25519 private key as a PKCS#8 PEM or a JWK; `source` names where it came from in the error. */
export async function parseInstanceKey(text: string, source: string): Promise<InstanceSigningKey> {
  let key: CryptoKey | Uint8Array;
  try {
    const trimmed = text.trim();
    key = trimmed.startsWith('{')
      ? await importJWK(JSON.parse(trimmed) as JWK, 'EdDSA', { extractable: true })
      : await importPKCS8(trimmed, 'EdDSA', { extractable: true });
  } catch (error) {
    throw new ExchangeKeyError(`${source}: not an Ed25519 private key as a PKCS#8 PEM or a JWK (${(error as Error).message})`);
  }
  const jwk = await exportJWK(key);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x || !jwk.d) {
    throw new ExchangeKeyError(`${source}: must be an Ed25519 private key (kty OKP, crv Ed25519, with its private part d)`);
  }
  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x } as const;
  return { kid: await calculateJwkThumbprint(publicJwk), publicJwk, privateJwk: { ...publicJwk, d: jwk.d } };
}

const loaded = new WeakMap<AppContext, Promise<InstanceSigningKey>>();

/** The context's signing key: the one the composition root loaded, else loaded once from its configuration. */
export function instanceKeyOf(ctx: AppContext): Promise<InstanceSigningKey> {
  if (ctx.signingKey) return Promise.resolve(ctx.signingKey);
  let key = loaded.get(ctx);
  if (!key) {
    key = loadOrCreateInstanceKey(ctx.config);
    loaded.set(ctx, key);
  }
  return key;
}
