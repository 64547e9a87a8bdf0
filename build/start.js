#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is present or can be fetched (at most one attempt a
// day; see electron-build.js); otherwise one line saying why, and the same UI served by the built
// `dockhand station`. Either way, whatever is older than its sources is rebuilt first. Ctrl-C and SIGTERM
// are passed on to the child; a child killed by any other signal is a failure.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, distDir } from './build.js';
import { findElectron, root } from './electron-build.js';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

await ensureBuilt();
const found = findElectron();
let child;
let name;
if (found.binary) {
  // `electron .`: package.json "main" and "productName" are read from the project, as in the packaged app.
  name = 'Electron';
  child = spawn(found.binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
} else {
  console.log(
    `Electron binary not available (${found.reason}): serving the same UI with dockhand station instead.`,
  );
  name = 'dockhand station';
  child = spawn(process.execPath, [path.join(distDir, 'cli.mjs'), 'station', ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
}
const forwarded = new Set();
for (const signal of FORWARDED) {
  process.on(signal, () => {
    forwarded.add(signal);
    child.kill(signal);
  });
}
child.on('error', (err) => {
  console.error(`npm start: could not run ${name}: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // Exit as a shell reports a signal death (128 + its number), so scripts see a failure.
    if (!forwarded.has(signal)) console.error(`npm start: ${name} was killed by ${signal}.`);
    process.exit(128 + (os.constants.signals[signal] ?? 0));
  }
  process.exit(code ?? 1);
});
