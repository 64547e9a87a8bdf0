// Finding (or fetching) the Electron binary; shared by `npm start` and the Electron end-to-end test. What it
// runs is the project itself (`electron .`: package.json "main" names dist/main.mjs, built by build/build.js).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const VERSION_CHECK_TIMEOUT_MS = 10_000;
/**
 * One attempt to fetch the binary (~100 MB): an offline machine refuses within a second; a slow link gets
 * this long, not the five minutes that used to hold up every start.
 */
export const FETCH_TIMEOUT_MS = 60_000;
/** After a failed attempt, `npm start` does not try again for this long (DOCKHAND_FETCH_ELECTRON=1 forces it). */
export const FETCH_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
/** Where the last failed attempt is remembered: a cache of the project's, never the person's data. */
export const FETCH_STATE_FILE =
  process.env.DOCKHAND_ELECTRON_FETCH_STATE ??
  path.join(root, 'node_modules', '.cache', 'dockhand', 'electron-fetch.json');

/** Runs the electron package's own fetch step; returns why it failed, or undefined. */
function fetchElectronBinary(pkgDir, timeoutMs) {
  const fetched = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], {
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  if (fetched.status === 0) return undefined;
  if (fetched.error?.code === 'ETIMEDOUT') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const firstLine = (fetched.stderr || fetched.error?.message || `exit ${fetched.status}`)
    .split('\n')
    .find((l) => l.trim().length > 0);
  return firstLine?.trim() ?? 'unknown error';
}

function readFailure(file) {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8'));
    return typeof state.failedAt === 'string' ? state : undefined;
  } catch {
    return undefined;
  }
}

function rememberFailure(file, failedAt, reason) {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ failedAt: failedAt.toISOString(), reason }, null, 2)}\n`);
  } catch {
    // Unwritable cache: the next start simply tries again.
  }
}

/**
 * The Electron executable, or the reason there is none. Fetches the binary when it is missing, at most once
 * a day: a failed attempt is remembered in FETCH_STATE_FILE with its time.
 */
export function findElectron(options = {}) {
  const stateFile = options.stateFile ?? FETCH_STATE_FILE;
  const now = options.now ?? new Date();
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    if (options.fetch === false) return { reason: 'its binary has not been fetched' };
    const last = readFailure(stateFile);
    const retryAt = last ? new Date(Date.parse(last.failedAt) + FETCH_RETRY_AFTER_MS) : undefined;
    if (retryAt && retryAt > now && process.env.DOCKHAND_FETCH_ELECTRON !== '1') {
      return {
        reason:
          `its binary could not be fetched at ${last.failedAt} (${last.reason}); the next attempt is after ` +
          `${retryAt.toISOString()}, or now with DOCKHAND_FETCH_ELECTRON=1 npm start`,
      };
    }
    const failure = fetchElectronBinary(pkgDir, options.fetchTimeoutMs ?? FETCH_TIMEOUT_MS);
    if (failure !== undefined || !existsSync(pathFile)) {
      const reason = failure ?? 'no binary after the fetch';
      rememberFailure(stateFile, now, reason);
      return { reason: `its binary could not be fetched: ${reason}` };
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
