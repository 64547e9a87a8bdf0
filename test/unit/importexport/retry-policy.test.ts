import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffDelayMs,
  createJobOutcomeUnknown,
  isRetryable,
} from '../../../electron/importexport/retry-policy';
import { ImportExportError, NetworkError, TimeoutError } from '../../../electron/importexport/errors';

const svc = (code: string, httpStatus: number, retryable = httpStatus >= 500) =>
  new ImportExportError({ code, message: code, requestId: 'r', httpStatus, retryable });

describe('backoffDelayMs (full jitter)', () => {
  it.each([
    [1, 0.999, 99],
    [2, 0.999, 199],
    [3, 0.5, 200],
    [20, 0.999, BACKOFF_CAP_MS - 5],
    [1, 0, 0],
  ])('attempt %i with random %f waits %i ms', (attempt, r, ms) => {
    expect(backoffDelayMs(attempt, () => r)).toBe(ms);
  });
});

describe('which failures are retried', () => {
  it.each([
    ['a network error', new NetworkError('x', true), true],
    ['a timeout', new TimeoutError('x', 10), true],
    ['a 500', svc('InternalFailure', 500), true],
    ['Throttling', svc('Throttling', 400, true), true],
    ['InvalidJobIdException', svc('InvalidJobIdException', 400), false],
    ['a plain Error', new Error('bug'), false],
  ])('%s: %s', (_n, err, expected) => {
    expect(isRetryable(err)).toBe(expected);
  });
});

describe('when CreateJob may have created a job anyway', () => {
  it.each([
    ['connection refused (never sent)', new NetworkError('x', false), false],
    ['connection dropped after sending', new NetworkError('x', true), true],
    ['a timeout', new TimeoutError('x', 10), true],
    ['a 500 answer', svc('InternalFailure', 500), true],
    ['Throttling (rejected outright)', svc('Throttling', 400, true), false],
    ['a manifest error', svc('MissingManifestFieldException', 400), false],
    ['an unreadable 200', svc('InvalidResponse', 200), true],
  ])('%s: %s', (_n, err, expected) => {
    expect(createJobOutcomeUnknown(err)).toBe(expected);
  });
});
