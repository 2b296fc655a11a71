import type { Config } from './config.ts';
import type { DataProtector } from './crypto.ts';
import type { Database } from './database.ts';
import type { FileStore } from './file-store.ts';

/** An Ed25519 public key as a JWK (RFC 8037): what partners check this instance's signatures with. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The public key, 32 bytes base64url. */
  x: string;
}

/**
 * The instance's signing key for the exchange between systems, as plain JWKs: the platform
 * only carries it; exchange/instance-key.ts loads or creates it and signs with it.
 */
export interface InstanceSigningKey {
  /** The key id: the RFC 7638 thumbprint of the public key. */
  kid: string;
  publicJwk: Ed25519PublicJwk;
  /** The private half (`d`): never leaves the process. */
  privateJwk: Ed25519PublicJwk & { d: string };
}

/** What every route and command of a running app shares. */
export interface AppContext {
  db: Database;
  config: Config;
  protector: DataProtector;
  /** The current instant; tests pass a fixed clock to pin deadlines. */
  now: () => Date;
  /** Where attachments are kept; default: the local store under `config.filesDir` (see attachments/storage.ts's fileStoreOf). */
  files?: FileStore;
  /** The exchange's signing key; default: the one exchange/instance-key.ts's instanceKeyOf loads from the configuration. */
  signingKey?: InstanceSigningKey;
}
