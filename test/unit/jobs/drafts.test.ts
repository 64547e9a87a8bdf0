/** Wizard drafts in the journal's real SQLite file: what a reload, a second tab or a restart gets back. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../electron/sqlite/index';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRAFT_MAX_AGE_MS, openDrafts } from '../../../electron/jobs/drafts';
import { JOURNAL_SCHEMA_VERSION, openJournal } from '../../../electron/jobs/journal';
import type { WizardDraft } from '../../../electron/shared/contract';
import { draftFromJournal, unfinishedJob } from '../../../electron/shared/handlers-wizard';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-drafts-'));
  file = path.join(dir, 'journal.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const ADDRESS = {
  name: 'Ada Lovelace',
  street1: '410 Terry Ave N',
  city: 'Seattle',
  postalCode: '98109',
  phoneNumber: '+1 206 555 0100',
  country: 'US',
};

function draft(patch: Partial<WizardDraft> = {}): WizardDraft {
  return {
    step: 'device',
    jobType: 'Import',
    form: { kind: 's3-import', deviceId: '', bucket: 'photos', returnAddress: ADDRESS },
    source: { mode: 'form' },
    drive: null,
    inventory: null,
    erasedAcknowledged: false,
    replaceConfirmed: null,
    created: null,
    signature: null,
    label: null,
    checklist: [],
    ...patch,
  };
}

describe('wizard drafts in the journal', () => {
  it('keeps each tab its own draft, across closing and reopening the file (an app restart)', () => {
    let tick = Date.parse('2026-11-01T10:00:00Z');
    const a = openDrafts(file, () => new Date((tick += 1000)));
    a.store.save('tab-one-0001', draft({ form: { ...draft().form, bucket: 'first' } }));
    a.store.save('tab-two-0002', draft({ step: 'job', form: { ...draft().form, bucket: 'second' } }));
    a.store.save('tab-one-0001', draft({ step: 'check', form: { ...draft().form, bucket: 'first' } }));
    a.close();

    const b = openDrafts(file);
    expect(b.store.load('tab-one-0001')?.draft).toMatchObject({ step: 'check', form: { bucket: 'first' } });
    expect(b.store.load('tab-two-0002')?.draft).toMatchObject({ step: 'job', form: { bucket: 'second' } });
    expect(b.store.list().map((d) => d.draftId)).toEqual(['tab-one-0001', 'tab-two-0002']);
    b.close();
  });

  it('shares the journal file with the jobs (one migration list) and keeps drafts when the endpoint changes', () => {
    const j = openJournal({ file, endpoint: 'http://127.0.0.1:1234' });
    j.close();
    const d = openDrafts(file);
    d.store.save('draft-0001', draft(), { endpoint: 'http://127.0.0.1:1234' });
    d.close();
    const db = openDatabase(file, { busyTimeoutMs: 1000, readOnly: true });
    expect(db.prepare('PRAGMA user_version').get<{ user_version: number }>()?.user_version).toBe(
      JOURNAL_SCHEMA_VERSION,
    );
    db.close();
    // Another endpoint's journal still sees the draft: drafts are per preparation, not per endpoint.
    const other = openJournal({ file, endpoint: 'https://importexport.example.com' });
    other.close();
    const again = openDrafts(file);
    expect(again.store.load('draft-0001')).toBeDefined();
    again.close();
  });

  it('finds the draft that prepares a job, and discards a finished one', () => {
    const d = openDrafts(file);
    d.store.save(
      'draft-0001',
      draft({ step: 'ship', created: { jobId: 'ABCDE', jobType: 'Import', warning: null, signature: null } }),
    );
    expect(d.store.forJob('ABCDE')?.draftId).toBe('draft-0001');
    expect(d.store.discard('draft-0001')).toBe(true);
    expect(d.store.forJob('ABCDE')).toBeUndefined();
    expect(d.store.discard('draft-0001')).toBe(false);
    d.close();
  });

  it('never stores a manifest secret typed in the YAML editor', () => {
    const d = openDrafts(file);
    d.store.save(
      'draft-0001',
      draft({ source: { mode: 'yaml', text: 'manifestVersion: 2.0\npinCode: 1234\nbucket: photos\n' } }),
    );
    d.close();
    expect(fs.readFileSync(file).includes(Buffer.from('pinCode: 1234'))).toBe(false);
    const again = openDrafts(file);
    const source = again.store.load('draft-0001')?.draft.source;
    expect(source).toEqual({
      mode: 'yaml',
      text: 'manifestVersion: 2.0\npinCode: [redacted]\nbucket: photos\n',
    });
    again.close();
  });

  it('treats a row in a shape it does not know as absent, and forgets drafts untouched for 30 days', () => {
    let now = new Date('2026-11-01T00:00:00Z');
    const d = openDrafts(file, () => now);
    d.store.save('draft-old-01', draft());
    now = new Date(now.getTime() + DRAFT_MAX_AGE_MS + 1000);
    d.store.save('draft-new-01', draft());
    d.close();
    const db = openDatabase(file, { busyTimeoutMs: 1000 });
    db.prepare(`UPDATE drafts SET state = '{"step":42}' WHERE draft_id = 'draft-new-01'`).run();
    db.close();
    const again = openDrafts(file, () => now);
    expect(again.store.load('draft-new-01')).toBeUndefined();
    expect(again.store.list()).toEqual([]);
    expect(again.store.load('draft-old-01')).toBeUndefined();
    again.close();
  });
});

describe('created but unfinished jobs', () => {
  const base = {
    jobId: 'ABCDE',
    endpoint: 'embedded://local',
    jobType: 'Import' as const,
    manifest: 'manifestVersion: 2.0\n',
    createdAt: '2026-11-01T10:00:00.000Z',
    drive: { device: '/dev/sdb', serial: 'WD-1', sizeBytes: 1000, mountpoint: '/mnt/a' },
  };
  const now = new Date('2026-11-02T10:00:00.000Z');

  it('offers a job without SIGNATURE or label, not a finished, shipped, canceled or expired one', () => {
    expect(unfinishedJob(base, now)).toMatchObject({ jobId: 'ABCDE', signatureWritten: false });
    const signed = { ...base, signature: { at: base.createdAt, path: '/mnt/a/SIGNATURE', bytes: 10 } };
    expect(unfinishedJob(signed, now)).toMatchObject({ signatureWritten: true, labelFetched: false });
    expect(unfinishedJob({ ...signed, label: { at: base.createdAt, url: 'u' } }, now)).toBeUndefined();
    const status = (location: 'AtAWS' | 'NotReceived', progress: 'Pending' | 'Canceled') => ({
      location,
      progress,
      errorCount: 0,
      observedAt: base.createdAt,
    });
    expect(unfinishedJob({ ...base, status: status('AtAWS', 'Pending') }, now)).toBeUndefined();
    expect(unfinishedJob({ ...base, status: status('NotReceived', 'Canceled') }, now)).toBeUndefined();
    expect(unfinishedJob(base, new Date('2026-12-15T00:00:00Z'))).toBeUndefined();
  });

  it('builds a draft on the SIGNATURE and label step from the journal, naming the drive by its label', () => {
    const d = draftFromJournal(base, [
      {
        device: '/dev/sdc',
        serial: 'WD-1',
        sizeBytes: 1000,
        label: 'SHIPME',
        displayName: 'SanDisk',
        mountpoints: [{ path: '/mnt/b' }],
      } as never,
    ]);
    expect(d.step).toBe('ship');
    expect(d.created?.jobId).toBe('ABCDE');
    expect(d.drive).toMatchObject({ serial: 'WD-1', label: 'SHIPME', device: '/dev/sdb' });
    expect(d.signature).toBeNull();
  });
});
