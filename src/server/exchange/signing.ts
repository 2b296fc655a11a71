/**
 * Signing and checking exchange messages: a compact JWS (RFC 7515) over the envelope's JSON,
 * EdDSA with the instance's Ed25519 key; checked against the sending partner's registered
 * keys (inline, or fetched from its JWKS URL and cached). jose does the cryptography.
 */
import { CompactSign, compactVerify, createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, importJWK, type CryptoKey, type JSONWebKeySet } from 'jose';
import { EXCHANGE_JWS_TYPE } from '../../shared/api/exchange-messages.ts';
import type { InstanceSigningKey } from '../platform/context.ts';

const privateKeys = new WeakMap<InstanceSigningKey, Promise<CryptoKey | Uint8Array>>();

/** The envelope signed as a compact JWS with the instance key. */
export async function signEnvelope(key: InstanceSigningKey, envelope: object): Promise<string> {
  let privateKey = privateKeys.get(key);
  if (!privateKey) {
    privateKey = importJWK(key.privateJwk, 'EdDSA');
    privateKeys.set(key, privateKey);
  }
  return new CompactSign(new TextEncoder().encode(JSON.stringify(envelope)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: EXCHANGE_JWS_TYPE })
    .sign(await privateKey);
}

export class UnreadableMessage extends Error {}

/**
 * The payload of a compact JWS, parsed as JSON but not yet verified: it names the sender whose
 * keys verify it. Throws UnreadableMessage for what is no JWS.
 */
export function unverifiedPayload(jws: string): unknown {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) throw new UnreadableMessage('not a compact JWS (three base64url parts)');
  try {
    decodeProtectedHeader(jws);
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(parts[1] as string, 'base64url'))) as unknown;
  } catch {
    throw new UnreadableMessage('the JWS header or payload is not JSON');
  }
}

/** A partner's keys as registered: inline, or at a URL. */
export interface PartnerKeySource {
  jwksUrl: string | null;
  jwks: { keys: Array<Record<string, unknown>> } | null;
}

type KeyResolver = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;
const remoteSets = new Map<string, KeyResolver>();

function keyResolver(source: PartnerKeySource): KeyResolver {
  if (source.jwks) return createLocalJWKSet(source.jwks as JSONWebKeySet);
  const url = source.jwksUrl as string;
  const known = remoteSets.get(url);
  if (known) return known;
  // A partner's rotated key is fetched when a kid is unknown (after a 30 s cooldown).
  const set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 3_600_000 });
  remoteSets.set(url, set);
  return set;
}

export type Verification = { ok: true; payload: string } | { ok: false; reason: 'bad_signature' | 'keys_unavailable' };

/**
 * Verifies a JWS with the partner's keys: the exact payload bytes signed; a bad signature or
 * an unknown key; or keys that could not be fetched (the partner's JWKS URL did not answer).
 */
export async function verifyWithPartnerKeys(jws: string, source: PartnerKeySource): Promise<Verification> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
  if (header.alg !== 'EdDSA' || header.typ !== EXCHANGE_JWS_TYPE) return { ok: false, reason: 'bad_signature' };
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, keyResolver(source), { algorithms: ['EdDSA'] }));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // jose's own errors say what is wrong with the JWS or the key set; anything else is the fetch.
    if (typeof code === 'string' && code.startsWith('ERR_') && code !== 'ERR_JWKS_TIMEOUT') return { ok: false, reason: 'bad_signature' };
    return { ok: false, reason: 'keys_unavailable' };
  }
  // unverifiedPayload read the same bytes: what is not UTF-8 never got this far.
  return { ok: true, payload: Buffer.from(payload).toString('utf8') };
}
