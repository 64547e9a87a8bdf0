/** The manifest checks the endpoint applies, from protocol/manifest, behind one small interface. */
import type { JobType, ShippingAddress } from '../protocol/api';
import {
  bucketsOf,
  checkCustoms,
  readManifest,
  validateAddress,
  type BucketReference,
  type Manifest,
  type ManifestIssue,
  type ManifestReadResult,
} from '../protocol/manifest';

export interface ManifestRules {
  readManifest(text: string, jobType?: JobType): ManifestReadResult;
  bucketsOf(manifest: Manifest): BucketReference[];
  /** The first customs problem for a manifest whose buckets live in `bucketRegion`, if any. */
  checkCustoms(manifest: Manifest, bucketRegion: string): ManifestIssue | undefined;
  /** The first problem with a GetShippingLabel sender address, if any. */
  validateAddress(address: ShippingAddress): ManifestIssue | undefined;
}

function firstError(issues: readonly ManifestIssue[]): ManifestIssue | undefined {
  return issues.find((i) => i.severity === 'error');
}

export const manifestRules: ManifestRules = {
  readManifest,
  bucketsOf,
  checkCustoms: (manifest, region) => firstError(checkCustoms(manifest, region)),
  // The label tool prompts for company as required (reference 8.3), unlike a manifest's returnAddress.
  validateAddress: (address) => firstError(validateAddress(address, '', { requireCompany: true })),
};
