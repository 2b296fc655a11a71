/**
 * Application-level encryption of personal data (Thai PDPA): AES-256-GCM for identities at
 * rest and HMAC-SHA256 keyed hashes for look-ups, both from one 32-byte data key through
 * HKDF so that neither sub-key can be derived from the other.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const DATA_KEY_FILE = 'data-key';
const FORMAT_VERSION = 'v1';

export interface DataProtector {
  /** Encrypts a JSON value; `context` (e.g. the record id) is bound as associated data. */
  encryptJson(value: unknown, context: string): string;
  decryptJson<T>(ciphertext: string, context: string): T;
  /** Deterministic keyed hash of a normalised value, for equality look-ups. */
  keyedHash(purpose: string, value: string): string;
  /**
   * Ed25519 signature (base64url) of an audit checkpoint: the key is derived from the data key,
   * which the database never holds, so whoever can only write the database cannot forge one.
   */
  signCheckpoint(message: string): string;
  /** The checkpoint key's public half, raw 32 bytes in base64url: enough to check a signature anywhere. */
  readonly checkpointPublicKey: string;
}

/** Checks an Ed25519 signature made by signCheckpoint against a raw public key (base64url). */
export function checkpointSignatureValid(publicKey: string, message: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKey, 'base64url')]), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

// DER headers that turn a raw Ed25519 seed or public key into PKCS#8 and SPKI (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Parses a 32-byte key given as 64 hex characters or base64. */
export function parseDataKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error('RONGTHUK_DATA_KEY must be 32 bytes, as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)');
  }
  return key;
}

/**
 * The data key from the environment, else from `dataDir/data-key`, else a new random key
 * written there with mode 0600. Losing that file makes stored identities unreadable.
 */
export function loadOrCreateDataKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return parseDataKey(configured);
  const file = path.join(dataDir, DATA_KEY_FILE);
  if (existsSync(file)) return parseDataKey(readFileSync(file, 'utf8'));
  return parseDataKey(writeSecretFileOnce(file, `${randomBytes(32).toString('base64')}\n`));
}

/**
 * Writes `content` to `file` (mode 0600) unless it exists, and returns what the file holds:
 * written whole under another name and linked into place, so a reader never sees half a
 * secret, and of two processes creating it at once the second gets the first's.
 */
export function writeSecretFileOnce(file: string, content: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(file, 'utf8');
}

export function createDataProtector(dataKey: Buffer): DataProtector {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
  const encryptionKey = derive('rongthuk/identity-encryption/v1');
  const hashKey = derive('rongthuk/lookup-hash/v1');
  const checkpointKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, derive('rongthuk/audit-checkpoint/v1')]), format: 'der', type: 'pkcs8' });
  const checkpointPublicKey = createPublicKey(checkpointKey).export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length).toString('base64url');
  return {
    checkpointPublicKey,
    signCheckpoint(message) {
      return sign(null, Buffer.from(message, 'utf8'), checkpointKey).toString('base64url');
    },
    encryptJson(value, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `${FORMAT_VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decryptJson(ciphertext, context) {
      const [version, payload] = ciphertext.split('.');
      if (version !== FORMAT_VERSION || !payload) throw new Error('unknown ciphertext format');
      const raw = Buffer.from(payload, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      return JSON.parse(plain.toString('utf8'));
    },
    keyedHash(purpose, value) {
      return createHmac('sha256', hashKey).update(`${purpose}\u0000${value}`).digest('hex');
    },
  };
}

/** SHA-256 hex of a high-entropy secret (session tokens, access keys): no salt needed. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
