/**
 * A citizen reaches a case with its tracking code and access key. An unknown code and a
 * wrong key give the same 404, in the same time, so neither can be probed.
 */
import { normaliseAccessKey, normaliseTrackingCode } from '../../shared/tracking-code.ts';
import { sameDigest, sha256Hex } from '../platform/crypto.ts';
import type { Queryable } from '../platform/database.ts';
import { notFound } from '../platform/errors.ts';
import { findCaseByTrackingCode, lockCase, type CaseRecord } from './queries.ts';

// Compared against when the code is unknown, so both paths hash and compare.
const ABSENT_KEY_HASH = sha256Hex('rongthuk:no-such-case');

export async function openCaseAsCitizen(
  db: Queryable,
  trackingCodeInput: string,
  accessKeyInput: string,
  options: { lock?: boolean } = {},
): Promise<CaseRecord> {
  const trackingCode = normaliseTrackingCode(trackingCodeInput);
  const record = trackingCode ? await findCaseByTrackingCode(db, trackingCode) : undefined;
  const presented = sha256Hex(normaliseAccessKey(accessKeyInput));
  const matches = sameDigest(record?.accessKeyHash ?? ABSENT_KEY_HASH, presented);
  if (!record || !matches) throw notFound('Complaint', 'เรื่องร้องเรียน');
  // The row is locked only once the key is proven: a code alone cannot hold a case up.
  return options.lock ? ((await lockCase(db, record.id)) ?? record) : record;
}
