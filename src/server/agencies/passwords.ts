/** Password hashing with argon2id at OWASP's recommended minimum cost (19 MiB, 2 passes). */
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same effort as a real check, so an unknown username is not revealed by timing. */
export async function spendPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('rongthuk-dummy-password');
  await verifyPassword(await dummyHash, password);
}
