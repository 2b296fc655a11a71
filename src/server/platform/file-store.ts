/**
 * Where attachment bytes live, as the platform sees it: the database keeps only an opaque key,
 * a store maps keys to bytes. The attachments capability implements it (attachments/storage.ts:
 * files under a directory; an S3-compatible store can implement the same three calls later).
 */
export interface FileStore {
  /** Stores `bytes` under `key`, whole or not at all. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under `key`; rejects when there are none. */
  read(key: string): Promise<Buffer>;
  /** Removes what is stored under `key`; nothing stored is not an error. */
  remove(key: string): Promise<void>;
}
