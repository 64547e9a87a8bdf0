/** Dates and permissions the UI derives from a job's record and its last status (reference 1 and 4.4). */
import type { LocationCode, ProgressCode } from '../protocol/status-codes';
import { isFinalState } from '../protocol/status-codes';

/** A job with no device at AWS expires this long after creation [confirmed: "30 days"]. */
export const JOB_EXPIRY_MS = 30 * 24 * 60 * 60 * 1000;

export interface StatusLike {
  location: LocationCode;
  progress: ProgressCode;
}

/** When the job expires if no device arrives; null once the device is at AWS or the job is over. */
export function expiresAt(createdAt: string, status?: StatusLike): Date | null {
  if (status && (status.location !== 'NotReceived' || isFinalState(status.location, status.progress)))
    return null;
  const created = Date.parse(createdAt);
  return Number.isNaN(created) ? null : new Date(created + JOB_EXPIRY_MS);
}

/**
 * Whether UpdateJob and CancelJob can still succeed: before the data transfer starts. The model says
 * cancel fails once the job "has already started"; a later DG lets AWS cancel later (reference 4.4). Our
 * choice is the stricter reading, for both: only while the progress is Pending and the job is not over.
 */
export function canUpdateOrCancel(status?: StatusLike): boolean {
  if (!status) return true;
  return status.progress === 'Pending' && !isFinalState(status.location, status.progress);
}
