/** Where the app keeps its own data. One place, so every host (Electron, CLI, station) agrees. */
import os from 'node:os';
import path from 'node:path';

/** DOCKHAND_HOME, else $XDG_DATA_HOME/dockhand, else ~/.local/share/dockhand. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCKHAND_HOME) return path.resolve(env.DOCKHAND_HOME);
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'dockhand');
}

export interface AppPaths {
  root: string;
  /** The embedded endpoint's data directory (its own SQLite store and buckets). */
  endpointDir: string;
  /** The local job journal. */
  journalFile: string;
  /** Non-secret settings: endpoint URL, return address, printer. */
  settingsFile: string;
}

export function appPaths(env: NodeJS.ProcessEnv = process.env): AppPaths {
  const root = appDataDir(env);
  return {
    root,
    endpointDir: path.join(root, 'endpoint'),
    journalFile: path.join(root, 'journal.sqlite'),
    settingsFile: path.join(root, 'settings.json'),
  };
}
