/**
 * One device, one live job: which jobs in the journal still hold a device, so a second job for the same
 * deviceId is a decision the person makes (the CLI's --allow-duplicate-device, the app's question), not an
 * accident of running create-job twice.
 */
import { readLenientYaml } from '../protocol/manifest/lenient-yaml';
import { isFinalState, isLocationCode, isProgressCode } from '../protocol/status-codes';
import { expiresAt } from './deadlines';
import type { JobListing } from './journal';

/** The deviceId a stored manifest names (redacted manifests still carry it), if it can be read. */
export function deviceIdOf(manifest: string): string | undefined {
  const read = readLenientYaml(manifest);
  if (!read.ok || !read.value || typeof read.value !== 'object') return undefined;
  const v = (read.value as Record<string, unknown>).deviceId;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * Live: the endpoint still knows the job, it is not cancelled, returned or expired by its last status, and
 * it has not passed its 30-day expiry without a device.
 */
export function isLive(job: JobListing, now: Date = new Date()): boolean {
  if (job.lost) return false;
  const s = job.status;
  if (s && isLocationCode(s.location) && isProgressCode(s.progress) && isFinalState(s.location, s.progress)) {
    return false;
  }
  const expiry = expiresAt(job.createdAt, s);
  return expiry === null || expiry.getTime() > now.getTime();
}

/** The journal's live jobs for this deviceId, newest first (as the journal lists them). */
export function liveJobsForDevice(
  jobs: readonly JobListing[],
  deviceId: string,
  now: Date = new Date(),
): JobListing[] {
  const wanted = deviceId.trim();
  return jobs.filter((j) => isLive(j, now) && deviceIdOf(j.manifest) === wanted);
}

/** "ABCDE (created 2026-11-30T10:00:00Z, NotReceived/Pending)" for messages. */
export function describeJob(job: JobListing): string {
  const status = job.status ? `${job.status.location}/${job.status.progress}` : 'status not checked yet';
  return `${job.jobId} (created ${job.createdAt}, ${status})`;
}
