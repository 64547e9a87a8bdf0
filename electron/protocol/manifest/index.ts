/**
 * The manifest module (contract in ./types.ts): pure, no I/O. Used by the endpoint (CreateJob/UpdateJob
 * validation), the CLI and the desktop UI (lint as typed).
 */
import type { BucketReference, Manifest, ManifestModule } from './types';
import { compileIgnorePatterns, isIgnored } from './ignore';
import { customsRequired } from './customs';
import { formatManifest } from './format';
import { objectKeyFor } from './keys';
import { readManifest } from './read';

export type * from './types';
export { readManifest, decideKind, KNOWN_FIELDS } from './read';
export { formatManifest, yamlScalar } from './format';
export { compileIgnorePatterns, isIgnored, translateJavaRegex } from './ignore';
export type { IgnoreTranslation } from './ignore';
export { objectKeyFor, logNameFor, logLocationFor, JOB_ID_LENGTH } from './keys';
export {
  customsRequired,
  checkCustoms,
  readCustoms,
  regionCountry,
  REGION_COUNTRY,
  CUSTOMS_DEVICE_TYPES,
  CUSTOMS_EXPORT_TYPES,
  CUSTOMS_REQUIRED_FIELDS,
} from './customs';
export {
  validateAddress,
  addressCountry,
  PO_BOX_PATTERN,
  REQUIRED_ADDRESS_FIELDS,
  ADDRESS_FIELDS,
  STATE_REQUIRED_COUNTRIES,
} from './address';
export type { AddressOptions, AddressField } from './address';
export { normalizeCountry, isEuCountry, EU_COUNTRIES } from './countries';
export { MALFORMED_MESSAGE } from './issues';
export { MAX_MANIFEST_CHARS, MAX_NESTING_DEPTH, MAX_ALIAS_COUNT } from './lenient-yaml';
export {
  S3_IMPORT_REQUIRES_ERASE_ACK,
  EXPORT_REQUIRES_ENCRYPTION,
  SERVICE_LEVELS,
  MAX_DEVICE_ID_CHARS,
} from './rules-common';
export { ACLS, EXPORT_FILE_SYSTEMS } from './rules-s3';
export {
  GLACIER_DESTINATION,
  EBS_DESTINATION,
  EBS_CAPACITY_FLAG,
  MAX_ARCHIVE_COMMENT_CHARS,
  MAX_DEVICE_OPERATIONS,
} from './rules-device';
export * from './limits';

/** Every bucket the manifest names, with the field it came from (S3 import's default logBucket is not listed). */
export function bucketsOf(manifest: Manifest): BucketReference[] {
  const out: BucketReference[] = [];
  if (manifest.kind === 's3-import') out.push({ bucket: manifest.bucket, field: 'bucket' });
  if (manifest.kind === 's3-export') {
    manifest.operations.forEach((op, i) =>
      out.push({ bucket: op.exportBucket, field: `operations[${i}].exportBucket` }),
    );
  }
  if (manifest.logBucket !== undefined && manifest.logBucket !== '') {
    out.push({ bucket: manifest.logBucket, field: 'logBucket' });
  }
  return out;
}

/** The whole module as one value, so callers can depend on the ManifestModule interface. */
export const manifestModule: ManifestModule = {
  readManifest,
  bucketsOf,
  formatManifest,
  compileIgnorePatterns,
  isIgnored,
  objectKeyFor,
  customsRequired,
};
