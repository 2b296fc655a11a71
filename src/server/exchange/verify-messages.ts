/**
 * `rongthuk exchange verify`: every signature the message log keeps, checked again. What we
 * sent (delivered or exported) against our own public key; what partners sent against their
 * registered keys — and the signed payload must be the envelope stored beside it (outbound: but
 * for `sentAt`, which each delivery sets anew). A row changed after the fact, or a key that no
 * longer matches (ours rotated, a partner's replaced), shows as a failure with its reason.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AppContext } from '../platform/context.ts';
import { instanceKeyOf } from './instance-key.ts';
import { findPartnerKeysById, listSignedMessages, type PartnerKeys, type StoredMessage } from './queries.ts';
import { verifyWithPartnerKeys, type PartnerKeySource } from './signing.ts';

/** Messages read at a time. */
const PAGE = 200;

export interface VerifyFailure {
  message: StoredMessage;
  reason: string;
}

export interface VerifyOutcome {
  checked: number;
  failed: number;
}

/** Checks every stored JWS, calling `onFailure` for each that fails; returns the counts. */
export async function verifyStoredMessages(ctx: AppContext, onFailure: (failure: VerifyFailure) => void): Promise<VerifyOutcome> {
  const key = await instanceKeyOf(ctx);
  const ours: PartnerKeySource = { jwksUrl: null, jwks: { keys: [{ ...key.publicJwk, kid: key.kid }] } };
  const partners = new Map<string, PartnerKeys | undefined>();
  let checked = 0;
  let failed = 0;
  let after: string | null = null;
  for (;;) {
    const page = await listSignedMessages(ctx.db, after, PAGE);
    for (const message of page) {
      checked += 1;
      if (!partners.has(message.partnerId)) partners.set(message.partnerId, await findPartnerKeysById(ctx.db, message.partnerId));
      const reason = await problemOf(message, message.direction === 'out' ? ours : partners.get(message.partnerId));
      if (reason) {
        failed += 1;
        onFailure({ message, reason });
      }
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return { checked, failed };
    after = last.id;
  }
}

/** Why a stored message does not verify, or null when it does. */
async function problemOf(message: StoredMessage, keys: PartnerKeySource | undefined): Promise<string | null> {
  if (!keys || (!keys.jwks && !keys.jwksUrl)) return `no keys of partner ${message.partnerCode} to check with`;
  const verified = await verifyWithPartnerKeys(message.jws as string, keys);
  if (!verified.ok) {
    return verified.reason === 'keys_unavailable'
      ? `the keys of partner ${message.partnerCode} could not be fetched`
      : message.direction === 'out'
        ? 'the signature does not verify with our key'
        : `the signature does not verify with the keys of partner ${message.partnerCode}`;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(verified.payload);
  } catch {
    return 'the signed payload is not JSON';
  }
  const signed = message.direction === 'out' ? withoutSentAt(payload) : payload;
  return isDeepStrictEqual(signed, message.envelope) ? null : 'the signed message differs from the stored envelope';
}

function withoutSentAt(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object') return payload;
  const { sentAt: _sentAt, ...rest } = payload as Record<string, unknown>;
  return rest;
}
