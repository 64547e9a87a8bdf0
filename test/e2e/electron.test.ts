/**
 * The desktop app in Electron itself (Playwright's Electron driver): the window opens on the embedded local
 * test endpoint with the renderer sandboxed. Electron's binary is fetched on first run by the electron
 * package; where it cannot be fetched (an offline machine, like our CI's), this test skips with the reason,
 * even under CI=true: the same UI is tested through the station in wizard.test.ts and journey.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../build/build.js';
import { findElectron, root } from '../../build/electron-build.js';

const found = findElectron();
if (!found.binary) console.warn(`skipping Electron tests: Electron: ${found.reason}`);

describe.skipIf(!found.binary)('the desktop app in Electron', () => {
  it('opens one sandboxed window on the local test endpoint', async () => {
    await ensureBuilt();
    const home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-electron-'));
    const app = await electron.launch({
      executablePath: found.binary as string,
      // `electron .`: the built main that package.json "main" names, as `npm start` runs it.
      args: [root],
      env: { ...process.env, DOCKHAND_HOME: home },
    });
    try {
      const page = await app.firstWindow();
      await expect
        .poll(() => page.getByText('Local test endpoint').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      // No Node in the page: the contract is reached only through the preload's functions.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
        'undefined',
      );
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});
