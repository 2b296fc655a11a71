/**
 * The import rules of eslint.config.js bite: a platform module that imports a capability, and
 * a module that imports itself back through another, and application code writing the audit
 * chain without the union of actions (appendAudit instead of recordAudit) fail `npm run lint`. Each fixture is the
 * text of a real file with one import added, linted through ESLint's Node API with the
 * project's configuration (the rules follow the imports on disk).
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The rules that fired on `text` as the file `file`, with their messages. */
async function problems(file: string, text: string): Promise<Array<{ rule: string | null; message: string }>> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((message) => ({ rule: message.ruleId, message: message.message }));
}

describe('the import rules', () => {
  it('refuse a platform module importing a capability (and the cycle it makes)', async () => {
    const found = await problems(
      'src/server/platform/errors.ts',
      "import { registerCaseRoutes } from '../cases/routes.ts';\nexport const routes = registerCaseRoutes;\n",
    );
    expect(found).toContainEqual({ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('src/server/platform knows nothing above it') });
    expect(found.map((problem) => problem.rule)).toContain('import-x/no-cycle');
  });

  it('refuse a platform module importing the composition root', async () => {
    const found = await problems('src/server/platform/context.ts', "import { buildApp } from '../app.ts';\nexport const build = buildApp;\n");
    expect(found.map((problem) => problem.rule)).toContain('import-x/no-restricted-paths');
  });

  it('refuse a cycle inside a capability: the calendar importing the routes that import it', async () => {
    const found = await problems('src/server/sla/calendar.ts', "import { registerHolidayRoutes } from './holiday-routes.ts';\nexport const routes = registerHolidayRoutes;\n");
    expect(found).toEqual([{ rule: 'import-x/no-cycle', message: expect.stringMatching(/^Dependency cycle/) }]);
  });

  it('refuse appendAudit outside the platform and tests, and let recordAudit through', async () => {
    const raw = await problems('src/server/sla/calendar.ts', "import { appendAudit } from '../platform/audit.ts';\nexport const write = appendAudit;\n");
    expect(raw).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('write audit records with recordAudit') }]);
    expect(await problems('src/server/sla/calendar.ts', "import { recordAudit } from '../platform/audit.ts';\nexport const write = recordAudit;\n")).toEqual([]);
    expect(await problems('src/server/sla/calendar.test.ts', "import { appendAudit } from '../platform/audit.ts';\nexport const write = appendAudit;\n")).toEqual([]);
  });

  it('let a capability import the platform, and a type-only import back', async () => {
    expect(await problems('src/server/sla/calendar.ts', "import { AppError } from '../platform/errors.ts';\nexport const error = AppError;\n")).toEqual([]);
    expect(await problems('src/server/sla/calendar.ts', "import type { registerHolidayRoutes } from './holiday-routes.ts';\nexport type Routes = typeof registerHolidayRoutes;\n")).toEqual([]);
  });
});
