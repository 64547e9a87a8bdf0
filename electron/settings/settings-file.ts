/**
 * The app's non-secret settings file (appPaths().settingsFile): one JSON object shared by several
 * owners (endpoint URL, return address, printer). Every write is a merge under a lock, written to a
 * temporary file and renamed, so one owner's write never loses another's keys and a crash never leaves
 * half a file. A file that is not a JSON object is never overwritten: it is moved aside to
 * `settings.json.corrupt-<time>` and the move is reported.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export type Settings = Record<string, unknown>;

export interface CorruptSettings {
  /** Why the file could not be used, e.g. the JSON parser's message. */
  reason: string;
}

export interface SettingsRead {
  settings: Settings;
  /** Present when the file exists but is not a JSON object; `settings` is then empty. */
  corrupt?: CorruptSettings;
}

export interface SettingsWrite {
  settings: Settings;
  /** Present when a corrupt file was moved aside before writing. */
  movedCorruptFileTo?: string;
  corrupt?: CorruptSettings;
}

export class SettingsFileError extends Error {
  constructor(
    readonly code: 'SettingsLocked' | 'SettingsUnwritable',
    message: string,
  ) {
    super(message);
    this.name = 'SettingsFileError';
  }
}

/** How long a writer waits for another's lock before giving up. */
const LOCK_WAIT_MS = 5_000;
const LOCK_RETRY_MS = 25;
/** A lock older than this was left by a crashed writer; writes take milliseconds. */
const STALE_LOCK_MS = 30_000;

/** Parses settings text: a JSON object, or the reason it is not one. Pure. */
export function parseSettings(
  text: string,
): { ok: true; settings: Settings } | { ok: false; reason: string } {
  if (text.trim() === '') return { ok: true, settings: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message})` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      ok: false,
      reason: `not a JSON object (found ${Array.isArray(parsed) ? 'an array' : String(parsed)})`,
    };
  }
  return { ok: true, settings: parsed as Settings };
}

/** `settings.json.corrupt-2024-05-01T10-20-30-123Z`: sortable, and valid on every file system. */
export function corruptFileName(file: string, at: Date): string {
  return `${file}.corrupt-${at.toISOString().replace(/:/g, '-').replace('.', '-')}`;
}

export async function readSettings(file: string): Promise<SettingsRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: {} };
    throw err;
  }
  const parsed = parseSettings(text);
  return parsed.ok ? { settings: parsed.settings } : { settings: {}, corrupt: { reason: parsed.reason } };
}

/**
 * Merges `patch` into the file's settings: keys set to `undefined` are removed, every other key not
 * named is kept as it was. Returns what was written.
 */
export async function updateSettings(
  file: string,
  patch: Settings | ((current: Settings) => Settings),
  now: () => Date = () => new Date(),
): Promise<SettingsWrite> {
  await mkdir(path.dirname(file), { recursive: true });
  return withLock(file, async () => {
    const current = await readSettings(file);
    let movedCorruptFileTo: string | undefined;
    if (current.corrupt) {
      movedCorruptFileTo = corruptFileName(file, now());
      await rename(file, movedCorruptFileTo);
    }
    const changes = typeof patch === 'function' ? patch({ ...current.settings }) : patch;
    const next: Settings = { ...current.settings };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    await writeAtomically(file, JSON.stringify(next, null, 2) + '\n');
    return {
      settings: next,
      ...(movedCorruptFileTo ? { movedCorruptFileTo, corrupt: current.corrupt } : {}),
    };
  });
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new SettingsFileError(
      'SettingsUnwritable',
      `Could not write ${file} (${(err as Error).message}); check that its folder is writable.`,
    );
  }
}

/** Serializes writers across processes with an exclusive lock file next to the settings. */
async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) {
        throw new SettingsFileError(
          'SettingsLocked',
          `${lock} has been held for over ${LOCK_WAIT_MS / 1000} s; if no other Dockhand is running, delete it.`,
        );
      }
      await new Promise((r) => setTimeout(r, LOCK_RETRY_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
