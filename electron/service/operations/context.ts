/** What every operation handler receives, and the helpers they share. */
import { randomFillSync } from 'node:crypto';
import { KNOWN_CLIENT_API_VERSIONS, isJobType, type JobType } from '../../protocol/api';
import { noSuchJobMessage, type ErrorCode } from '../../protocol/errors';
import { jobIdFromRandom, normalizeJobId } from '../../protocol/job-id';
import type { QueryParams } from '../../protocol/query';
import type { ManifestRules } from '../manifest-rules';
import type { JobRecord, JobStore } from '../store';
import type { AccountConfig } from '../types';

export interface BucketOwner {
  account: string;
  region: string;
}

export interface OperationContext {
  store: JobStore;
  /** The signer, already authenticated. */
  account: AccountConfig;
  /** Every bucket known to the endpoint, by name. */
  buckets: ReadonlyMap<string, BucketOwner>;
  now: () => Date;
  endpointSecret: string;
  /** `http://host:port` as the caller reached us: the base of artifact and label URLs. */
  baseUrl: string;
  rules: ManifestRules;
  createJobDailyQuota: number;
  log: (line: string) => void;
  /** The request waited for store.commitsChecked(): its job reads may rely on that look. */
  commitsChecked?: boolean;
}

/** Result fields in model order; serialised by protocol/xml (lists become <member> items). */
export type OperationResult = object;
export type OperationHandler = (params: QueryParams, ctx: OperationContext) => Promise<OperationResult>;

/** A service error the caller caused; becomes an ErrorResponse with the code's HTTP status. */
export class OperationError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OperationError';
  }
}

/** Random bytes for job ids, drawn from the CSPRNG a page at a time: one call per id was a visible cost. */
const idBytes = Buffer.alloc(4096);
let idByteAt = idBytes.length;

export function newJobId(): string {
  return jobIdFromRandom(() => {
    if (idByteAt >= idBytes.length) {
      randomFillSync(idBytes);
      idByteAt = 0;
    }
    return idBytes[idByteAt++] as number;
  });
}

export function requireParam(params: QueryParams, name: string): string {
  const v = params[name];
  if (v === undefined || v.length === 0)
    throw new OperationError('MissingParameterException', `${name} must be specified`);
  return v;
}

export function checkApiVersion(params: QueryParams): void {
  const v = params.APIVersion;
  if (v !== undefined && !KNOWN_CLIENT_API_VERSIONS.includes(v)) {
    throw new OperationError(
      'InvalidVersionException',
      `APIVersion ${v} is not supported; use one of ${KNOWN_CLIENT_API_VERSIONS.join(', ')} or leave it out`,
    );
  }
}

export function requireBoolean(params: QueryParams, name: string): boolean {
  const v = requireParam(params, name);
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new OperationError('InvalidParameterException', `${name} must be true or false, not "${v}"`);
}

export function requireJobType(params: QueryParams): JobType {
  const v = requireParam(params, 'JobType');
  if (!isJobType(v)) {
    throw new OperationError('InvalidParameterException', `JobType must be Import or Export, not "${v}"`);
  }
  return v;
}

/** The caller's own job, or InvalidJobIdException with the real service's wording. Ids are case-insensitive. */
export function findOwnJob(ctx: OperationContext, rawId: string): JobRecord {
  const job = ctx.store.getJob(normalizeJobId(rawId), ctx.commitsChecked);
  if (!job || job.account !== ctx.account.accessKeyId) {
    throw new OperationError('InvalidJobIdException', noSuchJobMessage(rawId.trim()));
  }
  return job;
}

/** Start (inclusive) and end (exclusive) of the UTC calendar day holding `at`, in ms. */
export function utcDayBounds(at: Date): { fromMs: number; toMs: number } {
  const fromMs = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return { fromMs, toMs: fromMs + 24 * 60 * 60 * 1000 };
}

/** Canceled and expired jobs refuse UpdateJob, CancelJob and GetShippingLabel (reference 4.4). */
export function refuseClosedJob(
  job: JobRecord,
  nowMs: number,
  isExpired: (job: JobRecord, nowMs: number) => boolean,
): void {
  if (job.canceled || job.progress === 'Canceled') {
    throw new OperationError('CanceledJobIdException', `Job ${job.id} has been canceled`);
  }
  if (job.progress === 'Expired' || isExpired(job, nowMs)) {
    throw new OperationError('ExpiredJobIdException', `Job ${job.id} has expired; create a new job`);
  }
}
