/**
 * The contract's copy operations (the wizard's Add files step, in the app and at the station): browse the
 * preparation machine's folders, plan a copy onto the chosen drive, run it with progress, cancel it.
 */
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppPaths } from '../app-paths';
import {
  BY_DESIGN,
  planOnly,
  runCopy,
  type CopyRequest,
  type NotCopied,
  type PlanSummary,
} from '../copy/index';
import type { Drive } from '../drives/index';
import { readManifest } from '../protocol/manifest';
import type { Manifest } from '../protocol/manifest/types';
import {
  MAX_NOT_COPIED_SHOWN,
  type CopyPlanView,
  type CopyResultView,
  type Emit,
  type FolderListing,
  type HandlerMap,
  type OperationArgs,
} from './contract';
import { PortError } from './core-ports';

/**
 * The plan's time estimate assumes a USB 3 hard disk's sustained write speed; the real speed shows as soon as
 * the copy runs (progress reports bytes per second and time left from what was measured).
 */
export const ASSUMED_COPY_BYTES_PER_SECOND = 100 * 1000 * 1000;
/** What each file costs beyond its bytes (create, flush, rename, folder flush) on such a disk. */
export const ASSUMED_SECONDS_PER_FILE = 0.01;
/** Folder listings stop here: a person browsing does not scroll past it. */
const MAX_FOLDER_ENTRIES = 5000;

type CopyOps = 'folders.list' | 'copy.plan' | 'copy.start' | 'copy.cancel';

export interface CopyHandlerDeps {
  emit: Emit;
  paths: AppPaths;
  env: NodeJS.ProcessEnv;
  listDrives: () => Promise<Drive[]>;
  homeDir?: string;
}

function manifestOf(text: string | undefined): Manifest | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const lint = readManifest(text, 'Import');
  if (!lint.ok) {
    const first = lint.issues[0];
    throw new PortError(
      'InvalidManifest',
      `The manifest has problems (${first?.field || 'document'}: ${first?.message ?? 'invalid'}); fix them in the Job step first.`,
    );
  }
  return lint.manifest;
}

function requestOf(args: OperationArgs<'copy.plan'>): CopyRequest {
  const manifest = manifestOf(args.manifestText);
  return {
    sources: args.sources,
    identity: {
      device: args.drive.device,
      serial: args.drive.serial,
      sizeBytes: args.drive.sizeBytes,
      mountpoint: args.drive.mountpoint,
      ...(args.drive.fsUuid ? { fsUuid: args.drive.fsUuid } : {}),
    },
    targetDir: args.targetDir,
    ...(manifest ? { manifest } : {}),
  };
}

function shown(list: NotCopied[]): { notCopied: NotCopied[]; notCopiedCount: number } {
  return { notCopied: list.slice(0, MAX_NOT_COPIED_SHOWN), notCopiedCount: list.length };
}

export function planView(p: PlanSummary): CopyPlanView {
  return {
    files: p.files,
    bytes: p.bytes,
    alreadyOnDrive: p.alreadyOnDrive,
    alreadyOnDriveBytes: p.alreadyOnDriveBytes,
    fits: p.fit.fits,
    neededBytes: p.fit.neededBytes,
    freeBytes: p.fit.freeBytes,
    problems: p.fit.problems,
    ...shown(p.notCopied),
    estimatedSeconds: Math.ceil(p.bytes / ASSUMED_COPY_BYTES_PER_SECOND + p.files * ASSUMED_SECONDS_PER_FILE),
  };
}

export function copyHandlers(deps: CopyHandlerDeps): Pick<HandlerMap, CopyOps> & { close(): void } {
  const runs = new Map<string, AbortController>();
  const common = () => ({ list: deps.listDrives, env: deps.env, journalFile: deps.paths.journalFile });
  return {
    async 'folders.list'(args): Promise<FolderListing> {
      const dir = path.resolve(args.path ?? deps.homeDir ?? os.homedir());
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new PortError(
          code === 'ENOENT' ? 'NoSuchFolder' : 'FolderUnreadable',
          code === 'ENOENT'
            ? `${dir} does not exist on this computer; choose another folder.`
            : `${dir} cannot be read (${code ?? 'error'}); choose another folder or give your user access to it.`,
        );
      }
      const entries = await Promise.all(
        names
          .filter((n) => !n.startsWith('.'))
          .slice(0, MAX_FOLDER_ENTRIES)
          .map(async (name) => {
            const p = path.join(dir, name);
            const s = await stat(p).catch(() => undefined);
            return {
              name,
              path: p,
              isFolder: s?.isDirectory() ?? false,
              sizeBytes: s?.isFile() ? s.size : null,
            };
          }),
      );
      entries.sort((a, b) => Number(b.isFolder) - Number(a.isFolder) || a.name.localeCompare(b.name));
      const parent = path.dirname(dir);
      return { path: dir, parent: parent === dir ? null : parent, entries };
    },
    async 'copy.plan'(args) {
      return planView(await planOnly({ request: requestOf(args), ...common() }));
    },
    async 'copy.start'(args): Promise<CopyResultView> {
      runs.get(args.runId)?.abort();
      const controller = new AbortController();
      runs.set(args.runId, controller);
      try {
        const r = await runCopy({
          request: requestOf(args),
          verify: args.verify,
          signal: controller.signal,
          onProgress: (progress) => deps.emit('copy.progress', { runId: args.runId, progress }),
          ...common(),
        });
        return {
          copied: r.copied,
          copiedBytes: r.copiedBytes,
          skippedUnchanged: r.skippedUnchanged,
          leftoversRemoved: r.leftoversRemoved,
          ...shown(r.notCopied),
          failed:
            r.notCopied.some((n) => !BY_DESIGN.includes(n.reason)) || (r.verify?.mismatches.length ?? 0) > 0,
          cancelled: r.cancelled,
          verify: r.verify ?? null,
        };
      } finally {
        if (runs.get(args.runId) === controller) runs.delete(args.runId);
      }
    },
    async 'copy.cancel'(args) {
      const c = runs.get(args.runId);
      if (!c) return { cancelled: false };
      c.abort(new Error('cancelled'));
      return { cancelled: true };
    },
    close() {
      for (const c of runs.values()) c.abort(new Error('closing'));
    },
  };
}
