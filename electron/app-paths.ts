/** Where the app keeps its own data. One place, so every host (Electron, CLI, station) agrees. */
import os from 'node:os';
import path from 'node:path';

/** The directory name: lower case where the platform's convention is (XDG), the product name elsewhere. */
const XDG_DIR_NAME = 'dockhand';
const PRODUCT_DIR_NAME = 'Dockhand';

export interface PlatformContext {
  platform: NodeJS.Platform;
  homedir: string;
}

const here = (): PlatformContext => ({ platform: process.platform, homedir: os.homedir() });

/**
 * DOCKHAND_HOME over all; else the platform's place for an app's own data:
 * - Linux (and other Unix): $XDG_DATA_HOME/dockhand, else ~/.local/share/dockhand
 * - macOS: ~/Library/Application Support/Dockhand
 * - Windows: %APPDATA%\Dockhand, else <home>\AppData\Roaming\Dockhand
 * Paths are built with the target platform's separator, so the rule can be table-tested anywhere.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, ctx: PlatformContext = here()): string {
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  if (env.DOCKHAND_HOME) return p.resolve(env.DOCKHAND_HOME);
  switch (ctx.platform) {
    case 'darwin':
      return p.join(ctx.homedir, 'Library', 'Application Support', PRODUCT_DIR_NAME);
    case 'win32':
      return p.join(env.APPDATA || p.join(ctx.homedir, 'AppData', 'Roaming'), PRODUCT_DIR_NAME);
    default: {
      // XDG: a relative $XDG_DATA_HOME is invalid and must be ignored.
      const xdg = env.XDG_DATA_HOME;
      const base = xdg && p.isAbsolute(xdg) ? xdg : p.join(ctx.homedir, '.local', 'share');
      return p.join(base, XDG_DIR_NAME);
    }
  }
}

export interface AppPaths {
  root: string;
  /** The embedded endpoint's data directory (its own SQLite store and buckets). */
  endpointDir: string;
  /** The local job journal. */
  journalFile: string;
  /** Non-secret settings: endpoint URL, return address, printer. */
  settingsFile: string;
  /**
   * Electron's own profile (Chromium caches, the single-instance lock): kept apart from our files, and under
   * the same root so each DOCKHAND_HOME is its own instance.
   */
  electronUserDataDir: string;
}

export function appPaths(env: NodeJS.ProcessEnv = process.env, ctx: PlatformContext = here()): AppPaths {
  const root = appDataDir(env, ctx);
  const p = ctx.platform === 'win32' ? path.win32 : path.posix;
  return {
    root,
    endpointDir: p.join(root, 'endpoint'),
    journalFile: p.join(root, 'journal.sqlite'),
    settingsFile: p.join(root, 'settings.json'),
    electronUserDataDir: p.join(root, 'electron'),
  };
}
