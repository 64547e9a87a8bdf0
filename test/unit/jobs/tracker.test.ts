import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GetStatusOutput } from '../../../electron/protocol/api';
import { canUpdateOrCancel, expiresAt, JOB_EXPIRY_MS } from '../../../electron/jobs/deadlines';
import { openJournal, type Journal } from '../../../electron/jobs/journal';
import {
  INITIAL_POLL_INTERVAL_MS,
  MAX_POLL_INTERVAL_MS,
  nextInterval,
  Tracker,
  type TrackerEvent,
} from '../../../electron/jobs/tracker';

let dir: string;
let journal: Journal;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-tracker-'));
  journal = openJournal({ file: path.join(dir, 'j.sqlite'), endpoint: 'http://127.0.0.1:1' });
});
afterEach(() => {
  journal.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function status(
  jobId: string,
  location: string,
  progress: string,
  extra: Partial<GetStatusOutput> = {},
): GetStatusOutput {
  return {
    JobId: jobId,
    JobType: 'Import',
    LocationCode: location,
    LocationMessage: '',
    ProgressCode: progress,
    ProgressMessage: '',
    ErrorCount: 0,
    CurrentManifest: '',
    CreationDate: '2026-01-01T00:00:00Z',
    ArtifactList: [],
    ...extra,
  };
}

/** A fake clock whose sleep just moves time on: the loop runs at full speed. */
function clock() {
  let t = Date.parse('2026-01-01T00:00:00Z');
  const sleeps: number[] = [];
  return {
    now: () => new Date(t),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

describe('nextInterval', () => {
  it.each([
    [INITIAL_POLL_INTERVAL_MS, false, 60_000],
    [60_000, true, INITIAL_POLL_INTERVAL_MS],
    [MAX_POLL_INTERVAL_MS, false, MAX_POLL_INTERVAL_MS],
    [20 * 60_000, false, MAX_POLL_INTERVAL_MS],
  ])('%d ms, changed=%s -> %d ms', (current, changed, next) => {
    expect(nextInterval(current, changed, INITIAL_POLL_INTERVAL_MS, MAX_POLL_INTERVAL_MS)).toBe(next);
  });
});

describe('Tracker', () => {
  it('backs off while nothing changes, resets on a change, stops at a final state', async () => {
    journal.recordJob({ jobId: 'AAAAA', jobType: 'Import', manifest: 'x' });
    const c = clock();
    const script = [
      ...Array<string>(4).fill('NotReceived/Pending'),
      'AtAWS/Pending',
      'AtAWS/Pending',
      'Returned/Complete',
    ];
    let calls = 0;
    const events: TrackerEvent[] = [];
    const tracker = new Tracker({
      journal,
      client: {
        getStatus: async (id) => {
          const [l, p] = (script[Math.min(calls++, script.length - 1)] as string).split('/') as [
            string,
            string,
          ];
          return status(id, l, p, l === 'Returned' ? { Carrier: 'UPS', TrackingNumber: '1Z1' } : {});
        },
      },
      onEvent: (e) => events.push(e),
      now: c.now,
      sleep: c.sleep,
    });
    await tracker.run();
    expect(calls).toBe(script.length);
    // The first sighting counts as a change (30 s), then doubling, reset by AtAWS.
    expect(c.sleeps).toEqual([30_000, 60_000, 120_000, 240_000, 30_000, 60_000]);
    const changes = events.filter((e) => e.type === 'change');
    expect(changes.map((e) => [e.previous?.location ?? null, e.current.location])).toEqual([
      [null, 'NotReceived'],
      ['NotReceived', 'AtAWS'],
      ['AtAWS', 'Returned'],
    ]);
    expect(changes[2]?.current).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z1' });
    expect(tracker.trackedJobs()).toEqual([]);
  });

  it('marks a job the endpoint does not know as lost and keeps tracking the others', async () => {
    journal.recordJob({
      jobId: 'GONE1',
      jobType: 'Import',
      manifest: 'x',
      createdAt: '2026-01-01T00:00:00Z',
    });
    journal.recordJob({
      jobId: 'LIVE1',
      jobType: 'Import',
      manifest: 'x',
      createdAt: '2026-01-02T00:00:00Z',
    });
    const events: TrackerEvent[] = [];
    const tracker = new Tracker({
      journal,
      client: {
        getStatus: async (id) => {
          if (id === 'GONE1') {
            throw Object.assign(new Error('No such job GONE1 for your account'), {
              code: 'InvalidJobIdException',
            });
          }
          return status(id, 'NotReceived', 'Pending');
        },
      },
      onEvent: (e) => events.push(e),
    });
    const changes = await tracker.pollOnce();
    expect(changes.map((c) => c.jobId)).toEqual(['LIVE1']);
    expect(events.find((e) => e.type === 'lost')).toMatchObject({
      jobId: 'GONE1',
      code: 'InvalidJobIdException',
    });
    expect(journal.getJob('GONE1')?.lost?.reason).toContain('No such job GONE1');
    expect(tracker.trackedJobs().map((j) => j.jobId)).toEqual(['LIVE1']);
  });

  it('backs off one job on network errors without stopping', async () => {
    journal.recordJob({ jobId: 'FLAKY', jobType: 'Import', manifest: 'x' });
    const c = clock();
    let calls = 0;
    const events: TrackerEvent[] = [];
    const tracker = new Tracker({
      journal,
      client: {
        getStatus: async (id) => {
          calls++;
          if (calls <= 2) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'NetworkError' });
          return status(id, 'Returned', 'Complete');
        },
      },
      onEvent: (e) => events.push(e),
      now: c.now,
      sleep: c.sleep,
    });
    await tracker.run();
    expect(events.map((e) => e.type)).toEqual(['error', 'error', 'change']);
    expect(events[0]).toMatchObject({ code: 'NetworkError', retryInMs: 60_000 });
    expect(c.sleeps).toEqual([60_000, 120_000]);
  });

  it('with idleCheckMs, waits for new jobs instead of returning', async () => {
    const c = clock();
    const controller = new AbortController();
    const seen: string[] = [];
    let idleSleeps = 0;
    const tracker = new Tracker({
      journal,
      client: { getStatus: async (id) => status(id, 'Returned', 'Complete') },
      onEvent: (e) => {
        if (e.type === 'change') seen.push(e.jobId);
      },
      now: c.now,
      idleCheckMs: 60_000,
      sleep: async (ms) => {
        await c.sleep(ms);
        idleSleeps++;
        // A job appears while the tracker idles; once it is done, stop.
        if (idleSleeps === 2) journal.recordJob({ jobId: 'LATE1', jobType: 'Import', manifest: 'x' });
        if (idleSleeps === 4) controller.abort();
      },
    });
    await tracker.run(controller.signal);
    expect(seen).toEqual(['LATE1']);
    expect(c.sleeps.every((ms) => ms === 60_000)).toBe(true);
  });

  it('stops when aborted', async () => {
    journal.recordJob({ jobId: 'SLOW1', jobType: 'Import', manifest: 'x' });
    const controller = new AbortController();
    const tracker = new Tracker({
      journal,
      client: { getStatus: async (id) => status(id, 'NotReceived', 'Pending') },
      sleep: async () => controller.abort(),
    });
    await tracker.run(controller.signal);
    expect(journal.jobHistory('SLOW1').statuses).toHaveLength(1);
  });
});

describe('deadlines', () => {
  const created = '2026-01-01T00:00:00.000Z';
  it.each([
    ['no status yet', undefined, new Date(Date.parse(created) + JOB_EXPIRY_MS)],
    [
      'not received',
      { location: 'NotReceived', progress: 'Pending' },
      new Date(Date.parse(created) + JOB_EXPIRY_MS),
    ],
    ['at AWS', { location: 'AtAWS', progress: 'Pending' }, null],
    ['canceled', { location: 'NotReceived', progress: 'Canceled' }, null],
    ['expired', { location: 'NotReceived', progress: 'Expired' }, null],
  ] as const)('expiresAt: %s', (_n, s, expected) => {
    expect(expiresAt(created, s)).toEqual(expected);
  });
  it('expires 30 days after creation', () => {
    expect(expiresAt(created)?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });

  it.each([
    [undefined, true],
    [{ location: 'NotReceived', progress: 'Pending' }, true],
    [{ location: 'AtAWS', progress: 'Pending' }, true],
    [{ location: 'AtAWS', progress: 'InProgress' }, false],
    [{ location: 'AtAWS', progress: 'Complete' }, false],
    [{ location: 'NotReceived', progress: 'Canceled' }, false],
    [{ location: 'Returned', progress: 'MissingSignature' }, false],
  ] as const)('canUpdateOrCancel(%j) = %s', (s, expected) => {
    expect(canUpdateOrCancel(s)).toBe(expected);
  });
});
