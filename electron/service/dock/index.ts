/**
 * The receiving dock: an operator's hands on the endpoint's jobs (`dockhand service dock …`), working
 * on the same SQLite store while the endpoint runs. Module API for tests and for the later
 * "receiving dock reads a real device" work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { normalizeJobId } from '../../protocol/job-id';
import type { FinishProgressCode } from '../../protocol/status-codes';
import { effectiveProgress } from '../job-view';
import { generateTrackingNumber } from '../operations/get-shipping-label';
import { STORE_FILE_NAME, openStore, type JobEvent, type JobRecord, type JobStore } from '../store';
import { decideDockAction, type DockAction, type DockRefusal } from './state-machine';

export { decideDockAction } from './state-machine';
export type { DockAction, DockChange, DockDecision, DockRefusal, DockState } from './state-machine';

/** Return carrier when none is named: US domestic returns went by UPS (reference 4.3). */
export const DEFAULT_RETURN_CARRIER = 'UPS';
/** A state change retried this often when the endpoint changes the job between our read and write. */
const MAX_RACE_RETRIES = 5;

export class DockError extends Error {
  constructor(
    readonly reason: DockRefusal | 'no-such-job',
    message: string,
  ) {
    super(message);
    this.name = 'DockError';
  }
}

export interface Dock {
  receive(jobId: string): JobRecord;
  start(jobId: string): JobRecord;
  finish(jobId: string, progressCode: FinishProgressCode, errorCount?: number): JobRecord;
  returnDevice(jobId: string, options?: { carrier?: string; trackingNumber?: string }): JobRecord;
  expire(jobId: string): JobRecord;
  /** Every recorded transition of a job, oldest first. */
  history(jobId: string): JobEvent[];
  close(): void;
}

export interface DockOptions {
  now?: () => Date;
  /** Use an open store instead of opening the data dir's (the caller closes it). */
  store?: JobStore;
}

export function openDock(dataDir: string, options: DockOptions = {}): Dock {
  if (!options.store && !fs.existsSync(path.join(dataDir, STORE_FILE_NAME))) {
    // Opening would create an empty store; a wrong --data-dir should say so instead.
    throw new DockError(
      'no-such-job',
      `No endpoint store in ${dataDir}; pass the --data-dir the endpoint runs with (dockhand service --data-dir DIR)`,
    );
  }
  const store = options.store ?? openStore(dataDir);
  const ownsStore = options.store === undefined;
  const now = options.now ?? (() => new Date());

  function load(rawId: string): JobRecord {
    const id = normalizeJobId(rawId);
    const job = store.getJob(id);
    if (!job) {
      throw new DockError('no-such-job', `No job ${rawId} in ${store.file}; check the id and --data-dir`);
    }
    return job;
  }

  function apply(rawId: string, action: DockAction): JobRecord {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const job = load(rawId);
      const at = now().getTime();
      const decision = decideDockAction(
        {
          jobId: job.id,
          location: job.location,
          progress: effectiveProgress(job, at),
          canceled: job.canceled,
        },
        action,
      );
      if (!decision.ok) throw new DockError(decision.reason, decision.message);
      const c = decision.change;
      const applied = store.applyPatch(
        job,
        {
          location: c.location,
          progress: c.progress,
          errorCount: c.errorCount,
          carrier: c.carrier,
          tracking: c.trackingNumber,
          logBucket: c.setsLog ? job.plannedLogBucket : undefined,
          logKey: c.setsLog ? job.plannedLogKey : undefined,
        },
        at,
        action.kind,
        JSON.stringify(action),
      );
      if (applied) return load(job.id);
    }
    throw new Error(`job ${rawId} kept changing while the dock tried to ${action.kind} it; try again`);
  }

  return {
    receive: (id) => apply(id, { kind: 'receive' }),
    start: (id) => apply(id, { kind: 'start' }),
    finish: (id, progressCode, errorCount = 0) => apply(id, { kind: 'finish', progressCode, errorCount }),
    returnDevice: (id, opts = {}) =>
      apply(id, {
        kind: 'return',
        carrier: opts.carrier ?? DEFAULT_RETURN_CARRIER,
        trackingNumber: opts.trackingNumber ?? generateTrackingNumber(),
      }),
    expire: (id) => apply(id, { kind: 'expire' }),
    history: (id) => store.events(load(id).id),
    close: () => {
      if (ownsStore) store.close();
    },
  };
}
