/**
 * The manifest checks the endpoint needs, taken from protocol/manifest. That module is written in
 * parallel; it is loaded at start-up so the endpoint runs before it lands, with a small interim reader
 * (marked below) that only knows enough to route jobs. Once protocol/manifest/index.ts exists it is used.
 */
import { parse as parseYaml } from 'yaml';
import type { JobType } from '../protocol/api';
import type {
  BucketReference,
  Manifest,
  ManifestIssue,
  ManifestReadResult,
  ReturnAddress,
} from '../protocol/manifest/types';
import type { ShippingAddress } from '../protocol/api';

export interface ManifestRules {
  readManifest(text: string, jobType?: JobType): ManifestReadResult;
  bucketsOf(manifest: Manifest): BucketReference[];
  /** The first customs problem for a manifest whose buckets live in `bucketRegion`, if any. */
  checkCustoms(manifest: Manifest, bucketRegion: string): ManifestIssue | undefined;
  /** The first problem with a GetShippingLabel sender address, if any. */
  validateAddress(address: ShippingAddress): ManifestIssue | undefined;
  /** 'protocol/manifest' or 'interim'. */
  source: string;
}

/** Accepts either a single issue, a list, or a `{ ok, issues }` result, and returns the first error. */
function firstError(value: unknown): ManifestIssue | undefined {
  if (value === undefined || value === null || value === true) return undefined;
  if (Array.isArray(value)) {
    return (value as ManifestIssue[]).find((i) => i && i.severity !== 'warning');
  }
  if (typeof value === 'object') {
    const v = value as { ok?: boolean; issues?: unknown; code?: unknown };
    if (v.ok === true) return undefined;
    if (Array.isArray(v.issues)) return firstError(v.issues);
    if (typeof v.code === 'string') return value as ManifestIssue;
  }
  return undefined;
}

type AnyFn = (...args: unknown[]) => unknown;

let loaded: Promise<ManifestRules> | undefined;

export function loadManifestRules(): Promise<ManifestRules> {
  loaded ??= (async () => {
    // A variable specifier keeps the type checker from requiring the file before it exists.
    const specifier = '../protocol/manifest/index';
    let mod: Record<string, unknown> | undefined;
    try {
      mod = (await import(specifier)) as Record<string, unknown>;
    } catch {
      mod = undefined;
    }
    if (mod && typeof mod.readManifest === 'function' && typeof mod.bucketsOf === 'function') {
      const read = mod.readManifest as AnyFn;
      const buckets = mod.bucketsOf as AnyFn;
      const customs = typeof mod.checkCustoms === 'function' ? (mod.checkCustoms as AnyFn) : undefined;
      const address = typeof mod.validateAddress === 'function' ? (mod.validateAddress as AnyFn) : undefined;
      return {
        source: 'protocol/manifest',
        readManifest: (text, jobType) => read(text, jobType) as ManifestReadResult,
        bucketsOf: (m) => buckets(m) as BucketReference[],
        checkCustoms: (m, region) => (customs ? firstError(customs(m, region)) : undefined),
        validateAddress: (a) => (address ? firstError(address(a)) : interimValidateAddress(a)),
      };
    }
    return interimRules;
  })();
  return loaded;
}

// ---- Interim reader: replaced by protocol/manifest/index.ts as soon as it lands. ----

function issue(code: ManifestIssue['code'], field: string, message: string, fix: string): ManifestIssue {
  return { code, field, message, fix, severity: 'error' };
}

function interimRead(text: string): ManifestReadResult {
  const lenient = text.replace(/^(\s*(?:- )?[A-Za-z][A-Za-z0-9]*):(?=\S)/gm, '$1: ');
  let doc: unknown;
  try {
    doc = parseYaml(lenient);
  } catch {
    doc = undefined;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return {
      ok: false,
      issues: [
        issue(
          'MalformedManifestException',
          '',
          'Your manifest is not well-formed',
          'Write YAML name: value pairs',
        ),
      ],
    };
  }
  const d = doc as Record<string, unknown>;
  const str = (k: string) => (d[k] === undefined || d[k] === null ? undefined : String(d[k]));
  for (const field of ['manifestVersion', 'accessKeyId', 'deviceId', 'returnAddress']) {
    if (d[field] === undefined) {
      return {
        ok: false,
        issues: [issue('MissingManifestFieldException', field, `${field} is missing`, `Add ${field}`)],
      };
    }
  }
  const version = str('manifestVersion');
  const ops = Array.isArray(d.operations) ? (d.operations as Record<string, unknown>[]) : [];
  const base = {
    accessKeyId: str('accessKeyId') as string,
    deviceId: str('deviceId') as string,
    returnAddress: d.returnAddress as ReturnAddress,
    logBucket: str('logBucket'),
    logPrefix: str('logPrefix'),
  };
  if (version === '3.0' || version === '3') {
    const glacier = ops.some((o) => String(o?.destination).toLowerCase() === 'glacier');
    return {
      ok: true,
      warnings: [],
      manifest: {
        ...base,
        manifestVersion: '3.0',
        kind: glacier ? 'glacier-import' : 'ebs-import',
        logBucket: base.logBucket ?? '',
        operations: ops as never,
      },
    };
  }
  if (version !== '2.0' && version !== '2') {
    return {
      ok: false,
      issues: [
        issue('InvalidManifestFieldException', 'manifestVersion', 'manifestVersion must be 2.0 or 3.0', ''),
      ],
    };
  }
  if (ops.length > 0 || d.fileSystem !== undefined) {
    return {
      ok: true,
      warnings: [],
      manifest: {
        ...base,
        manifestVersion: '2.0',
        kind: 's3-export',
        fileSystem: str('fileSystem') ?? '',
        logBucket: base.logBucket ?? '',
        operations: ops as never,
      },
    };
  }
  if (!str('bucket')) {
    return {
      ok: false,
      issues: [issue('MissingManifestFieldException', 'bucket', 'bucket is missing', 'Add bucket')],
    };
  }
  return {
    ok: true,
    warnings: [],
    manifest: { ...base, manifestVersion: '2.0', kind: 's3-import', bucket: str('bucket') as string },
  };
}

function interimBuckets(m: Manifest): BucketReference[] {
  const out: BucketReference[] = [];
  if (m.kind === 's3-import') out.push({ bucket: m.bucket, field: 'bucket' });
  if (m.kind === 's3-export') {
    m.operations.forEach((o, i) =>
      out.push({ bucket: o.exportBucket, field: `operations[${i}].exportBucket` }),
    );
  }
  if (m.logBucket) out.push({ bucket: m.logBucket, field: 'logBucket' });
  return out;
}

function interimValidateAddress(a: ShippingAddress): ManifestIssue | undefined {
  const required = ['name', 'company', 'street1', 'city', 'country', 'postalCode', 'phoneNumber'] as const;
  for (const field of required) {
    if (!a[field]?.trim()) {
      return issue('InvalidAddressException', field, `${field} is required`, `Give ${field}`);
    }
  }
  const country = (a.country ?? '').trim().toUpperCase();
  if (['US', 'USA', 'UNITED STATES', 'CA', 'CAN', 'CANADA'].includes(country) && !a.stateOrProvince?.trim()) {
    return issue(
      'InvalidAddressException',
      'stateOrProvince',
      'stateOrProvince is required in the US and Canada',
      '',
    );
  }
  for (const field of ['street1', 'street2', 'street3'] as const) {
    if (/\bP\.?\s*O\.?\s*Box\b/i.test(a[field] ?? '')) {
      return issue(
        'InvalidAddressException',
        field,
        `${field} is a PO box`,
        'Give a physical street address',
      );
    }
  }
  return undefined;
}

const interimRules: ManifestRules = {
  source: 'interim',
  readManifest: interimRead,
  bucketsOf: interimBuckets,
  checkCustoms: () => undefined,
  validateAddress: interimValidateAddress,
};
