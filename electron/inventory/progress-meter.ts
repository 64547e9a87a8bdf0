/** Turns raw counters into progress events that never go backwards and arrive at most ~10 times a second. */
import type { InventoryProgress } from './types';

export const PROGRESS_INTERVAL_MS = 100;

export interface ProgressCounters {
  phase: InventoryProgress['phase'];
  filesFound: number;
  filesDone: number;
  filesTotal: number | null;
  bytesDone: number;
  bytesTotal: number | null;
}

export class ProgressMeter {
  private last: InventoryProgress | undefined;
  private lastEmitMs = -Infinity;
  private hashStartMs: number | undefined;

  constructor(
    private readonly emit: ((p: InventoryProgress) => void) | undefined,
    private readonly now: () => number,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  /** Emits when the interval has passed, or always with `force` (phase changes, the end). */
  update(counters: ProgressCounters, force = false): void {
    if (!this.emit) return;
    const t = this.now();
    if (!force && t - this.lastEmitMs < this.intervalMs) return;
    const next = this.next(counters, t);
    if (this.last && !force && sameProgress(this.last, next)) return;
    this.lastEmitMs = t;
    this.last = next;
    this.emit(next);
  }

  private next(c: ProgressCounters, t: number): InventoryProgress {
    const prev = this.last;
    // A file can grow while we read it; never report more than the total, nor less than before.
    const clamp = (v: number, total: number | null, before: number | undefined): number =>
      Math.max(before ?? 0, total === null ? v : Math.min(v, total));
    const phase = prev?.phase === 'hashing' ? 'hashing' : c.phase;
    if (phase === 'hashing' && this.hashStartMs === undefined) this.hashStartMs = t;
    const filesDone = clamp(c.filesDone, c.filesTotal, prev?.filesDone);
    const bytesDone = clamp(c.bytesDone, c.bytesTotal, prev?.bytesDone);
    const elapsedS = this.hashStartMs === undefined ? 0 : (t - this.hashStartMs) / 1000;
    const bytesPerSecond = elapsedS > 0 ? Math.round(bytesDone / elapsedS) : 0;
    const secondsLeft =
      c.bytesTotal === null || bytesPerSecond === 0
        ? bytesDone === c.bytesTotal
          ? 0
          : null
        : Math.ceil((c.bytesTotal - bytesDone) / bytesPerSecond);
    return {
      phase,
      filesFound: Math.max(prev?.filesFound ?? 0, c.filesFound),
      filesDone,
      filesTotal: c.filesTotal ?? prev?.filesTotal ?? null,
      bytesDone,
      bytesTotal: c.bytesTotal ?? prev?.bytesTotal ?? null,
      bytesPerSecond,
      secondsLeft,
    };
  }
}

function sameProgress(a: InventoryProgress, b: InventoryProgress): boolean {
  return (
    a.phase === b.phase &&
    a.filesFound === b.filesFound &&
    a.filesDone === b.filesDone &&
    a.bytesDone === b.bytesDone &&
    a.filesTotal === b.filesTotal &&
    a.bytesTotal === b.bytesTotal
  );
}
