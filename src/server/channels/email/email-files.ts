/**
 * An e-mail's attachments through the same checks as files sent on the web (attachments/): a
 * file the checks refuse (a type not taken, an image that does not decode) or too large to take
 * is left out and named, and the message is taken in with the others, never refused for them.
 */
import type { IncomingFile } from '../../attachments/file-checks.ts';
import { withStoredFiles, type StoredFile } from '../../attachments/stored-files.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

/** An attachment over the size limit: not read, only named. */
export interface TooLargeFile {
  field: string;
  clientName: string | undefined;
  tooLarge: true;
}

const nameOf = (file: { field: string; clientName: string | undefined }) => file.clientName?.trim() || file.field;

/**
 * Runs `work` with the attachments that pass the checks, stored, and the names of those left
 * out. The checks stop at the first refused file: it is left out and the rest checked again.
 */
export async function withEmailFiles<T>(
  ctx: AppContext,
  attachments: ReadonlyArray<IncomingFile | TooLargeFile>,
  work: (files: StoredFile[], dropped: string[]) => Promise<T>,
): Promise<T> {
  const dropped = attachments.filter((file): file is TooLargeFile => 'tooLarge' in file).map(nameOf);
  let incoming = attachments.filter((file): file is IncomingFile => !('tooLarge' in file));
  for (;;) {
    let checked = false;
    try {
      return await withStoredFiles(ctx, incoming, (files) => {
        checked = true;
        return work(files, dropped);
      });
    } catch (error) {
      // Before `work`, a 400 is the checks refusing the file it names; from `work`, any error goes on.
      const refused = !checked && error instanceof AppError && error.status === 400 ? incoming.find((file) => error.details.some((detail) => detail.field === file.field)) : undefined;
      if (!refused) throw error;
      dropped.push(nameOf(refused));
      incoming = incoming.filter((file) => file !== refused);
    }
  }
}
