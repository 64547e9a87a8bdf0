/**
 * The edges handlers.ts needs from core modules that are written in parallel (drives, signature, labels,
 * settings). Each port is loaded on first use; a module that has not landed yet answers NotAvailable with
 * the module's name instead of crashing the host, so the rest of the UI keeps working.
 */
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
import { listPrinters, printPdf } from '../labels/printers';
import { loadPrinterChoice, rememberPrinterChoice } from '../labels/printer-choice';
import { loadReturnAddress, rememberReturnAddress } from '../labels/return-address';
import { readSettings, updateSettings } from '../settings/settings-file';
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
    `${what} is not available in this build: ${moduleDir} is missing from this copy of Dockhand. Update Dockhand; the job itself is created and kept.`,
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
  return {
    async listPrinters() {
      const list = await listPrinters();
      return list.printers.map((name) => ({ name, isDefault: name === list.defaultPrinter }));
    },
    async print(file, printer) {
      const r = await printPdf(file, { printer, title: path.basename(file) });
      return { printJobId: r.jobId };
    },
  };
}

/**
 * The settings file, through the settings module (merged writes under a lock) and the labels module's
 * own keys for the return address and the printer, so the CLI and the app remember the same things.
 */
export function fileSettingsPort(file: string): SettingsPort {
  return {
    async read() {
      const [{ settings, corrupt }, address, printer] = await Promise.all([
        readSettings(file),
        loadReturnAddress(file),
        loadPrinterChoice(file),
      ]);
      if (corrupt) {
        throw new PortError(
          'InvalidSettings',
          `${file} is unreadable (${corrupt.reason}); it is moved aside on the next save, or fix it by hand.`,
        );
      }
      const out: Settings = {};
      if (typeof settings.endpointUrl === 'string' && settings.endpointUrl)
        out.endpointUrl = settings.endpointUrl;
      if (address.address) out.returnAddress = address.address;
      if (printer) out.printer = printer;
      return out;
    },
    async write(next) {
      await updateSettings(file, { endpointUrl: next.endpointUrl || undefined });
      if (next.returnAddress) await rememberReturnAddress(next.returnAddress, file);
      if (next.printer) await rememberPrinterChoice(next.printer, file);
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
