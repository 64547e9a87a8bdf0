import { describe, expect, it, vi } from 'vitest';
import { diffDrives, watchDrives } from '../../../electron/drives/watcher';
import type { Drive, DriveEvent } from '../../../electron/drives/types';
import { makeDrive } from './drive-fixture';

describe('diffDrives', () => {
  const a = makeDrive({ device: '/dev/sdb' });
  const b = makeDrive({ device: '/dev/sdc', serial: 'B' });
  const cases: Array<[string, Drive[], Drive[], string[]]> = [
    ['nothing changed', [a, b], [a, b], []],
    ['a drive plugged in', [a], [a, b], ['added /dev/sdc']],
    ['a drive pulled', [a, b], [b], ['removed /dev/sdb']],
    ['a drive mounted elsewhere', [a], [{ ...a, mountpoints: [{ path: '/mnt' }] }], ['changed /dev/sdb']],
  ];
  it.each(cases)('%s', (_n, prev, next, expected) => {
    expect(diffDrives(prev, next).map((c) => `${c.type} ${c.drive.device}`)).toEqual(expected);
  });
});

/** A fake edge: the list the "OS" shows, changeable by the test. */
function fakeOs(initial: Drive[]) {
  let drives = initial;
  let fingerprint = 0;
  let fullScans = 0;
  return {
    set(next: Drive[]) {
      drives = next;
      fingerprint++;
    },
    list: async () => {
      fullScans++;
      return drives;
    },
    fingerprint: async () => String(fingerprint),
    fullScans: () => fullScans,
  };
}

function nextEvent(events: DriveEvent[], count: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setInterval(() => {
      if (events.length >= count) {
        clearInterval(t);
        resolve();
      }
    }, 2);
  });
}

describe('watchDrives', () => {
  it('reports the initial drives, then plug and unplug, with the full list', async () => {
    const a = makeDrive({ device: '/dev/sdb' });
    const b = makeDrive({ device: '/dev/sdc', serial: 'B' });
    const os = fakeOs([a]);
    const w = watchDrives({ intervalMs: 5, list: os.list, fingerprint: os.fingerprint, watchDevDir: false });
    const events: DriveEvent[] = [];
    w.on((e) => events.push(e));
    expect((await w.ready).map((d) => d.device)).toEqual(['/dev/sdb']);
    os.set([a, b]);
    await nextEvent(events, 2);
    os.set([b]);
    await nextEvent(events, 3);
    await w.stop();
    expect(events.map((e) => `${e.type} ${e.drive.device}`)).toEqual([
      'added /dev/sdb',
      'added /dev/sdc',
      'removed /dev/sdb',
    ]);
    expect(events[1]?.drives.map((d) => d.device)).toEqual(['/dev/sdb', '/dev/sdc']);
  });

  it('skips the full scan while the fingerprint stays the same, until the full-rescan interval', async () => {
    let clock = 0;
    const os = fakeOs([]);
    const w = watchDrives({
      intervalMs: 1,
      fullRescanIntervalMs: 1000,
      now: () => clock,
      list: os.list,
      fingerprint: os.fingerprint,
      watchDevDir: false,
    });
    await w.ready;
    await new Promise((r) => setTimeout(r, 40));
    expect(os.fullScans()).toBe(1);
    clock = 1000;
    await new Promise((r) => setTimeout(r, 40));
    await w.stop();
    expect(os.fullScans()).toBe(2);
  });

  it('never runs two scans at once, even when a scan is slower than the interval', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let scans = 0;
    const w = watchDrives({
      intervalMs: 1,
      fullRescanIntervalMs: 0,
      watchDevDir: false,
      fingerprint: async () => 'same',
      list: async () => {
        inFlight++;
        scans++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
        return [];
      },
    });
    // Wait for several scans rather than a fixed time: on a loaded machine 80 ms held only two (flaky).
    await vi.waitFor(() => expect(scans).toBeGreaterThan(4), { timeout: 10_000, interval: 5 });
    await w.stop();
    expect(maxInFlight).toBe(1);
  });

  it('keeps going after a failed scan and reports the error', async () => {
    let fail = true;
    const errors: Error[] = [];
    const w = watchDrives({
      intervalMs: 1,
      fullRescanIntervalMs: 0,
      watchDevDir: false,
      fingerprint: async () => 'x',
      list: async () => {
        if (fail) {
          fail = false;
          throw new Error('lsblk: timed out');
        }
        return [makeDrive()];
      },
    });
    w.onError((e) => errors.push(e));
    const drives = await w.ready;
    await w.stop();
    expect(errors.map((e) => e.message)).toEqual(['lsblk: timed out']);
    expect(drives).toHaveLength(1);
  });

  it('is an async iterator that ends when stopped', async () => {
    const os = fakeOs([makeDrive()]);
    const w = watchDrives({ intervalMs: 1, list: os.list, fingerprint: os.fingerprint, watchDevDir: false });
    const seen: string[] = [];
    for await (const e of w) {
      seen.push(`${e.type} ${e.drive.device}`);
      void w.stop();
    }
    expect(seen).toEqual(['added /dev/sdb']);
  });
});

describe('watchDrives and device-node events', () => {
  it('scans again at once when a device node appears while a scan is running, not a poll interval later', async () => {
    const a = makeDrive({ device: '/dev/sdb' });
    const os = fakeOs([]);
    let nodesChanged: (() => void) | undefined;
    let scanStarted: (() => void) | undefined;
    let finishScan: (() => void) | undefined;
    const w = watchDrives({
      // A poll far longer than the test may wait: only the event can bring the drive in time.
      intervalMs: 60_000,
      fullRescanIntervalMs: 0,
      fingerprint: os.fingerprint,
      list: async () => {
        const seen = await os.list();
        scanStarted?.();
        await new Promise<void>((resolve) => (finishScan = resolve));
        return seen;
      },
      deviceNodeEvents: (changed) => {
        nodesChanged = changed;
        return () => (nodesChanged = undefined);
      },
    });
    const events: DriveEvent[] = [];
    w.on((e) => events.push(e));
    // The first scan looked before the drive came; the device node appears while it is still running.
    await vi.waitFor(() => expect(finishScan).toBeDefined());
    os.set([a]);
    nodesChanged?.();
    const second = new Promise<void>((resolve) => (scanStarted = resolve));
    finishScan?.();
    await w.ready;
    await second;
    finishScan?.();
    await vi.waitFor(
      () => expect(events.map((e) => `${e.type} ${e.drive.device}`)).toEqual(['added /dev/sdb']),
      {
        timeout: 2_000,
      },
    );
    const stopping = w.stop();
    finishScan?.();
    await stopping;
    expect(nodesChanged).toBeUndefined();
  });
});
