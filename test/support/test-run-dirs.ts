/**
 * Folders shared by the processes of one test run. Vitest ends its worker processes without
 * their exit handlers, so a folder each made for itself would be left behind: the global setup
 * empties these at the start and the end of a run instead.
 */
import os from 'node:os';
import path from 'node:path';

/** Where the test apps' `audit.checkpoint` job appends: one file per worker process. */
export const TEST_CHECKPOINTS_DIR = path.join(os.tmpdir(), 'rongthuk-test-checkpoints');
