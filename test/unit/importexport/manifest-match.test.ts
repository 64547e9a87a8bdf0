import { describe, expect, it } from 'vitest';
import {
  CREATE_JOB_LOOKBACK_SKEW_MS,
  judgeCandidate,
  manifestsMatch,
} from '../../../electron/importexport/manifest-match';

const M = 'manifestVersion: 2.0\nbucket: b\nreturnAddress:\n  name: Jane\n';

describe('manifestsMatch', () => {
  it.each([
    ['identical text', M, true],
    ['CRLF line endings', M.replace(/\n/g, '\r\n'), true],
    ['trailing spaces and blank lines', M.replace(/\n/g, '  \n') + '\n\n', true],
    ['lenient key:value written out', M.replace('bucket: b', 'bucket:b'), true],
    ['reordered keys', 'bucket: b\nmanifestVersion: 2.0\nreturnAddress:\n  name: Jane\n', true],
    ['a different bucket', M.replace('bucket: b', 'bucket: c'), false],
    ['a different nested value', M.replace('Jane', 'John'), false],
  ])('%s: %s', (_n, held, expected) => {
    expect(manifestsMatch(M, held)).toBe(expected);
  });
});

describe('judgeCandidate', () => {
  const sent = Date.parse('2024-05-01T12:00:00Z');
  const job = {
    JobId: 'AAAAA',
    CreationDate: '2024-05-01T12:00:01Z',
    IsCanceled: false,
    JobType: 'Import' as const,
  };
  it.each([
    ['created after the request', job, 'candidate'],
    ['created slightly before (clock skew)', { ...job, CreationDate: '2024-05-01T11:58:00Z' }, 'candidate'],
    [
      'created well before the request',
      { ...job, CreationDate: new Date(sent - CREATE_JOB_LOOKBACK_SKEW_MS - 1000).toISOString() },
      'too-old',
    ],
    ['of the other job type', { ...job, JobType: 'Export' as const }, 'skip'],
    ['canceled', { ...job, IsCanceled: true }, 'skip'],
  ])('%s', (_n, j, verdict) => {
    expect(judgeCandidate(j, 'Import', sent)).toBe(verdict);
  });
});
