/**
 * `rongthuk audit verify [--checkpoints FILE]…` and `rongthuk audit checkpoint`: the audit log
 * from the command line. Exit codes: 0 intact / written, 1 broken, rewritten or cut (or a
 * checkpoint that is not this installation's), 2 usage.
 */
import { parseArgs } from 'node:util';
import { verifyAuditChain, type AuditVerification } from './audit.ts';
import { readCheckpointFiles, recordCheckpoint, type AuditCheckpoint, type ReadCheckpoints } from './audit-checkpoints.ts';
import { openAppContext } from './bootstrap.ts';
import type { Config } from './config.ts';

export const AUDIT_USAGE = `Usage:
  rongthuk audit verify [--checkpoints FILE]...
      check the hash chain of the audit log, and that it still holds every record that a signed
      checkpoint vouches for, unchanged (default: the checkpoint file beside the data, when there
      is one); exits 1 naming the first broken, rewritten or removed record
  rongthuk audit checkpoint
      sign the chain head with the installation's checkpoint key, append it to the checkpoint
      file and print it: one line for an auditor to keep outside this machine`;

export interface AuditOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs `rongthuk audit …`; `args` are the words after `audit`. Returns the exit code. */
export async function runAuditCommand(args: string[], config: Config, output: AuditOutput): Promise<number> {
  let parsed;
  try {
    // --help never gets here: main() answers it for every command.
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { checkpoints: { type: 'string', multiple: true } } });
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${AUDIT_USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (rest.length > 0 || (command === 'checkpoint' && parsed.values.checkpoints)) {
    output.err(`unexpected arguments\n\n${AUDIT_USAGE}`);
    return 2;
  }
  if (command === 'verify') return runVerify(config, parsed.values.checkpoints, output);
  if (command === 'checkpoint') return runCheckpoint(config, output);
  output.err(`unknown audit command "${command ?? ''}"\n\n${AUDIT_USAGE}`);
  return 2;
}

async function runVerify(config: Config, files: string[] | undefined, output: AuditOutput): Promise<number> {
  const ctx = await openAppContext(config, { migrate: false, role: 'audit', log: output.err });
  try {
    // Named files must exist; the default file beside the data may not exist yet.
    const sources = files?.length ? files.map((path) => ({ path, required: true })) : [{ path: config.auditCheckpointsFile, required: false }];
    const read = await readCheckpointFiles(sources, ctx.protector.checkpointPublicKey);
    const result = await verifyAuditChain(ctx.db, { checkpoints: read.checkpoints });
    for (const problem of read.problems) output.err(`checkpoint ${problem.where}: ${problem.problem}`);
    report(result, read, sources.map((source) => source.path), output);
    return result.ok && read.problems.length === 0 ? 0 : 1;
  } finally {
    await ctx.db.close();
  }
}

function report(result: AuditVerification, read: ReadCheckpoints, files: string[], output: AuditOutput): void {
  if (!result.ok) {
    output.err(`audit log ${result.kind} at record ${result.brokenSeq}: ${result.reason} (${result.records} records before it verified)`);
    return;
  }
  const newest = read.checkpoints.reduce<AuditCheckpoint | undefined>((best, checkpoint) => (!best || checkpoint.seq >= best.seq ? checkpoint : best), undefined);
  const matched = result.checkpointsMatched ?? 0;
  output.out(
    newest
      ? `audit log intact: ${result.records} records verified; ${matched === 1 ? '1 signed checkpoint matches' : `${matched} signed checkpoints match`} (the newest, of ${newest.at}, vouches for ${newest.seq} records)`
      : `audit log intact: ${result.records} records verified; no signed checkpoints in ${files.join(', ')}, so a rewrite of the whole log would not be seen`,
  );
}

async function runCheckpoint(config: Config, output: AuditOutput): Promise<number> {
  const ctx = await openAppContext(config, { migrate: false, role: 'audit', log: output.err });
  try {
    output.out(JSON.stringify(await recordCheckpoint(ctx)));
    return 0;
  } finally {
    await ctx.db.close();
  }
}
