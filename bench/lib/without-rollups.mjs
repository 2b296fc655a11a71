// For bench/dashboard's intake "without rollups": `node --import tsx --import ./bench/lib/without-rollups.mjs`
// loads the app with syncCaseRollups (src/server/dashboard/rollups.ts) a no-op, so that the
// cost of the rollups on intake is measured without a switch in the product. Plain JavaScript:
// module hooks run on a thread of their own, before tsx could compile TypeScript for them.
import { register } from 'node:module';

register('./without-rollups-hooks.mjs', import.meta.url);
