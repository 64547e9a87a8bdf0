/** When to try again and how long to wait: pure functions over an attempt's outcome. */
import { ImportExportError, NetworkError, TimeoutError } from './errors';

/** Our choice (the service publishes no retry guidance): a slow USB-tethered office link should still fit. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Attempts for retryable failures, the first included; the AWS SDKs' default for standard mode. */
export const DEFAULT_MAX_ATTEMPTS = 4;
/** Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export const BACKOFF_BASE_MS = 100;
export const BACKOFF_CAP_MS = 5_000;

/** Error codes the service may answer with when a later identical request can succeed. */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
]);

export function isRetryableResponse(httpStatus: number, code: string): boolean {
  return httpStatus >= 500 || RETRYABLE_ERROR_CODES.has(code);
}

/** Wait before attempt `attempt + 1` (attempt is 1-based): uniform in [0, min(cap, base * 2^(attempt-1))). */
export function backoffDelayMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError || err instanceof TimeoutError) return true;
  if (err instanceof ImportExportError) return err.retryable;
  return false;
}

/**
 * Whether a failed CreateJob may have created a job anyway. A clear 4xx answer or a connection that never
 * opened means no job exists; a timeout, a dropped connection or a 5xx leaves it unknown.
 */
export function createJobOutcomeUnknown(err: unknown): boolean {
  if (err instanceof TimeoutError) return true;
  if (err instanceof NetworkError) return err.sent;
  if (err instanceof ImportExportError) return err.httpStatus >= 500 || err.code === 'InvalidResponse';
  return false;
}
