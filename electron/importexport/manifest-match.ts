/** Is the job the service holds the one we tried to create? Pure comparison of manifests and times. */
import { parse } from 'yaml';
import { isDeepStrictEqual } from 'node:util';
import type { JobType } from '../protocol/api';

/**
 * How far before our request time a job's CreationDate may lie and still be ours: our clock and the
 * service's may differ even after the Date-header correction. Our choice; a second, identical manifest
 * created within this window is taken to be the same job, which is safe because one device is one job
 * (reference 1) and an identical manifest names the same device.
 */
export const CREATE_JOB_LOOKBACK_SKEW_MS = 5 * 60_000;

/** Line endings, trailing spaces and surrounding blank lines do not make a manifest different. */
export function normaliseManifest(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

function parsedYaml(text: string): unknown {
  try {
    // Lenient `key:value` lines are how some users write manifests (reference 2.1); normalise them the same way.
    return parse(text.replace(/^(\s*[A-Za-z0-9_]+):(?=\S)/gm, '$1: '));
  } catch {
    return undefined;
  }
}

export function manifestsMatch(sent: string, held: string): boolean {
  const a = normaliseManifest(sent);
  const b = normaliseManifest(held);
  if (a === b) return true;
  const pa = parsedYaml(a);
  return pa !== undefined && pa !== null && isDeepStrictEqual(pa, parsedYaml(b));
}

export interface CandidateJob {
  JobId: string;
  CreationDate: string;
  IsCanceled: boolean;
  JobType: JobType;
}

export type CandidateVerdict = 'candidate' | 'skip' | 'too-old';

/** Which listed jobs deserve a GetStatus: of the right type, alive, created no earlier than our request. */
export function judgeCandidate(job: CandidateJob, jobType: JobType, sentAtMs: number): CandidateVerdict {
  const created = Date.parse(job.CreationDate);
  if (Number.isFinite(created) && created < sentAtMs - CREATE_JOB_LOOKBACK_SKEW_MS) return 'too-old';
  if (job.IsCanceled || job.JobType !== jobType) return 'skip';
  return 'candidate';
}
