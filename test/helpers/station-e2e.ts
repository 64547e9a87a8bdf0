/**
 * What every browser test and browser bench of the station sets up the same way: the renderer built fresh
 * (never a stale dist/renderer), a station environment on the embedded endpoint, and where screenshots go
 * at which sizes.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../electron/station/server';

export const SHOTS_DIR = path.join(PROJECT_ROOT, 'test-results', 'screenshots');
/** The two screen sizes. */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
] as const;

export async function buildRenderer(logLevel: 'warn' | 'silent' = 'warn'): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel });
}

/** The app's environment with its data in `home`, on the embedded endpoint whatever the shell names. */
export function embeddedEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKHAND_HOME: home };
  delete env.AWS_ENDPOINT_URL;
  delete env.AWS_ENDPOINT_URL_IMPORTEXPORT;
  return env;
}

/**
 * A page in a context of its own at `viewport`, on which an uncaught error in the page fails the test.
 * `prepare` runs on the context before the page opens (permissions, init scripts).
 */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  await prepare?.(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return { context, page };
}
