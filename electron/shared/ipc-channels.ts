/**
 * IPC channel names shared by Electron main and preload. No imports with runtime weight: the sandboxed
 * preload bundles this file and must stay tiny.
 */
import type { EventName, OperationName } from './contract';

export const IPC_PREFIX = 'dockhand:';
export const EVENT_CHANNEL = 'dockhand:event';

export function channelOf(op: OperationName): string {
  return IPC_PREFIX + op;
}

/** Every operation, spelled out so the preload needs no zod; the type below fails if one is missing. */
export const BRIDGE_OPERATIONS = [
  'app.info',
  'settings.get',
  'settings.set',
  'credentials.status',
  'credentials.save',
  'credentials.clear',
  'manifest.lint',
  'manifest.format',
  'drives.list',
  'inventory.start',
  'inventory.cancel',
  'jobs.validate',
  'jobs.create',
  'jobs.liveForDevice',
  'jobs.list',
  'jobs.status',
  'jobs.update',
  'jobs.cancel',
  'jobs.reconcile',
  'signature.write',
  'device.eject',
  'device.removeLeftovers',
  'labels.fetch',
  'labels.print',
  'labels.save',
  'printers.list',
  'drafts.save',
  'drafts.load',
  'drafts.list',
  'drafts.discard',
  'drafts.resume',
  'buckets.list',
  'buckets.check',
  'folders.list',
  'copy.plan',
  'copy.start',
  'copy.cancel',
] as const satisfies readonly OperationName[];

type Missing = Exclude<OperationName, (typeof BRIDGE_OPERATIONS)[number]>;
/** Compile-time proof that the list above names every operation of the contract. */
export const BRIDGE_COVERS_CONTRACT: [Missing] extends [never] ? true : Missing = true;

export const BRIDGE_EVENTS = [
  'drives.changed',
  'inventory.progress',
  'jobs.changed',
  'copy.progress',
] as const satisfies readonly EventName[];
