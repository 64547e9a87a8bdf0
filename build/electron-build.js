// Finding (or fetching) the Electron binary; shared by `npm start` and the Electron end-to-end test. What it
// runs is the project itself (`electron .`: package.json "main" names dist/main.mjs, built by build/build.js).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const VERSION_CHECK_TIMEOUT_MS = 10_000;
/** Fetching the binary (~100 MB) once; an offline machine refuses at once, a slow one gets this long. */
const FETCH_TIMEOUT_MS = 300_000;

/** Runs the electron package's own fetch step; returns why it failed, or undefined. */
function fetchElectronBinary(pkgDir) {
  const fetched = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], {
    timeout: FETCH_TIMEOUT_MS,
    encoding: 'utf8',
  });
  if (fetched.status === 0) return undefined;
  const firstLine = (fetched.stderr || fetched.error?.message || `exit ${fetched.status}`)
    .split('\n')
    .find((l) => l.trim().length > 0);
  return firstLine?.trim() ?? 'unknown error';
}

/** The Electron executable, or the reason there is none. */
export function findElectron(options = {}) {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    if (options.fetch === false) return { reason: 'its binary has not been fetched' };
    const failure = fetchElectronBinary(pkgDir);
    if (failure !== undefined || !existsSync(pathFile)) {
      return { reason: `its binary could not be fetched: ${failure ?? 'no binary after the fetch'}` };
    }
  }
  const binary = path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { reason: `${binary} is missing` };
  const probe = spawnSync(binary, ['--version'], { timeout: VERSION_CHECK_TIMEOUT_MS, encoding: 'utf8' });
  if (probe.status !== 0) {
    const why = (probe.stderr || probe.error?.message || `exit ${probe.status}`).split('\n')[0];
    return { reason: `it does not run here (${why})` };
  }
  return { binary };
}
