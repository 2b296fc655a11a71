/**
 * The fuzzer's property kept in CI: a few hundred inputs from bench/fuzz's generators, sent
 * over real HTTP to the real app on each database, get no 5xx, leave nothing hanging, answer
 * every error in the API's one shape, and leave the connections usable, the server ready and
 * the audit chain intact. (`node --import tsx bench/fuzz.ts` sends 20,000 and more.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiRequests, seededInputs, UNROUTED, type FuzzRequest } from '../bench/lib/fuzz-inputs.ts';
import { runFuzz } from '../bench/lib/fuzz-run.ts';
import { startFuzzTarget, type FuzzTarget } from '../bench/lib/fuzz-target.ts';
import { DATABASE_HOOK_TIMEOUT, describeEachDatabase } from './support/databases.ts';

const SEED = 2569;
const INPUTS = 400;

describeEachDatabase('fuzz smoke', ({ db }) => {
  let workDir: string | undefined;
  let target: FuzzTarget | undefined;
  let closed = false;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-fuzz-smoke-'));
    target = await startFuzzTarget(db(), workDir);
  }, DATABASE_HOOK_TIMEOUT);
  afterAll(async () => {
    if (target && !closed) await target.app.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  function inputs(count: number, seed = SEED): FuzzRequest[] {
    if (!target) throw new Error('no target');
    const arbitrary = apiRequests(target.routes, target.world);
    return [...seededInputs(arbitrary, seed, count)];
  }

  it('generates the same inputs from the same seed, for the routes of the OpenAPI document and paths no route has', () => {
    const first = inputs(INPUTS);
    expect(first).toHaveLength(INPUTS);
    expect(inputs(INPUTS).map((input) => `${input.method} ${input.url} ${input.kind}`)).toEqual(first.map((input) => `${input.method} ${input.url} ${input.kind}`));
    const routes = new Set(first.map((input) => input.route));
    // Every route of the document is drawn within a few thousand inputs; a few hundred reach most.
    expect(routes.size).toBeGreaterThan(target?.routes.length ? target.routes.length / 2 : 0);
    expect(routes.has(UNROUTED)).toBe(true);
    for (const route of routes) expect(route === UNROUTED || target?.routes.some((known) => known.key === route)).toBe(true);
    // Valid requests, and each part broken in turn.
    expect(new Set(first.map((input) => input.focus))).toEqual(new Set(['none', 'path', 'query', 'body', 'credentials', 'method', 'everything', 'unrouted']));
    // Drawing twice the inputs of some 130 routes takes 10 s on a quiet 2-core machine: a bound of a hang, not of speed.
  }, 120_000);

  it('answers fuzzed inputs over keep-alive connections with no 5xx, nothing hanging and every error in the API shape', async () => {
    if (!target) throw new Error('no target');
    closed = true;
    const figures = await runFuzz(target, {
      inputs: INPUTS,
      connections: 4,
      seed: SEED,
      // Bounds of a hang, not of speed: far above any answer's time on a busy machine.
      requestTimeoutMs: 20_000,
      timeCapMs: 10 * 60_000,
      closeTimeoutMs: 20_000,
      keepFailures: INPUTS + 1,
    });
    // Every failure is kept (keepFailures is above the inputs), so each can be judged.
    expect(figures.reproductions).toHaveLength(Object.values(figures.counts).reduce((sum, count) => sum + count, 0));
    expect(figures.reproductions).toEqual([]);
    expect(figures.inputs).toBe(INPUTS);
    expect(figures.byClass['4xx']).toBeGreaterThan(0);
    expect(figures.byClass['2xx']).toBeGreaterThan(0);
    expect(figures.sockets.stuck).toEqual([]);
    expect(figures.health).toEqual({ readyz: 200, healthz: 200 });
    expect(figures.auditChain.ok).toBe(true);
    expect(figures.close.withinBound).toBe(true);
  }, 120_000);
});
