#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is present or can be fetched (the electron package
// has no install script; its binary is fetched on first run); otherwise one line saying why, and the same
// UI served by `dockhand station`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bundleElectron, ensureRenderer, findElectron, root } from './electron-build.js';

const found = findElectron();
if (found.binary) {
  const outDir = path.join(root, 'out', 'electron');
  await ensureRenderer();
  await bundleElectron(outDir);
  const child = spawn(found.binary, [path.join(outDir, 'main.mjs')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    `Electron binary not available (${found.reason}): serving the same UI with dockhand station instead.`,
  );
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'dockhand.js'), 'station', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
