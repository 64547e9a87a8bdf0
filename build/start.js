#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is present or can be fetched (the electron package
// has no install script; its binary is fetched on first run); otherwise one line saying why, and the same
// UI served by the built `dockhand station`. Either way, whatever is older than its sources is rebuilt first.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, distDir } from './build.js';
import { findElectron, root } from './electron-build.js';

await ensureBuilt();
const found = findElectron();
let child;
if (found.binary) {
  // `electron .`: package.json "main" and "productName" are read from the project, as in the packaged app.
  child = spawn(found.binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
} else {
  console.log(
    `Electron binary not available (${found.reason}): serving the same UI with dockhand station instead.`,
  );
  child = spawn(process.execPath, [path.join(distDir, 'cli.mjs'), 'station', ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
// A child killed by a signal failed: exit non-zero the way a shell reports it (128 + the signal's number).
child.on('exit', (code, signal) => {
  if (signal) process.exit(128 + (os.constants.signals[signal] ?? 1));
  process.exit(code ?? 1);
});
