/**
 * Where attachment bytes live. The database keeps only an opaque key; a store (the platform's
 * FileStore, platform/file-store.ts) maps keys to bytes. `LocalFileStore` writes under a
 * directory; an S3-compatible store can implement the same three calls later, chosen in
 * `fileStoreOf` from the configuration.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../platform/context.ts';
import type { FileStore } from '../platform/file-store.ts';

/** A fresh storage key: random, so neither a client's file name nor a case id ever becomes a path. */
export function newStorageKey(): string {
  return randomUUID();
}

const KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Files under `root/ab/cd/<key>`: two levels of shards keep directories small at millions of files. */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Written aside and renamed: a crash never leaves a half-written file under the key.
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx', mode: 0o640 });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}

const localStores = new Map<string, LocalFileStore>();

/** The context's store, or the local store under `config.filesDir`. */
export function fileStoreOf(ctx: AppContext): FileStore {
  if (ctx.files) return ctx.files;
  const root = ctx.config.filesDir;
  let store = localStores.get(root);
  if (!store) {
    store = new LocalFileStore(root);
    localStores.set(root, store);
  }
  return store;
}
