import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseInstanceKey } from './instance-key.ts';
import { signEnvelope, UnreadableMessage, unverifiedPayload, verifyWithPartnerKeys } from './signing.ts';

async function instanceKey() {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return parseInstanceKey(JSON.stringify(await exportJWK(privateKey)), 'test');
}

describe('exchange signatures', () => {
  it('verifies what the instance key signed, with its public JWKS, and gives back the exact payload', async () => {
    const key = await instanceKey();
    const jws = await signEnvelope(key, { from: 'hub-1111', text: 'ถนนชำรุด' });
    expect(unverifiedPayload(jws)).toEqual({ from: 'hub-1111', text: 'ถนนชำรุด' });
    const verified = await verifyWithPartnerKeys(jws, { jwksUrl: null, jwks: { keys: [{ ...key.publicJwk, kid: key.kid }] } });
    expect(verified).toEqual({ ok: true, payload: JSON.stringify({ from: 'hub-1111', text: 'ถนนชำรุด' }) });
  });

  it('refuses another key, a changed payload, and another typ', async () => {
    const key = await instanceKey();
    const other = await instanceKey();
    const jws = await signEnvelope(key, { from: 'hub-1111' });
    const keys = { jwksUrl: null, jwks: { keys: [{ ...key.publicJwk, kid: key.kid }] } };
    expect(await verifyWithPartnerKeys(jws, { jwksUrl: null, jwks: { keys: [{ ...other.publicJwk, kid: key.kid }] } })).toEqual({ ok: false, reason: 'bad_signature' });
    const [header, , signature] = jws.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ from: 'police' })).toString('base64url')}.${signature}`;
    expect(await verifyWithPartnerKeys(forged, keys)).toEqual({ ok: false, reason: 'bad_signature' });
    const { importJWK } = await import('jose');
    const plainJwt = await new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' }).sign(await importJWK(key.privateJwk, 'EdDSA'));
    expect(await verifyWithPartnerKeys(plainJwt, keys)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('says the keys are unavailable when a JWKS URL does not answer', async () => {
    const key = await instanceKey();
    const jws = await signEnvelope(key, { from: 'hub-1111' });
    expect(await verifyWithPartnerKeys(jws, { jwksUrl: 'http://127.0.0.1:9/jwks', jwks: null })).toEqual({ ok: false, reason: 'keys_unavailable' });
  });

  it('reads no payload from what is no compact JWS', () => {
    for (const text of ['', 'a.b', 'a.b.c.d', 'ไทย.ไทย.ไทย', `e30.${Buffer.from('not json').toString('base64url')}.x`]) expect(() => unverifiedPayload(text), text).toThrow(UnreadableMessage);
  });
});
