#!/usr/bin/env node
// The `rongthuk` command: runs the TypeScript sources through tsx's loader, so the
// same code serves `npm start`, the CLI and the tests without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/server/cli.ts');
process.exitCode = await main(process.argv.slice(2));
