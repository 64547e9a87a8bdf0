/**
 * The manifest contract shared by the endpoint (validation), the client (lint as typed, preflight) and the UI.
 * Implementation lives beside this file; this file is the agreed surface.
 */
import type { JobType } from '../api';

/** Which of the four job kinds a manifest describes (reference section 0: decided from manifestVersion + operations). */
export type JobKind = 's3-import' | 's3-export' | 'ebs-import' | 'glacier-import';

export type ManifestIssueCode =
  | 'MalformedManifestException'
  | 'MissingManifestFieldException'
  | 'InvalidManifestFieldException'
  | 'InvalidAddressException'
  | 'InvalidFileSystemException'
  | 'MissingCustomsException'
  | 'InvalidCustomsException'
  | 'InvalidParameterException';

export interface ManifestIssue {
  /** Dotted path of the field, e.g. `returnAddress.postalCode`, `operations[1].exportBucket`; '' for the document. */
  field: string;
  code: ManifestIssueCode;
  /** What is wrong, naming the field: "returnAddress.street1 is a PO box". */
  message: string;
  /** What would fix it: "Give a physical street address that UPS can deliver to." */
  fix: string;
  severity: 'error' | 'warning';
  /** 1-based position in the YAML text, when known. */
  line?: number;
  column?: number;
}

export interface ReturnAddress {
  name: string;
  company?: string;
  street1: string;
  street2?: string;
  street3?: string;
  city: string;
  stateOrProvince?: string;
  postalCode: string;
  phoneNumber: string;
  country: string;
}

export interface Customs {
  dataDescription?: string;
  encryptedData?: boolean;
  encryptionClassification?: string;
  exportCertifierName?: string;
  requiresExportLicense?: boolean;
  deviceValue?: number;
  deviceCountryOfOrigin?: string;
  deviceType?: string;
  typeOfExport?: string;
}

export interface ExportOperation {
  exportBucket: string;
  prefix?: string;
  beginMarker?: string;
  endMarker?: string;
  targetDirectory?: string;
}

export interface DeviceOperation {
  destination: string;
  source: string;
  region: string;
  vaultName?: string;
  archiveComment?: string;
  [extra: string]: unknown;
}

interface ManifestCommon {
  manifestVersion: '2.0' | '3.0';
  accessKeyId: string;
  deviceId: string;
  returnAddress: ReturnAddress;
  logBucket?: string;
  logPrefix?: string;
  generator?: string;
  notificationEmail?: string[];
  serviceLevel?: 'standard' | 'expeditedShipping';
  eraseDevice?: boolean;
  customs?: Customs;
  trueCryptPassword?: string;
  pinCode?: string;
}

export interface S3ImportManifest extends ManifestCommon {
  kind: 's3-import';
  bucket: string;
  prefix?: string;
  acl?: 'private' | 'public-read' | 'public-read-write' | 'authenticated-read';
  cacheControl?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  contentTypes?: Record<string, string>;
  defaultContentType?: string;
  setContentEncodingForGzFiles?: boolean;
  expires?: string;
  /** Java regular expressions, tested against the device-relative path with forward slashes. */
  ignore?: string[];
  substitutions?: Record<string, string>;
}

export interface S3ExportManifest extends ManifestCommon {
  kind: 's3-export';
  fileSystem: string;
  operations: ExportOperation[];
  recoveryDirectory?: string;
  logBucket: string;
  substitutions?: Record<string, string>;
}

export interface EbsImportManifest extends ManifestCommon {
  kind: 'ebs-import';
  logBucket: string;
  operations: DeviceOperation[];
}

export interface GlacierImportManifest extends ManifestCommon {
  kind: 'glacier-import';
  logBucket: string;
  operations: DeviceOperation[];
}

export type Manifest = S3ImportManifest | S3ExportManifest | EbsImportManifest | GlacierImportManifest;

export type ManifestReadResult =
  { ok: true; manifest: Manifest; warnings: ManifestIssue[] } | { ok: false; issues: ManifestIssue[] };

/** Buckets a manifest names, with the field each came from, for the endpoint's bucket checks. */
export interface BucketReference {
  bucket: string;
  field: string;
}

/** The signatures implemented in ./index.ts. */
export interface ManifestModule {
  /**
   * Reads and validates manifest text for a job type. Lenient YAML (`key:value` accepted as `key: value`).
   * Never throws on bad input; every problem is a ManifestIssue. Issues are ordered: the first is what the
   * endpoint reports.
   */
  readManifest(text: string, jobType?: JobType): ManifestReadResult;
  /** Every bucket the manifest names (bucket, logBucket, operations[].exportBucket). */
  bucketsOf(manifest: Manifest): BucketReference[];
  /** YAML text for a manifest built from a form, in the DG's field order, readable by readManifest. */
  formatManifest(manifest: Manifest): string;
  /**
   * Compiles `ignore` patterns (Java regular expressions) to JavaScript ones; a pattern that cannot be
   * translated is an InvalidManifestFieldException issue naming `ignore[i]`.
   */
  compileIgnorePatterns(
    patterns: readonly string[],
  ): { ok: true; patterns: RegExp[] } | { ok: false; issues: ManifestIssue[] };
  /** True when a device-relative path (forward slashes, no leading slash) is skipped by `ignore`. */
  isIgnored(relativePath: string, patterns: readonly RegExp[]): boolean;
  /** The S3 key a device file becomes on import: `prefix` + path, with `substitutions` applied. */
  objectKeyFor(manifest: Pick<S3ImportManifest, 'prefix' | 'substitutions'>, relativePath: string): string;
  /** Whether `customs` is required for a bucket region and a return country (reference 2.8; rule documented in README). */
  customsRequired(bucketRegion: string, returnCountry: string): boolean;
}
