/**
 * `npm run bench`: every benchmark in this folder, one after another (they would disturb each other if run
 * together on a 2-core machine), each printing its own markdown table of ratios against a named anchor.
 * `npm run bench -- service` runs only the files whose name contains "service". The build runs first: the
 * whole-command benches measure the built CLI (dist/cli.mjs), as the person runs it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const runner = path.join(benchDir, '..', '..', 'build', 'run-ts.js');
const filter = process.argv[2] ?? '';
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'harness.ts' && f.includes(filter))
  .sort();

const build = spawnSync(process.execPath, [path.join(benchDir, '..', '..', 'build', 'build.js')], {
  stdio: 'inherit',
});
if (build.status !== 0)
  throw new Error(`npm run build failed (${build.status ?? build.signal}); nothing was measured`);

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n## ${file}\n\n`);
  const result = spawnSync(process.execPath, [runner, path.join(benchDir, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`\n(${file} exited with ${result.status ?? result.signal})\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
