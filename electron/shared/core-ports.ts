/**
 * The edges handlers.ts needs from the core modules (drives, signature, labels, settings), as narrow ports
 * so tests and hosts can see exactly what the UI uses. Each port is built on first use.
 */
import path from 'node:path';
import type { JobKind } from '../protocol/manifest/types';
import {
  eligibilityContextFor,
  ineligibleReasons,
  listDrives,
  verifyIdentity,
  watchDrives,
} from '../drives/index';
import type { Drive } from '../drives/types';
import {
  flushAndUnmount,
  removeLeftovers,
  writeSignature,
  type RemoveLeftoversResult,
} from '../signature/index';
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

export interface SignatureWrite {
  path: string;
  bytes: number;
  /** What was at SIGNATURE before: another job's file is kept at backupPath. */
  replaced: 'nothing' | 'same-job' | 'other-job';
  backupPath?: string;
  /** The job whose SIGNATURE was replaced. */
  replacedJobId?: string;
}

export interface SignaturePort {
  /**
   * Re-checks identity and eligibility, writes atomically and reads back (electron/signature); refuses to
   * replace another job's SIGNATURE unless confirmReplace.
   */
  write(input: {
    identity: DriveIdentity;
    contents: string;
    jobId: string;
    confirmReplace?: boolean;
    /** Where a replaced SIGNATURE is kept: the app's data, never the device. */
    backupDir?: string;
  }): Promise<SignatureWrite>;
  /** Flushes and unmounts the chosen mountpoint: only then is the drive safe to unplug. */
  flushAndUnmount(identity: DriveIdentity): Promise<void>;
  /**
   * Re-checks that the drive in the slot is the chosen one, then removes those of `paths` that are
   * Dockhand's own leftovers (electron/signature/leftovers.ts); anything else is kept and said so.
   */
  removeLeftovers(identity: DriveIdentity, paths: readonly string[]): Promise<RemoveLeftoversResult>;
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

export async function loadSignaturePort(env: NodeJS.ProcessEnv = process.env): Promise<SignaturePort> {
  return {
    write: (input) => writeSignature({ ...input, env }),
    async flushAndUnmount(identity) {
      await flushAndUnmount(identity);
    },
    async removeLeftovers(identity, paths) {
      const check = await verifyIdentity(identity);
      if (!check.ok) throw new PortError('DriveChanged', check.mismatch.message);
      return removeLeftovers(identity.mountpoint, paths);
    },
  };
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
      if (typeof settings.s3EndpointUrl === 'string' && settings.s3EndpointUrl)
        out.s3EndpointUrl = settings.s3EndpointUrl;
      if (address.address) out.returnAddress = address.address;
      if (printer) out.printer = printer;
      return out;
    },
    async write(next) {
      await updateSettings(file, {
        endpointUrl: next.endpointUrl || undefined,
        s3EndpointUrl: next.s3EndpointUrl || undefined,
      });
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
    signature: once(() => loadSignaturePort(env)),
    labels: once(loadLabelsPort),
    settings: fileSettingsPort(settingsFile),
  };
}
