/** readManifest: lenient YAML → job kind → rules per kind → a typed manifest or ordered issues. */
import type { JobType } from '../api';
import { FieldReader } from './field-reader';
import { finishIssue, IssueList, MALFORMED_MESSAGE, orderIssues } from './issues';
import { readLenientYaml } from './lenient-yaml';
import { COMMON_FIELDS, readCommon } from './rules-common';
import {
  DEVICE_FIELDS,
  destinationOf,
  EBS_DESTINATION,
  GLACIER_DESTINATION,
  readDeviceOperations,
} from './rules-device';
import { readS3ExportFields, readS3ImportFields, S3_EXPORT_FIELDS, S3_IMPORT_FIELDS } from './rules-s3';
import { isRawMap } from './values';
import type { JobKind, Manifest, ManifestIssue, ManifestReadResult } from './types';

/** Fields each kind reads; anything else is a warning. */
export const KNOWN_FIELDS: Readonly<Record<JobKind, ReadonlySet<string>>> = {
  's3-import': new Set<string>([...COMMON_FIELDS, ...S3_IMPORT_FIELDS]),
  's3-export': new Set<string>([...COMMON_FIELDS, ...S3_EXPORT_FIELDS]),
  'ebs-import': new Set<string>([...COMMON_FIELDS, ...DEVICE_FIELDS]),
  'glacier-import': new Set<string>([...COMMON_FIELDS, ...DEVICE_FIELDS]),
};

const KIND_NAMES: Readonly<Record<JobKind, string>> = {
  's3-import': 'an S3 import manifest',
  's3-export': 'an S3 export manifest',
  'ebs-import': 'an EBS import manifest',
  'glacier-import': 'a Glacier import manifest',
};

function malformed(
  detail: string | undefined,
  position?: { line: number; column: number },
): ManifestReadResult {
  const issue: ManifestIssue = {
    field: '',
    code: 'MalformedManifestException',
    message: detail === undefined ? MALFORMED_MESSAGE : `${MALFORMED_MESSAGE}: ${detail}`,
    fix: 'Write the manifest as YAML `name: value` lines, with returnAddress and operations entries indented below their names.',
    severity: 'error',
  };
  if (position !== undefined) {
    issue.line = position.line;
    issue.column = position.column;
  }
  return { ok: false, issues: [issue] };
}

/**
 * Decides the job kind (reference 0): manifestVersion 2.0 is S3 (JobType, or the manifest's shape when no JobType
 * is given, picks import or export); 3.0 is EBS or Glacier by operations[].destination. Export from EBS or
 * Glacier does not exist, so JobType Export with 3.0 is an issue, as is a JobType that contradicts the fields.
 */
export function decideKind(r: FieldReader, jobType: JobType | undefined): JobKind | undefined {
  const version = r.text('manifestVersion', {
    what: 'it says which kind of manifest this is',
    fix: 'Add `manifestVersion: 2.0` for S3 import or export, `manifestVersion: 3.0` for EBS or Glacier.',
  });
  if (version === undefined) return undefined;
  const looksExport = r.has('operations') || r.has('fileSystem');
  const looksImport = r.has('bucket');
  if (version === '2.0' || version === '2') {
    if (jobType === 'Import' && looksExport && !looksImport) {
      r.issues.error(
        [],
        'InvalidParameterException',
        'JobType Import does not match this manifest: it has export fields (fileSystem, operations) and no bucket',
        'Create the job with JobType Export, or give an import manifest with bucket.',
      );
      return undefined;
    }
    if (jobType === 'Export' && looksImport && !looksExport) {
      r.issues.error(
        [],
        'InvalidParameterException',
        'JobType Export does not match this manifest: it names a bucket to import into and no operations',
        'Create the job with JobType Import, or give an export manifest with fileSystem and operations.',
      );
      return undefined;
    }
    if (jobType !== undefined) return jobType === 'Import' ? 's3-import' : 's3-export';
    return looksExport && !looksImport ? 's3-export' : 's3-import';
  }
  if (version === '3.0' || version === '3') {
    if (jobType === 'Export') {
      r.issues.error(
        [],
        'InvalidParameterException',
        'JobType Export does not match this manifest: manifestVersion 3.0 is for EBS and Glacier imports, and neither can be exported',
        'Create the job with JobType Import, or use manifestVersion 2.0 to export from S3.',
      );
      return undefined;
    }
    const ops = r.raw['operations'];
    const first: unknown = Array.isArray(ops) ? (ops as unknown[])[0] : undefined;
    const dest = isRawMap(first) ? first['destination'] : undefined;
    const kind = destinationOf(dest);
    if (kind === 'glacier') return 'glacier-import';
    if (kind === 'ebs') return 'ebs-import';
    if (!Array.isArray(ops) || ops.length === 0) {
      r.issues.missing(
        ['operations'],
        'a manifestVersion 3.0 manifest says in operations[].destination whether the device goes to EBS or Glacier',
        r.missingFix(
          'operations',
          `Add \`operations:\` with \`- destination: ${GLACIER_DESTINATION}\` or \`${EBS_DESTINATION}\`.`,
        ),
      );
    } else if (dest === undefined || dest === null || dest === '') {
      r.issues.missing(
        ['operations', 0, 'destination'],
        'it says whether the device goes to EBS or Glacier',
        `Add \`destination: ${GLACIER_DESTINATION}\` or \`destination: ${EBS_DESTINATION}\`.`,
      );
    } else {
      r.issues.invalid(
        ['operations', 0, 'destination'],
        `"${typeof dest === 'string' ? dest : '(not text)'}" is not a destination; use ${GLACIER_DESTINATION} or ${EBS_DESTINATION}`,
        `Write \`destination: ${GLACIER_DESTINATION}\` or \`destination: ${EBS_DESTINATION}\`.`,
      );
    }
    return undefined;
  }
  r.issues.invalid(
    ['manifestVersion'],
    `"${version}" is not a manifest version; use 2.0 (S3) or 3.0 (EBS, Glacier)`,
    'Write `manifestVersion: 2.0` for S3 import or export, `manifestVersion: 3.0` for EBS or Glacier.',
  );
  return undefined;
}

function readFields(r: FieldReader, kind: JobKind): Manifest {
  switch (kind) {
    case 's3-import': {
      const common = readCommon(r, kind, '2.0');
      return { kind, ...common, ...readS3ImportFields(r) };
    }
    case 's3-export': {
      const common = readCommon(r, kind, '2.0');
      const fields = readS3ExportFields(r);
      return { kind, ...common, ...fields, logBucket: common.logBucket ?? '' };
    }
    case 'ebs-import':
    case 'glacier-import': {
      const common = readCommon(r, kind, '3.0');
      const operations = readDeviceOperations(r, kind === 'glacier-import' ? 'glacier' : 'ebs');
      return { kind, ...common, logBucket: common.logBucket ?? '', operations };
    }
    default:
      return assertNever(kind);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected job kind ${String(value)}`);
}

export function readManifest(text: string, jobType?: JobType): ManifestReadResult {
  try {
    return readManifestUnguarded(text, jobType);
  } catch (err) {
    // The rules are meant never to throw; if one does, hostile input still gets an answer, not a 500.
    return malformed(`the manifest could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
}

function readManifestUnguarded(text: string, jobType: JobType | undefined): ManifestReadResult {
  if (typeof text !== 'string') return malformed('the manifest is not text');
  const yaml = readLenientYaml(text);
  if (!yaml.ok) return malformed(yaml.detail, yaml.position);
  if (!isRawMap(yaml.value)) return malformed(undefined);
  const issues = new IssueList();
  const r = new FieldReader(yaml.value, [], issues);
  const kind = decideKind(r, jobType);
  let manifest: Manifest | undefined;
  if (kind !== undefined) {
    manifest = readFields(r, kind);
    r.warnUnknown(KNOWN_FIELDS[kind], KIND_NAMES[kind]);
  }
  const finished = orderIssues(issues.items.map((p) => finishIssue(p, yaml.locate(p.path))));
  if (manifest === undefined || finished.some((i) => i.severity === 'error')) {
    return { ok: false, issues: finished };
  }
  return { ok: true, manifest, warnings: finished };
}
