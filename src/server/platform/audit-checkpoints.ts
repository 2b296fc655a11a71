/**
 * Checkpoints anchor the audit chain outside the database. The chain alone shows a changed
 * record only to someone who cannot recompute the hashes after it: whoever can write the
 * database can rewrite a record, recompute every later hash and the head, or cut the tail, and
 * the chain still verifies. A checkpoint is the chain head (record number and hash) at an
 * instant, signed with a key derived from the data key (which the database never holds), kept
 * in a file beside the data and printed for auditors to store elsewhere. Verification then
 * finds a rewrite (a checkpointed record's hash differs) or a cut (a checkpointed record is
 * gone) — up to the newest checkpoint; what came after it is protected by the chain only.
 */
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuditCheckpointSchema, CHECKPOINT_KIND, type AuditCheckpoint } from '../../shared/api/audit.ts';
import type { AppContext } from './context.ts';
import { checkpointSignatureValid, type DataProtector } from './crypto.ts';
import type { Queryable } from './database.ts';

export { AuditCheckpointSchema, type AuditCheckpoint };

/** Exactly the bytes that are signed. */
function checkpointMessage(head: { seq: number; hash: string; at: string }): string {
  return `${CHECKPOINT_KIND}/v1\n${head.seq}\n${head.hash}\n${head.at}`;
}

/** Signs the chain head as read at `at`. */
export function signCheckpoint(protector: DataProtector, head: { seq: number; hash: string }, at: Date): AuditCheckpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  return {
    kind: CHECKPOINT_KIND,
    version: 1,
    ...unsigned,
    publicKey: protector.checkpointPublicKey,
    signature: protector.signCheckpoint(checkpointMessage(unsigned)),
  };
}

/** Reads the head and signs it: one line for the file and for the auditor. */
export async function takeCheckpoint(db: Queryable, protector: DataProtector, at: Date): Promise<AuditCheckpoint> {
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head');
  if (!head) throw new Error('audit chain head is missing');
  return signCheckpoint(protector, head, at);
}

/** Whether the checkpoint was signed by the installation whose public key is `publicKey`. */
function signedBy(checkpoint: AuditCheckpoint, publicKey: string): boolean {
  return checkpoint.publicKey === publicKey && checkpointSignatureValid(publicKey, checkpointMessage(checkpoint), checkpoint.signature);
}

export interface CheckpointProblem {
  /** Where: `file:line`. */
  where: string;
  problem: string;
}

export interface ReadCheckpoints {
  checkpoints: AuditCheckpoint[];
  /** Lines that are no checkpoint of this installation: a forged or damaged file says so. */
  problems: CheckpointProblem[];
}

/** Parses checkpoint lines (JSON, one a line; blank lines skipped) and checks each signature. */
export function parseCheckpoints(text: string, source: string, publicKey: string): ReadCheckpoints {
  const result: ReadCheckpoints = { checkpoints: [], problems: [] };
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${source}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      result.problems.push({ where, problem: 'not JSON' });
      return;
    }
    const parsed = AuditCheckpointSchema.safeParse(value);
    if (!parsed.success) {
      result.problems.push({ where, problem: 'not an audit checkpoint' });
    } else if (!signedBy(parsed.data, publicKey)) {
      result.problems.push({ where, problem: "not signed by this installation's checkpoint key" });
    } else {
      result.checkpoints.push(parsed.data);
    }
  });
  return result;
}

/** Reads checkpoint files; a file that does not exist is a problem when `required`. */
export async function readCheckpointFiles(files: Array<{ path: string; required: boolean }>, publicKey: string): Promise<ReadCheckpoints> {
  const all: ReadCheckpoints = { checkpoints: [], problems: [] };
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !file.required) continue;
      all.problems.push({ where: file.path, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    const read = parseCheckpoints(text, file.path, publicKey);
    all.checkpoints.push(...read.checkpoints);
    all.problems.push(...read.problems);
  }
  return all;
}

/**
 * Signs the head now and appends it to the installation's checkpoint file: the job, the API and
 * the CLI alike. Returns the checkpoint the file holds for the head: the new one, or the one
 * already there when another process (the worker's job) signed the same head a moment before.
 */
export async function recordCheckpoint(ctx: Pick<AppContext, 'db' | 'protector' | 'config' | 'now'>): Promise<AuditCheckpoint> {
  const checkpoint = await takeCheckpoint(ctx.db, ctx.protector, ctx.now());
  if (await appendCheckpoint(ctx.config.auditCheckpointsFile, checkpoint)) return checkpoint;
  const last = await lastLine(ctx.config.auditCheckpointsFile);
  return last ? (JSON.parse(last) as AuditCheckpoint) : checkpoint;
}

/**
 * Appends one checkpoint line to the file (created with mode 0600, its folder too: with a
 * PostgreSQL server nothing else may have made the data folder), unless the last line has the
 * same head.
 */
export async function appendCheckpoint(path: string, checkpoint: AuditCheckpoint): Promise<boolean> {
  const last = await lastLine(path);
  if (last) {
    try {
      const previous = JSON.parse(last) as Partial<AuditCheckpoint>;
      if (previous.seq === checkpoint.seq && previous.hash === checkpoint.hash) return false;
    } catch {
      // A damaged last line: write the new checkpoint after it; verify reports the damage.
    }
  }
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return true;
}

/** The file's last non-empty line, read from its end (the file grows by a line every few minutes). */
async function lastLine(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 8192);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter((line) => line.trim());
    return lines.at(-1);
  } finally {
    await handle.close();
  }
}
