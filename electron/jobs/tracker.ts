/**
 * Follows the journal's open jobs with GetStatus until they reach a final state. One loop, never
 * overlapping; each job has its own backoff (quick after a change, slower while nothing happens).
 */
import type { GetStatusOutput } from '../protocol/api';
import { isFinalState, type LocationCode, type ProgressCode } from '../protocol/status-codes';
import type { ImportExportClient } from '../importexport/types';
import type { Journal, JobRecord, StatusObservation, StatusSnapshot } from './journal';

/** First poll interval, and the interval again after any change. */
export const INITIAL_POLL_INTERVAL_MS = 30_000;
/** The interval doubles while nothing changes, up to this. */
export const MAX_POLL_INTERVAL_MS = 30 * 60_000;
export const POLL_BACKOFF_FACTOR = 2;

/**
 * Errors that mean the endpoint will never report on this job again: stop tracking it, say so. Canceled is
 * here because a service may answer GetStatus on a canceled job with it (reference 4.4 lists it) rather
 * than with ProgressCode Canceled, which the embedded endpoint does.
 */
export const LOST_JOB_ERROR_CODES: readonly string[] = [
  'InvalidJobIdException',
  'ExpiredJobIdException',
  'CanceledJobIdException',
];

export interface StatusChange {
  jobId: string;
  /** Null the first time the job is seen. */
  previous: StatusObservation | null;
  current: StatusObservation;
}

export type TrackerEvent =
  | ({ type: 'change' } & StatusChange)
  | { type: 'lost'; jobId: string; code: string; message: string }
  | { type: 'error'; jobId: string; code: string; message: string; retryInMs: number };

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TrackerOptions {
  journal: Journal;
  client: Pick<ImportExportClient, 'getStatus'>;
  onEvent?: (event: TrackerEvent) => void;
  /** Injectable for tests. */
  now?: () => Date;
  sleep?: Sleep;
  initialIntervalMs?: number;
  maxIntervalMs?: number;
  /**
   * When set, run() does not return once every job is final: it checks the journal for new jobs this
   * often (the app's long-lived tracker). Unset, run() returns when nothing is left (the CLI).
   */
  idleCheckMs?: number;
}

interface Schedule {
  dueAtMs: number;
  intervalMs: number;
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Whether the tracker still has something to learn about this job. */
export function isTracked(job: JobRecord, last?: StatusObservation): boolean {
  if (job.lost) return false;
  return !last || !isFinalState(last.location, last.progress);
}

/** The fields of GetStatus worth recording. Codes we do not know are kept as sent (a real service may add some). */
export function snapshotOf(out: GetStatusOutput): StatusSnapshot {
  return {
    location: out.LocationCode as LocationCode,
    progress: out.ProgressCode as ProgressCode,
    ...(out.Carrier ? { carrier: out.Carrier } : {}),
    ...(out.TrackingNumber ? { trackingNumber: out.TrackingNumber } : {}),
    errorCount: Number.isFinite(out.ErrorCount) ? out.ErrorCount : 0,
    ...(out.LogBucket ? { logBucket: out.LogBucket } : {}),
    ...(out.LogKey ? { logKey: out.LogKey } : {}),
  };
}

export function nextInterval(currentMs: number, changed: boolean, initialMs: number, maxMs: number): number {
  return changed ? initialMs : Math.min(currentMs * POLL_BACKOFF_FACTOR, maxMs);
}

export class Tracker {
  private readonly schedules = new Map<string, Schedule>();
  private readonly now: () => Date;
  private readonly sleep: Sleep;
  private readonly initialMs: number;
  private readonly maxMs: number;

  constructor(private readonly options: TrackerOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? realSleep;
    this.initialMs = options.initialIntervalMs ?? INITIAL_POLL_INTERVAL_MS;
    this.maxMs = options.maxIntervalMs ?? MAX_POLL_INTERVAL_MS;
  }

  /** The journal's jobs that are still worth polling. */
  trackedJobs(): JobRecord[] {
    return this.options.journal.listJobs().filter((j) => isTracked(j, j.status));
  }

  /** Polls every tracked job once, in order; returns the changes seen. */
  async pollOnce(): Promise<StatusChange[]> {
    const changes: StatusChange[] = [];
    for (const job of this.trackedJobs()) {
      const change = await this.poll(job.jobId);
      if (change) changes.push(change);
    }
    return changes;
  }

  /**
   * Polls until no tracked job is left or the signal aborts. Jobs created meanwhile (another window, the
   * CLI) are picked up on the next round.
   */
  async run(signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted) {
      const jobs = this.trackedJobs();
      if (jobs.length === 0) {
        if (this.options.idleCheckMs === undefined) return;
        await this.sleep(this.options.idleCheckMs, signal);
        continue;
      }
      const ids = new Set(jobs.map((j) => j.jobId));
      for (const id of this.schedules.keys()) if (!ids.has(id)) this.schedules.delete(id);
      const nowMs = this.now().getTime();
      for (const job of jobs) {
        const s = this.schedules.get(job.jobId) ?? { dueAtMs: nowMs, intervalMs: this.initialMs };
        this.schedules.set(job.jobId, s);
        if (s.dueAtMs <= nowMs && !signal?.aborted) await this.poll(job.jobId);
      }
      const remaining = this.trackedJobs();
      if (signal?.aborted) return;
      if (remaining.length === 0) continue;
      const nextDue = Math.min(
        ...remaining.map((j) => this.schedules.get(j.jobId)?.dueAtMs ?? this.now().getTime()),
      );
      await this.sleep(Math.max(0, nextDue - this.now().getTime()), signal);
    }
  }

  private async poll(jobId: string): Promise<StatusChange | undefined> {
    const { journal, client, onEvent } = this.options;
    const schedule = this.schedules.get(jobId) ?? { dueAtMs: 0, intervalMs: this.initialMs };
    let out: GetStatusOutput;
    try {
      out = await client.getStatus(jobId);
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown };
      const code = typeof e.code === 'string' ? e.code : 'Error';
      const message = typeof e.message === 'string' ? e.message : String(err);
      if (LOST_JOB_ERROR_CODES.includes(code)) {
        journal.markLost(jobId, `${code}: ${message}`);
        this.schedules.delete(jobId);
        onEvent?.({ type: 'lost', jobId, code, message });
        return undefined;
      }
      // Network trouble or a throttled endpoint: this job backs off, the others carry on.
      schedule.intervalMs = nextInterval(schedule.intervalMs, false, this.initialMs, this.maxMs);
      schedule.dueAtMs = this.now().getTime() + schedule.intervalMs;
      this.schedules.set(jobId, schedule);
      onEvent?.({ type: 'error', jobId, code, message, retryInMs: schedule.intervalMs });
      return undefined;
    }
    const previous = journal.lastStatus(jobId) ?? null;
    const observedAt = this.now().toISOString();
    const changed = journal.recordStatus(jobId, snapshotOf(out), observedAt);
    schedule.intervalMs = nextInterval(schedule.intervalMs, changed, this.initialMs, this.maxMs);
    schedule.dueAtMs = this.now().getTime() + schedule.intervalMs;
    this.schedules.set(jobId, schedule);
    if (!changed) return undefined;
    const current = journal.lastStatus(jobId) as StatusObservation;
    const change: StatusChange = { jobId, previous, current };
    onEvent?.({ type: 'change', ...change });
    return change;
  }
}
