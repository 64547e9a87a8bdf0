/**
 * Unauthenticated GETs of artifact and label PDFs. Like S3 pre-signed URLs, the URL itself is the
 * credential: labels use a random UUID, artifacts a random token. That choice is ours (the real
 * service handed out S3 URLs).
 */
import { timingSafeEqual } from 'node:crypto';
import type { ManifestRules } from './manifest-rules';
import { facilityAddressLines } from './pdf/facility-address';
import type { JobStore } from './store';

// The PDF renderers (pdf-lib, bwip-js) are imported when a PDF is asked for, not when the endpoint starts:
// loading them costs more than the rest of the endpoint, and a CLI command that starts the embedded
// endpoint for one GetStatus should not pay for it (issue 10).

export type Download = { kind: 'pdf'; fileName: string; bytes: Uint8Array } | { kind: 'not-found' };

function sameToken(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export async function artifactDownload(
  store: JobStore,
  rules: ManifestRules,
  jobId: string,
  token: string,
): Promise<Download> {
  const job = store.getJob(jobId);
  const artifact = job?.artifacts.find((a) => a.path.startsWith(`/artifacts/${jobId}/signature.pdf?token=`));
  if (!job || !artifact || !sameToken(artifact.path.split('token=')[1] ?? '', token))
    return { kind: 'not-found' };
  const read = rules.readManifest(job.manifest, job.type);
  const { renderArtifactPdf } = await import('./pdf/artifact');
  const bytes = await renderArtifactPdf({
    jobId: job.id,
    jobKind: job.kind,
    signature: job.signature ?? '',
    deviceId: job.deviceId ?? '',
    returnAddress: read.ok ? read.manifest.returnAddress : undefined,
    facilityAddress: facilityAddressLines([job.id]),
  });
  return { kind: 'pdf', fileName: `${job.id}-signature.pdf`, bytes };
}

export async function labelDownload(store: JobStore, labelId: string): Promise<Download> {
  const label = store.getLabel(labelId);
  if (!label) return { kind: 'not-found' };
  const { renderShippingLabelPdf } = await import('./pdf/shipping-label');
  const bytes = await renderShippingLabelPdf({
    jobIds: label.jobIds,
    from: label.address,
    facilityAddress: facilityAddressLines(label.jobIds),
    trackingBarcode: label.tracking,
    // The packing slip names each job's device as its manifest did (it was printed blank before).
    deviceIds: Object.fromEntries(label.jobIds.map((id) => [id, store.getJob(id)?.deviceId ?? ''])),
  });
  return { kind: 'pdf', fileName: `shipping-label-${label.jobIds.join('-')}.pdf`, bytes };
}
