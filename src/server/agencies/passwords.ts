/**
 * Password hashing with argon2id at OWASP's recommended minimum cost (19 MiB, 2 passes), via
 * @node-rs/argon2, whose prebuilt binary comes as a registry package (no build, no download).
 */
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id`; the package's enum is a `const enum`, which isolated modules cannot import. */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
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
