#!/usr/bin/env node
// `npm test`, after build/install-system-deps.sh: makes sure keytar (the OS keychain, an optional dependency) is
// built. `npm install`/`npm ci` skip it where it cannot be built (no libsecret-1-dev) and remove it; now that the
// system packages are there, `npm install` builds it (package.json and the lockfile are left as they are).
// Where it still cannot be built, the keychain tests skip with the reason (and fail under CI=true).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Why keytar does not load, or undefined when it does; in a child so a failed dlopen leaves nothing behind. */
function whyKeytarFails() {
  const probe = spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: root, encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  const line = (probe.stderr || `exit ${probe.status}`).split('\n').find((l) => /Error|Cannot/.test(l));
  return (line ?? probe.stderr.split('\n')[0] ?? 'unknown error').trim();
}

function npm(args) {
  // Under `npm test`, npm_execpath is the npm that runs us; use the same one.
  const execPath = process.env.npm_execpath;
  const [cmd, argv] = execPath ? [process.execPath, [execPath, ...args]] : ['npm', args];
  return spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' }).status;
}

const why = whyKeytarFails();
if (why === undefined) {
  console.log('ensure-keytar: keytar is built; the keychain tests use the real keychain.');
  process.exit(0);
}
const present = existsSync(path.join(root, 'node_modules', 'keytar', 'package.json'));
console.log(
  `ensure-keytar: keytar does not load (${why}); npm install skips it when libsecret-1-dev is missing. ` +
    `Building it now with ${present ? 'npm rebuild keytar' : 'npm install --no-save'}.`,
);
npm(present ? ['rebuild', 'keytar'] : ['install', '--no-save', '--no-audit', '--no-fund']);
const still = whyKeytarFails();
if (still === undefined) {
  console.log('ensure-keytar: keytar is built.');
  process.exit(0);
}
console.error(
  `ensure-keytar: keytar still does not load (${still}). Install libsecret-1-0 and libsecret-1-dev, then run ` +
    'npm install; until then the keychain tests skip.',
);
process.exit(process.env.CI === 'true' ? 1 : 0);
