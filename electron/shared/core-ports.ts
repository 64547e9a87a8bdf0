/**
 * The edges handlers.ts needs from core modules that are written in parallel (drives, signature, labels,
 * settings). Each port is loaded on first use; a module that has not landed yet answers NotAvailable with
 * the module's name instead of crashing the host, so the rest of the UI keeps working.
 */
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { JobKind } from '../../protocol/manifest/types';
import {
  eligibilityContextFor,
  ineligibleReasons,
  listDrives,
  verifyIdentity,
  watchDrives,
} from '../drives/index';
import type { Drive } from '../drives/types';
import type { DriveBlock, DriveIdentity, Printer, Settings } from './contract';

export class PortError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PortError';
  }
}

export interface DrivesPort {
  list(): Promise<Drive[]>;
  /** Calls back with the whole list after every change; returns a stop function. */
  watch(onChange: (drives: Drive[]) => void): () => void;
  blocksOf(drive: Drive, jobKind: JobKind | undefined): Promise<DriveBlock[]>;
  /** Throws a PortError naming what differs when the drive in the slot is not the chosen one. */
  verifyIdentity(identity: DriveIdentity): Promise<Drive>;
}

export interface SignaturePort {
  /** Writes atomically and reads back; returns the path written and its size. */
  write(mountpoint: string, contents: string): Promise<{ path: string; bytes: number }>;
  /** Flushes and unmounts every mountpoint of the device. */
  flushAndUnmount(device: string): Promise<void>;
}

export interface LabelsPort {
  listPrinters(): Promise<Printer[]>;
  print(pdfFile: string, printer: string): Promise<{ printJobId: string | null }>;
}

export interface SettingsPort {
  read(): Promise<Settings>;
  write(settings: Settings): Promise<void>;
}

export interface CorePorts {
  drives: () => Promise<DrivesPort>;
  signature: () => Promise<SignaturePort>;
  labels: () => Promise<LabelsPort>;
  settings: SettingsPort;
}

function notLanded(moduleDir: string, what: string): PortError {
  return new PortError(
    'NotAvailable',
    `${what} is not available in this build yet (${moduleDir} is missing). Use the dockhand CLI for this step meanwhile.`,
  );
}

type Loaded = Record<string, unknown>;

/** Imports a sibling core module by path so a missing one is a runtime answer, not a type error. */
async function importCore(relative: string): Promise<Loaded | undefined> {
  const url = new URL(relative, import.meta.url).href;
  try {
    return (await import(url)) as Loaded;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String(err).includes(relative.replace(/^\.\.\//, '')))
      return undefined;
    throw err;
  }
}

function fn<T>(mod: Loaded | undefined, name: string): T | undefined {
  const f = mod?.[name];
  return typeof f === 'function' ? (f as T) : undefined;
}

export async function loadDrivesPort(env: NodeJS.ProcessEnv = process.env): Promise<DrivesPort> {
  return {
    list: listDrives,
    watch(onChange) {
      const watcher = watchDrives({ emitInitial: false });
      const off = watcher.on((e) => onChange(e.drives));
      const offError = watcher.onError(() => undefined);
      return () => {
        off();
        offError();
        void watcher.stop();
      };
    },
    async blocksOf(drive, jobKind) {
      const ctx = await eligibilityContextFor(jobKind, env);
      return ineligibleReasons(drive, ctx).map((r) => ({ code: r.code, sentence: r.message }));
    },
    async verifyIdentity(identity) {
      const check = await verifyIdentity(identity);
      if (!check.ok) throw new PortError('DriveChanged', check.mismatch.message);
      return check.drive;
    },
  };
}

export async function loadSignaturePort(): Promise<SignaturePort> {
  const mod = await importCore('../signature/index.ts');
  const write = fn<(m: string, c: string) => Promise<{ path: string; bytes: number }>>(mod, 'writeSignature');
  const unmount = fn<(device: string) => Promise<void>>(mod, 'flushAndUnmount');
  if (!write || !unmount) throw notLanded('electron/signature', 'Writing SIGNATURE');
  return { write, flushAndUnmount: unmount };
}

export async function loadLabelsPort(): Promise<LabelsPort> {
  const mod = await importCore('../labels/index.ts');
  const listPrinters = fn<() => Promise<Printer[]>>(mod, 'listPrinters');
  const printPdf = fn<(file: string, printer: string) => Promise<{ printJobId?: string | null }>>(
    mod,
    'printPdf',
  );
  if (!listPrinters || !printPdf) throw notLanded('electron/labels', 'Printing');
  return {
    listPrinters,
    async print(file, printer) {
      const r = await printPdf(file, printer);
      return { printJobId: r?.printJobId ?? null };
    },
  };
}

/**
 * The settings file the CLI session reads `endpointUrl` from. Written atomically (temp file + rename) so a
 * crash never leaves half a file; unknown keys another version wrote are kept.
 */
export function fileSettingsPort(file: string): SettingsPort {
  const readRaw = async (): Promise<Record<string, unknown>> => {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new PortError(
        'InvalidSettings',
        `${file} is not valid JSON (${(err as Error).message}); fix it or delete it to use the defaults.`,
      );
    }
  };
  return {
    async read() {
      const raw = await readRaw();
      const out: Settings = {};
      if (typeof raw.endpointUrl === 'string' && raw.endpointUrl) out.endpointUrl = raw.endpointUrl;
      if (raw.returnAddress && typeof raw.returnAddress === 'object') {
        out.returnAddress = raw.returnAddress as Settings['returnAddress'];
      }
      if (typeof raw.printer === 'string' && raw.printer) out.printer = raw.printer;
      return out;
    },
    async write(settings) {
      const raw = { ...(await readRaw()), ...settings };
      if (!settings.endpointUrl) delete raw.endpointUrl;
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(raw, null, 2) + '\n', { mode: 0o600 });
      await rename(tmp, file);
    },
  };
}

export function defaultPorts(settingsFile: string, env: NodeJS.ProcessEnv = process.env): CorePorts {
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let p: Promise<T> | undefined;
    return () => {
      p ??= load().catch((err: unknown) => {
        p = undefined; // a module that lands later is picked up on the next call
        throw err;
      });
      return p;
    };
  };
  return {
    drives: once(() => loadDrivesPort(env)),
    signature: once(loadSignaturePort),
    labels: once(loadLabelsPort),
    settings: fileSettingsPort(settingsFile),
  };
}
