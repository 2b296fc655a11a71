// The module hooks of without-rollups.mjs: the dashboard's rollups module is replaced by one
// that re-exports the real module (loaded under another URL) except syncCaseRollups, which does
// nothing. Registered after tsx, so these hooks see the request first.
const ROLLUPS = /\/src\/server\/dashboard\/rollups\.ts$/;
const REAL = '?with-rollups';

export async function load(url, context, nextLoad) {
  if (!ROLLUPS.test(url)) return nextLoad(url, context);
  const source = `export * from ${JSON.stringify(url + REAL)};\nexport async function syncCaseRollups() {}\n`;
  return { format: 'module', source, shortCircuit: true };
}
