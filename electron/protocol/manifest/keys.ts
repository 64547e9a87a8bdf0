/** Object keys and log keys (reference 2.4 key naming, 7 log names). */
import type { JobKind, Manifest, S3ImportManifest } from './types';

/** Placeholder length of a job id when checking logPrefix lengths before the id exists (job ids are 5 characters). */
export const JOB_ID_LENGTH = 5;

/**
 * The key a device file becomes: each substitution replaces every occurrence of its key in the path, in the
 * manifest's order, then `prefix` is prepended as is (no `/` added: `images` + `sample.jpg` → `imagessample.jpg`).
 * Substitutions are applied to the path only, never to the prefix (our reading; the DG is silent).
 */
export function objectKeyFor(
  manifest: Pick<S3ImportManifest, 'prefix' | 'substitutions'>,
  relativePath: string,
): string {
  let path = relativePath;
  for (const [from, to] of Object.entries(manifest.substitutions ?? {})) {
    if (from !== '') path = path.split(from).join(to);
  }
  return (manifest.prefix ?? '') + path;
}

/** `import-log-` for every import kind, `export-log-` for exports. */
export function logNameFor(kind: JobKind, jobId: string): string {
  return `${kind === 's3-export' ? 'export' : 'import'}-log-${jobId}`;
}

/** Where the service writes the job's log: logBucket (S3 import defaults it to `bucket`) and logPrefix + log name. */
export function logLocationFor(manifest: Manifest, jobId: string): { bucket: string; key: string } {
  const bucket = manifest.logBucket ?? (manifest.kind === 's3-import' ? manifest.bucket : '');
  return { bucket, key: (manifest.logPrefix ?? '') + logNameFor(manifest.kind, jobId) };
}
