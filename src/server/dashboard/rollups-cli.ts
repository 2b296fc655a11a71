/**
 * `rongthuk rollups verify` and `rongthuk rollups rebuild`: the dashboard's counters recounted
 * from every case, its contacts, ratings and events. Exit codes: 0 they agree / rebuilt,
 * 1 verify found differences, 2 usage.
 */
import { recordAudit } from '../platform/audit.ts';
import type { OpenInstallation } from '../platform/bootstrap.ts';
import type { Config } from '../platform/config.ts';
import { rebuildRollups, verifyRollups } from './rollups.ts';

export const ROLLUPS_USAGE = `Usage:
  rongthuk rollups verify
      recount the dashboard's figures from every case and compare them with the rollups kept as
      cases change; prints each counter that differs and exits 1 when any does
  rongthuk rollups rebuild
      recount them and write them anew (audited); changes to cases wait meanwhile`;

/** How many differing counters verify prints before it only counts them. */
const SHOWN_DIFFERENCES = 50;

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs `rongthuk rollups …`; `args` are the words after `rollups`. Returns the exit code. */
export async function runRollupsCommand(args: string[], config: Config, output: Output, open: OpenInstallation): Promise<number> {
  const [command, ...rest] = args;
  if (rest.length > 0 || (command !== 'verify' && command !== 'rebuild')) {
    output.err(`${command === undefined ? 'which rollups command?' : `unknown rollups command "${[command, ...rest].join(' ')}"`}\n\n${ROLLUPS_USAGE}`);
    return 2;
  }
  const ctx = await open(config, { role: 'rollups', log: output.err });
  try {
    if (command === 'verify') {
      const found = await ctx.db.transaction((tx) => verifyRollups(tx));
      for (const difference of found.slice(0, SHOWN_DIFFERENCES)) {
        output.err(`${difference.table} ${difference.key}: expected ${difference.expected}, stored ${difference.actual}`);
      }
      if (found.length > SHOWN_DIFFERENCES) output.err(`… and ${found.length - SHOWN_DIFFERENCES} more`);
      output.out(found.length === 0 ? 'rollups agree with the cases' : `rollups differ from the cases in ${found.length} counters: run \`rongthuk rollups rebuild\``);
      return found.length === 0 ? 0 : 1;
    }
    const rebuilt = await ctx.db.transaction(async (tx) => {
      const result = await rebuildRollups(tx);
      await recordAudit(tx, { actor: { userId: null, label: 'cli' }, action: 'rollups.rebuild', entityType: 'rollups', entityId: null, details: result, at: ctx.now() });
      return result;
    });
    output.out(`rollups rebuilt from ${rebuilt.cases} cases: ${rebuilt.counters} counters, ${rebuilt.corrected} corrected`);
    return 0;
  } finally {
    await ctx.db.close();
  }
}
