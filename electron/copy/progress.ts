/** Copy progress per phase: never goes back within a phase, at most ~10 events a second, speed and time left. */
import type { CopyPhase, CopyProgress } from './types';

export const COPY_PROGRESS_INTERVAL_MS = 100;

export class CopyMeter {
  private phase: CopyPhase | undefined;
  private phaseStartMs = 0;
  private last: CopyProgress | undefined;
  private lastEmitMs = -Infinity;

  constructor(
    private readonly emit: ((p: CopyProgress) => void) | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  update(
    phase: CopyPhase,
    c: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number },
    force = false,
  ): void {
    if (!this.emit) return;
    const t = this.now();
    if (phase !== this.phase) {
      this.phase = phase;
      this.phaseStartMs = t;
      this.last = undefined;
      force = true;
    }
    if (!force && t - this.lastEmitMs < COPY_PROGRESS_INTERVAL_MS) return;
    const prev = this.last;
    const filesDone = Math.max(prev?.filesDone ?? 0, Math.min(c.filesDone, c.filesTotal));
    const bytesDone = Math.max(prev?.bytesDone ?? 0, Math.min(c.bytesDone, c.bytesTotal));
    const elapsedS = (t - this.phaseStartMs) / 1000;
    const bytesPerSecond = elapsedS > 0 ? Math.round(bytesDone / elapsedS) : 0;
    const secondsLeft =
      bytesDone >= c.bytesTotal
        ? 0
        : bytesPerSecond > 0
          ? Math.ceil((c.bytesTotal - bytesDone) / bytesPerSecond)
          : null;
    const next: CopyProgress = {
      phase,
      filesDone,
      filesTotal: c.filesTotal,
      bytesDone,
      bytesTotal: c.bytesTotal,
      bytesPerSecond,
      secondsLeft,
    };
    this.last = next;
    this.lastEmitMs = t;
    this.emit(next);
  }
}
