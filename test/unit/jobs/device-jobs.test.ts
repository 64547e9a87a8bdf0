/** Which journal jobs still hold a device: the rule create-job and the app's question rest on. */
import { describe, expect, it } from 'vitest';
import { deviceIdOf, isLive, liveJobsForDevice } from '../../../electron/jobs/device-jobs';
import type { JobListing } from '../../../electron/jobs/journal';
import { manifest } from '../../helpers/service';

const NOW = new Date('2026-11-30T12:00:00Z');
const job = (over: Partial<JobListing> = {}): JobListing => ({
  jobId: 'ABCDE',
  endpoint: 'http://x',
  jobType: 'Import',
  manifest: manifest('s3-import'),
  createdAt: '2026-11-29T12:00:00Z',
  ...over,
});
const status = (location: string, progress: string) =>
  ({ location, progress, errorCount: 0, observedAt: NOW.toISOString() }) as JobListing['status'];

describe('isLive', () => {
  it.each<[string, Partial<JobListing>, boolean]>([
    ['created yesterday, never checked', {}, true],
    ['pending', { status: status('NotReceived', 'Pending') }, true],
    ['at AWS, complete but not back yet', { status: status('AtAWS', 'Complete') }, true],
    ['cancelled', { status: status('NotReceived', 'Canceled') }, false],
    ['returned', { status: status('Returned', 'Complete') }, false],
    ['expired by status', { status: status('NotReceived', 'Expired') }, false],
    ['31 days old without a device', { createdAt: '2026-10-30T11:00:00Z' }, false],
    ['lost by the endpoint', { lost: { at: NOW.toISOString(), reason: 'InvalidJobIdException' } }, false],
  ])('%s: %s', (_n, over, live) => {
    expect(isLive(job(over), NOW)).toBe(live);
  });
});

describe('liveJobsForDevice', () => {
  it("matches the manifest's deviceId, in lenient key:value form too", () => {
    const other = job({ jobId: 'OTHER', manifest: manifest('s3-import', undefined, { deviceId: 'X-2' }) });
    const tight = job({ jobId: 'TIGHT', manifest: 'manifestVersion:2.0\ndeviceId:X-2\n' });
    expect(liveJobsForDevice([job(), other, tight], 'X-2', NOW).map((j) => j.jobId)).toEqual([
      'OTHER',
      'TIGHT',
    ]);
    expect(deviceIdOf('not: [yaml')).toBeUndefined();
  });
});
