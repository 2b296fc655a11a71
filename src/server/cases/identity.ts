/**
 * The complainant's identity: validated, normalised, encrypted apart from the case, with keyed
 * hashes to find a person's other cases by phone, national ID or e-mail.
 */
import { randomUUID } from 'node:crypto';
import { isValidNationalId, normaliseNationalId } from '../../shared/national-id.ts';
import { normalisePhone } from '../../shared/thai-phone.ts';
import type { DataProtector } from '../platform/crypto.ts';
import type { Queryable } from '../platform/database.ts';
import { invalidInput } from '../platform/errors.ts';
import { findComplainantCiphertext, insertComplainant } from './queries.ts';

export interface ComplainantIdentity {
  name?: string | undefined;
  nationalId?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
  /** The language for messages to the complainant. */
  language?: 'th' | 'en' | undefined;
}

export function hasIdentity(identity: ComplainantIdentity | undefined): identity is ComplainantIdentity {
  // A language alone says nothing about who the complainant is.
  return Boolean(identity && Object.entries(identity).some(([key, value]) => key !== 'language' && value !== undefined && value !== ''));
}

/** Checks and normalises an identity; throws 400 naming the field at fault. */
export function normaliseIdentity(identity: ComplainantIdentity, fieldPrefix = 'complainant'): ComplainantIdentity {
  const normalised: ComplainantIdentity = { ...identity };
  if (identity.nationalId !== undefined) {
    if (!isValidNationalId(identity.nationalId)) {
      throw invalidInput([{ field: `${fieldPrefix}.nationalId`, message: 'not a valid Thai national ID (13 digits with a valid check digit)', messageTh: 'เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องมี 13 หลัก และเลขหลักสุดท้ายถูกต้อง)' }]);
    }
    normalised.nationalId = normaliseNationalId(identity.nationalId);
  }
  if (identity.phone !== undefined) {
    const phone = normalisePhone(identity.phone);
    if (!/^0\d{8,9}$/.test(phone)) {
      throw invalidInput([{ field: `${fieldPrefix}.phone`, message: 'not a Thai phone number (9 or 10 digits starting with 0, or +66)', messageTh: 'หมายเลขโทรศัพท์ไม่ถูกต้อง (ต้องมี 9 หรือ 10 หลัก ขึ้นต้นด้วย 0 หรือ +66)' }]);
    }
    normalised.phone = phone;
  }
  if (identity.email !== undefined) normalised.email = identity.email.trim().toLowerCase();
  return normalised;
}

/** Stores an identity encrypted; returns the complainant id. */
export async function storeIdentity(tx: Queryable, protector: DataProtector, identity: ComplainantIdentity, now: Date): Promise<string> {
  const id = randomUUID();
  await insertComplainant(tx, {
    id,
    ciphertext: protector.encryptJson(identity, `complainant:${id}`),
    phoneHash: identity.phone ? protector.keyedHash('phone', identity.phone) : null,
    nationalIdHash: identity.nationalId ? protector.keyedHash('national_id', identity.nationalId) : null,
    emailHash: identity.email ? protector.keyedHash('email', identity.email) : null,
    now,
  });
  return id;
}

export async function readIdentity(db: Queryable, protector: DataProtector, complainantId: string): Promise<ComplainantIdentity | null> {
  const ciphertext = await findComplainantCiphertext(db, complainantId);
  return ciphertext ? protector.decryptJson<ComplainantIdentity>(ciphertext, `complainant:${complainantId}`) : null;
}
