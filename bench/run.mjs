// npm run bench: every benchmark, one after another (they share 2 cores; never in parallel).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const only = process.argv[2];
const suites = [
  ['register', 'bench/register/run.mjs'],
  ['labels', 'bench/labels/run.ts'],
  ['scan', 'bench/scan/run.mjs'],
  ['sync', 'bench/sync/run.mjs'],
  ['kb', 'bench/kb/run.ts'],
  ['attachments', 'bench/attachments/run.ts'],
  ['topology', 'bench/topology/run.ts'],
  ['report', 'bench/report/run.ts'],
  ['import', 'bench/import/run.mjs']
];
let failed = 0;
for (const [name, file] of suites) {
  if (only && only !== name) continue;
  if (!existsSync(file)) continue;
  console.log(`\n=== ${name} (${file}) ===`);
  const r = file.endsWith('.ts') ? spawnSync('npx', ['tsx', file], { stdio: 'inherit' }) : spawnSync('node', [file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
