import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type JobStore, type NewJob } from '../../../../electron/service/store';
import { utcDayBounds } from '../../../../electron/service/operations/context';

let dir: string;
let store: JobStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-store-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function job(id: string, createdAt: number, account = 'AKIAONE'): NewJob {
  return {
    id,
    account,
    type: 'Import',
    kind: 's3-import',
    manifest: `manifestVersion: 2.0\n# ${id}\n`,
    deviceId: id,
    createdAt,
    plannedLogBucket: 'b',
    plannedLogKey: `import-log-${id}`,
    signature: 'sig',
    artifacts: [],
  };
}

describe('ListJobs keyset pagination', () => {
  it('walks newest first, breaking equal timestamps by insertion order, with exclusive markers', () => {
    const t = Date.UTC(2024, 0, 1);
    // Three jobs share one timestamp; insertion order decides among them (newest insert first).
    store.insertJobsBulk([
      job('AAAA1', t),
      job('AAAA2', t + 1000),
      job('AAAA3', t + 1000),
      job('AAAA4', t + 1000),
      job('AAAA5', t + 2000),
    ]);
    store.insertJobsBulk([job('BBBB1', t + 5000, 'AKIATWO')]);
    const seen: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = store.listJobs('AKIAONE', 2, marker);
      expect(page).toBeDefined();
      if (!page) break;
      seen.push(...page.jobs.map((j) => j.id));
      if (!page.isTruncated) break;
      marker = page.jobs.at(-1)?.id;
    }
    expect(seen).toEqual(['AAAA5', 'AAAA4', 'AAAA3', 'AAAA2', 'AAAA1']);
  });

  it('says IsTruncated only when more jobs remain', () => {
    store.insertJobsBulk([job('AAAA1', 1), job('AAAA2', 2)]);
    expect(store.listJobs('AKIAONE', 2)?.isTruncated).toBe(false);
    expect(store.listJobs('AKIAONE', 1)?.isTruncated).toBe(true);
    expect(store.listJobs('AKIAONE', 0)).toEqual({ jobs: [], isTruncated: true });
  });

  it("refuses a marker that is not one of the account's jobs", () => {
    store.insertJobsBulk([job('AAAA1', 1), job('BBBB1', 1, 'AKIATWO')]);
    expect(store.listJobs('AKIAONE', 10, 'BBBB1')).toBeUndefined();
    expect(store.listJobs('AKIAONE', 10, 'ZZZZZ')).toBeUndefined();
  });

  it('uses the (account, created_at, seq) index for a marker page', () => {
    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM jobs WHERE account = ? AND (created_at, seq) < (?, ?)
         ORDER BY created_at DESC, seq DESC LIMIT ?`,
      )
      .all('A', 1, 1, 10) as Array<{ detail: string }>;
    const text = plan.map((p) => p.detail).join('\n');
    expect(text).toContain('jobs_by_account_created');
    expect(text).not.toContain('TEMP B-TREE');
  });
});

describe('daily quota count', () => {
  it('counts per UTC calendar day, with the boundary at 00:00 UTC', () => {
    const midnight = Date.UTC(2024, 2, 10);
    store.insertJobsBulk([
      job('AAAA1', midnight - 1),
      job('AAAA2', midnight),
      job('AAAA3', midnight + 1),
      job('BBBB1', midnight, 'AKIATWO'),
    ]);
    const day = utcDayBounds(new Date(midnight + 12 * 3600_000));
    expect(store.countCreated('AKIAONE', day.fromMs, day.toMs)).toBe(2);
    const before = utcDayBounds(new Date(midnight - 1));
    expect(store.countCreated('AKIAONE', before.fromMs, before.toMs)).toBe(1);
  });

  it('refuses the create past the limit inside one transaction', () => {
    const now = Date.UTC(2024, 2, 10, 8);
    const quota = { account: 'AKIAONE', limit: 2, ...utcDayBounds(new Date(now)) };
    let n = 0;
    const next = () => `QQQQ${++n}`;
    expect(store.createJob((id) => job(id, now), next, quota).ok).toBe(true);
    expect(store.createJob((id) => job(id, now), next, quota).ok).toBe(true);
    expect(store.createJob((id) => job(id, now), next, quota)).toEqual({ ok: false, reason: 'quota' });
  });

  it('retries a colliding job id', () => {
    store.insertJobsBulk([job('AAAA1', 1)]);
    const ids = ['AAAA1', 'AAAA1', 'AAAA2'];
    const out = store.createJob(
      (id) => job(id, 2),
      () => ids.shift() as string,
    );
    expect(out.ok && out.job.id).toBe('AAAA2');
  });
});

describe('state changes', () => {
  it('applies a patch only from the state it was decided on, and records it', () => {
    store.insertJobsBulk([job('AAAA1', 1)]);
    const j = store.getJob('AAAA1');
    if (!j) throw new Error('job missing');
    expect(store.applyPatch(j, { location: 'AtAWS' }, 10, 'receive')).toBe(true);
    // A second writer holding the old state loses, rather than overwriting.
    expect(store.applyPatch(j, { progress: 'Canceled', canceled: true }, 11, 'cancel')).toBe(false);
    expect(store.getJob('AAAA1')).toMatchObject({ location: 'AtAWS', progress: 'Pending', canceled: false });
    expect(store.events('AAAA1')).toEqual([
      { at: 10, action: 'receive', location: 'AtAWS', progress: 'Pending', detail: null },
    ]);
  });

  it('reopens an existing store (migrations are idempotent) and keeps the data', () => {
    store.insertJobsBulk([job('AAAA1', 1)]);
    store.close();
    store = openStore(dir);
    expect(store.getJob('AAAA1')?.deviceId).toBe('AAAA1');
    expect(store.db.pragma('journal_mode')).toBe('wal');
    expect(store.db.pragma('synchronous')).toBe(2);
  });
});
