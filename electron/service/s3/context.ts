/** What every S3 operation gets: the request, its authenticated account, the bucket's owner, the store. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectStore } from '../objects/index';
import type { BucketOwner } from '../operations/context';
import type { AccountConfig } from '../types';
import type { S3SigningContext } from './sigv4';

export interface S3Deps {
  dataDir: string;
  accounts: ReadonlyMap<string, AccountConfig>;
  buckets: ReadonlyMap<string, BucketOwner>;
  now: () => Date;
  log: (line: string) => void;
}

export interface S3Call {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  method: string;
  /** Decoded; '' for ListBuckets. */
  bucket: string;
  /** Decoded; '' for bucket operations. */
  key: string;
  params: URLSearchParams;
  account: AccountConfig;
  /** The x-amz-content-sha256 value the request was signed with. */
  payloadHash: string;
  /** SigV4 only (absent for S3's SigV2 presigned URLs): what aws-chunked signatures chain from. */
  signing?: S3SigningContext;
  objects: ObjectStore;
  deps: S3Deps;
}

export function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
