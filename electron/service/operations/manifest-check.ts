/** The manifest checks CreateJob and UpdateJob share, in the order the first failure is reported. */
import type { JobType } from '../../protocol/api';
import { logKeyFor } from '../../protocol/log-report';
import { computeJobSignature } from '../../protocol/signature-file';
import type { JobKind, Manifest } from '../../protocol/manifest/types';
import { isS3Kind } from '../job-view';
import type { StoredArtifact } from '../store';
import { OperationError, type OperationContext } from './context';
import { randomBytes } from 'node:crypto';

export const ARTIFACT_DESCRIPTION = 'Signature barcode PDF';

export interface CheckedManifest {
  manifest: Manifest;
  kind: JobKind;
  /** Warnings joined for WarningMessage, if any. */
  warning?: string;
}

export function jobTypeOfKind(kind: JobKind): JobType {
  return kind === 's3-export' ? 'Export' : 'Import';
}

export function checkManifest(ctx: OperationContext, text: string, jobType: JobType): CheckedManifest {
  const read = ctx.rules.readManifest(text, jobType);
  if (!read.ok) {
    const first = read.issues.find((i) => i.severity === 'error') ?? read.issues[0];
    throw new OperationError(
      first?.code ?? 'MalformedManifestException',
      first?.message ?? 'Your manifest is not well-formed',
    );
  }
  const manifest = read.manifest;
  if (jobTypeOfKind(manifest.kind) !== jobType) {
    throw new OperationError(
      'InvalidParameterException',
      `JobType ${jobType} does not match the manifest, which describes an ${manifest.kind} job (JobType ${jobTypeOfKind(manifest.kind)})`,
    );
  }
  if (manifest.accessKeyId !== ctx.account.accessKeyId) {
    throw new OperationError(
      'InvalidAccessKeyIdException',
      `The manifest's accessKeyId ${manifest.accessKeyId} is not the access key that signed the request; ` +
        'put your own access key id in the manifest',
    );
  }
  const regions = new Map<string, string>();
  for (const ref of ctx.rules.bucketsOf(manifest)) {
    const owner = ctx.buckets.get(ref.bucket);
    if (!owner) {
      throw new OperationError(
        'NoSuchBucketException',
        `The bucket ${ref.bucket} named in ${ref.field} does not exist; create it or fix ${ref.field}`,
      );
    }
    if (owner.account !== ctx.account.accessKeyId) {
      throw new OperationError(
        'BucketPermissionException',
        `You do not have permission to use the bucket ${ref.bucket} named in ${ref.field}`,
      );
    }
    if (!regions.has(owner.region)) regions.set(owner.region, ref.field);
  }
  if (manifest.kind === 'ebs-import' || manifest.kind === 'glacier-import') {
    // The device's data lands in operations[].region; it counts as one of the job's regions.
    manifest.operations.forEach((op, i) => {
      if (op.region && !regions.has(op.region)) regions.set(op.region, `operations[${i}].region`);
    });
  }
  if (regions.size > 1) {
    const list = [...regions].map(([region, field]) => `${field} in ${region}`).join(', ');
    throw new OperationError(
      'MultipleRegionsException',
      `The buckets in a manifest must all be in one region; found ${list}`,
    );
  }
  const region = [...regions.keys()][0];
  if (region !== undefined) {
    const customs = ctx.rules.checkCustoms(manifest, region);
    if (customs) throw new OperationError(customs.code, customs.message);
  }
  const warnings = read.warnings.map((w) => w.message);
  return { manifest, kind: manifest.kind, warning: warnings.length > 0 ? warnings.join(' ') : undefined };
}

/** What a job stores from its manifest: the log target, the signature and, for EBS and Glacier, the PDF artifact. */
export function jobFieldsFor(ctx: OperationContext, jobId: string, checked: CheckedManifest, text: string) {
  const m = checked.manifest;
  const plannedLogBucket = m.logBucket ?? (m.kind === 's3-import' ? m.bucket : null);
  const plannedLogKey = logKeyFor(m.kind === 's3-export' ? 'export' : 'import', jobId, m.logPrefix ?? '');
  const signature = computeJobSignature(ctx.endpointSecret, jobId, text);
  const artifacts: StoredArtifact[] = isS3Kind(checked.kind)
    ? []
    : [
        {
          description: ARTIFACT_DESCRIPTION,
          // The download is unauthenticated (like a pre-signed S3 URL), so the token makes it unguessable.
          path: `/artifacts/${jobId}/signature.pdf?token=${randomBytes(16).toString('hex')}`,
        },
      ];
  return {
    kind: checked.kind,
    deviceId: m.deviceId ?? null,
    plannedLogBucket,
    plannedLogKey,
    signature,
    artifacts,
  };
}
