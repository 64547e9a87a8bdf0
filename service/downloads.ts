/**
 * Unauthenticated GETs of artifact and label PDFs. Like S3 pre-signed URLs, the URL itself is the
 * credential: labels use a random UUID, artifacts a random token. That choice is ours (the real
 * service handed out S3 URLs).
 */
import { timingSafeEqual } from 'node:crypto';
import type { JobKind, ReturnAddress } from '../protocol/manifest/types';
import { FACILITY_ADDRESS_LINES, awsShippingAddress } from './job-view';
import type { ManifestRules } from './manifest-rules';
import type { JobStore } from './store';

export type Download =
  | { kind: 'pdf'; fileName: string; bytes: Uint8Array }
  | { kind: 'not-found' }
  | { kind: 'unavailable'; message: string };

interface ArtifactPdfInput {
  jobId: string;
  jobKind: JobKind;
  signature: string;
  deviceId: string;
  returnAddress: ReturnAddress | undefined;
  facilityAddress: string;
}
interface LabelPdfInput {
  jobIds: string[];
  from: Record<string, string>;
  facilityAddress: string;
  trackingBarcode: string;
}

type Renderer<T> = (input: T) => Promise<Uint8Array>;

async function loadRenderer<T>(specifier: string, name: string): Promise<Renderer<T> | undefined> {
  try {
    const mod = (await import(specifier)) as Record<string, unknown>;
    const fn = mod[name];
    return typeof fn === 'function' ? (fn as Renderer<T>) : undefined;
  } catch {
    return undefined;
  }
}

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
  const render = await loadRenderer<ArtifactPdfInput>('./pdf/artifact', 'renderArtifactPdf');
  if (!render) return { kind: 'unavailable', message: 'Signature PDFs cannot be rendered by this build' };
  const read = rules.readManifest(job.manifest, job.type);
  const bytes = await render({
    jobId: job.id,
    jobKind: job.kind,
    signature: job.signature ?? '',
    deviceId: job.deviceId ?? '',
    returnAddress: read.ok ? read.manifest.returnAddress : undefined,
    facilityAddress: awsShippingAddress(job.id),
  });
  return { kind: 'pdf', fileName: `${job.id}-signature.pdf`, bytes };
}

export async function labelDownload(store: JobStore, labelId: string): Promise<Download> {
  const label = store.getLabel(labelId);
  if (!label) return { kind: 'not-found' };
  const render = await loadRenderer<LabelPdfInput>('./pdf/shipping-label', 'renderShippingLabelPdf');
  if (!render) return { kind: 'unavailable', message: 'Shipping labels cannot be rendered by this build' };
  const bytes = await render({
    jobIds: label.jobIds,
    from: label.address,
    facilityAddress: FACILITY_ADDRESS_LINES.join('\n'),
    trackingBarcode: label.tracking,
  });
  return { kind: 'pdf', fileName: `shipping-label-${label.jobIds.join('-')}.pdf`, bytes };
}
