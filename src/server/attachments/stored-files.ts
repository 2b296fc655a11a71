/**
 * Files around a use case's transaction, so that nothing is half-written: every file is
 * checked (and images re-encoded) before anything is stored, stored before the transaction,
 * and removed again when the transaction fails. The rows are written inside it by the use case.
 */
import type { AppContext } from '../platform/context.ts';
import { checkFile, type CheckedFile, type IncomingFile } from './file-checks.ts';
import type { NewAttachment, UploadedBy } from './queries.ts';
import { fileStoreOf, newStorageKey } from './storage.ts';

/** A checked file in the store, waiting for its row. */
export interface StoredFile extends Omit<CheckedFile, 'bytes'> {
  storageKey: string;
}

/**
 * Checks and stores `incoming`, then runs `work` with the stored files; when anything fails
 * the files stored so far are removed and the error goes on.
 */
export async function withStoredFiles<T>(ctx: AppContext, incoming: readonly IncomingFile[], work: (files: StoredFile[]) => Promise<T>): Promise<T> {
  if (incoming.length === 0) return work([]);
  const checked: CheckedFile[] = [];
  // One at a time: decoding images is CPU and memory heavy, and the first bad file stops the rest.
  for (const file of incoming) checked.push(await checkFile(file));
  const store = fileStoreOf(ctx);
  const stored: StoredFile[] = [];
  try {
    for (const { bytes, ...file } of checked) {
      const storageKey = newStorageKey();
      await store.put(storageKey, bytes);
      stored.push({ ...file, storageKey });
    }
    return await work(stored);
  } catch (error) {
    // Removal is best effort: a file left over is unreferenced, never served, and the error that matters is the first.
    await Promise.allSettled(stored.map((file) => store.remove(file.storageKey)));
    throw error;
  }
}

/** The rows for stored files that came with one event of a case. */
export function attachmentRows(
  files: readonly StoredFile[],
  origin: { caseId: string; eventSeq: number | null; uploadedBy: UploadedBy; uploadedByUserId: string | null; at: Date },
): NewAttachment[] {
  return files.map((file, position) => ({
    caseId: origin.caseId,
    eventSeq: origin.eventSeq,
    position,
    storageKey: file.storageKey,
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    uploadedBy: origin.uploadedBy,
    uploadedByUserId: origin.uploadedBy === 'staff' ? origin.uploadedByUserId : null,
    createdAt: origin.at,
  }));
}
