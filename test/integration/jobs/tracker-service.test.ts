/** The tracker against the real embedded endpoint, with the receiving dock moving the job along. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../electron/importexport/client';
import { openJournal, recordCreatedJob } from '../../../electron/jobs/journal';
import { Tracker, type TrackerEvent } from '../../../electron/jobs/tracker';
import { openDock } from '../../../electron/service/dock/index';
import { ACCOUNT_A, makeTempDir, manifest, startTestService, type TestService } from '../../helpers/service';

let service: TestService;
let journalDir: string;
beforeAll(async () => {
  service = await startTestService();
  journalDir = await makeTempDir('dockhand-journal-');
});
afterAll(async () => {
  await service.close();
});

describe('tracker with the embedded endpoint', () => {
  it('reports each change once as the dock moves a job to Returned, then stops', async () => {
    const client = createClient({ endpoint: service.url, credentials: ACCOUNT_A });
    const text = manifest('s3-import', ACCOUNT_A);
    const created = await client.createJob({ JobType: 'Import', Manifest: text, ValidateOnly: false });
    const journalFile = path.join(journalDir, 'journal.sqlite');
    recordCreatedJob({
      endpoint: service.url,
      journalFile,
      input: { JobType: 'Import', Manifest: text, ValidateOnly: false },
      output: created,
      kind: 's3-import',
    });

    const dock = openDock(service.dataDir);
    const steps = [
      () => dock.receive(created.JobId),
      () => dock.start(created.JobId),
      () => dock.finish(created.JobId, 'Complete'),
      () => dock.returnDevice(created.JobId, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }),
    ];
    // Every other sleep the dock does one thing, so the tracker also sees polls where nothing changed.
    // The tracker's clock is fake too: each sleep moves it on by what was asked, so backoff costs nothing.
    let sleeps = 0;
    let clockMs = Date.now();
    const now = (): Date => new Date(clockMs);
    const sleep = async (ms: number): Promise<void> => {
      clockMs += ms;
      sleeps++;
      if (sleeps % 2 === 0) steps.shift()?.();
    };
    const journal = openJournal({ file: journalFile, endpoint: service.url });
    const events: TrackerEvent[] = [];
    try {
      await new Tracker({ journal, client, sleep, now, onEvent: (e) => events.push(e) }).run();
      const seen = events.map((e) =>
        e.type === 'change' ? `${e.current.location}/${e.current.progress}` : e.type,
      );
      expect(seen).toEqual([
        'NotReceived/Pending',
        'AtAWS/Pending',
        'AtAWS/InProgress',
        'AtAWS/Complete',
        'Returned/Complete',
      ]);
      const last = events.at(-1);
      expect(last).toMatchObject({
        type: 'change',
        jobId: created.JobId,
        previous: { location: 'AtAWS', progress: 'Complete' },
        current: { location: 'Returned', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' },
      });
      expect(steps).toHaveLength(0);
      expect(journal.jobHistory(created.JobId).statuses).toHaveLength(5);
      // Nothing left to follow: a second run returns at once without calling the endpoint.
      await new Tracker({ journal, client, sleep: async () => expect.fail('no sleep expected') }).run();
    } finally {
      journal.close();
      dock.close();
    }
  });
});
