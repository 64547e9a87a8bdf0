/**
 * The S3 REST API (path style) served beside the Import/Export API, SigV4-signed with the account's keys
 * and scoped to the account's buckets. This module authenticates, finds the bucket and its owner, and
 * routes to one operation in ./operations/. The endpoint's router hands it every request whose path is not
 * `/` (and not its own label and artifact downloads), and `GET /` when it is signed for S3 (ListBuckets).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ObjectStoreError, openObjectStore, type ObjectStore } from '../objects/index';
import { ChunkedBodyError } from './aws-chunked';
import { type S3Call, type S3Deps } from './context';
import { S3_ERROR_STATUS, S3Error, sendS3Error } from './errors';
import { getBucketLocation, headBucket, listBuckets } from './operations/buckets';
import { deleteObjects } from './operations/delete-objects';
import { getObject } from './operations/get-object';
import { listObjects } from './operations/list-objects';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listParts,
  uploadPart,
} from './operations/multipart';
import { putObject } from './operations/put-object';
import { authenticateS3 } from './sigv4';

export type { S3Deps } from './context';
export { MAX_PUT_OBJECT_BYTES } from './upload-body';
export { MAX_LIST_KEYS } from './operations/list-objects';

/** Sub-resources we do not serve; named so the caller gets NotImplemented, not a wrong answer. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'tagging',
  'versioning',
  'versions',
  'versionId',
  'policy',
  'cors',
  'lifecycle',
  'restore',
  'select',
  'attributes',
  'retention',
  'legal-hold',
  'torrent',
  'website',
  'encryption',
  'replication',
  'notification',
  'logging',
  'ownershipControls',
  'publicAccessBlock',
];

export interface S3Handler {
  /** Answers one request (never throws for bad input). */
  handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void>;
  close(): void;
}

function decodePathPart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new S3Error('InvalidURI', 'Could not parse the specified URI (bad percent-encoding)', 400);
  }
}

/** Maps what the store and the body decoder throw to S3's answers; anything else is a 500. */
function asS3Error(err: unknown): S3Error | undefined {
  if (err instanceof S3Error) return err;
  if (err instanceof ObjectStoreError) {
    const code = err.code === 'InvalidKey' ? 'KeyTooLongError' : err.code;
    return new S3Error(code, err.message, S3_ERROR_STATUS[code] ?? 400);
  }
  if (err instanceof ChunkedBodyError)
    return new S3Error(err.code, err.message, S3_ERROR_STATUS[err.code] ?? 400);
  return undefined;
}

export function createS3Handler(deps: S3Deps): S3Handler {
  // Opened on the first S3 request: an API command on the embedded endpoint (get-status) never asks, and
  // opening a store costs a CLI command its SQLite open and close.
  let store: ObjectStore | undefined;
  const objectStore = (): ObjectStore => (store ??= openObjectStore(deps.dataDir, deps.now));

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
    const target = { method, requestId, resource: rawPath.slice(0, 300) };
    const hasBody = method === 'PUT' || method === 'POST';
    try {
      if (!hasBody) req.resume();
      const slash = rawPath.indexOf('/', 1);
      const bucket = decodePathPart(slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash));
      const key = slash === -1 ? '' : decodePathPart(rawPath.slice(slash + 1));

      const auth = authenticateS3(
        { method, path: rawPath, rawQuery, headers: req.headers },
        deps.accounts,
        deps.now(),
      );
      if (!auth.ok) throw new S3Error(auth.code, auth.message, S3_ERROR_STATUS[auth.code] ?? 403);
      const params = new URLSearchParams(rawQuery);
      const call: S3Call = {
        req,
        res,
        requestId,
        method,
        bucket,
        key,
        params,
        account: auth.account,
        payloadHash: auth.payloadHash,
        ...(auth.signing ? { signing: auth.signing } : {}),
        objects: objectStore(),
        deps,
      };
      if (bucket === '') {
        if (method === 'GET') return listBuckets(call);
        throw new S3Error(
          'MethodNotAllowed',
          `${method} on / is not supported here; GET / is ListBuckets`,
          405,
        );
      }
      const owner = deps.buckets.get(bucket);
      if (owner === undefined) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404);
      if (owner.account !== auth.account.accessKeyId) {
        // As S3 does, HeadBucket names the region even when refusing, so clients can tell the bucket exists.
        const headers: Record<string, string> =
          method === 'HEAD' && key === '' ? { 'x-amz-bucket-region': owner.region } : {};
        throw new S3Error('AccessDenied', 'Access Denied', 403, headers);
      }
      const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => params.has(name));
      if (unsupported !== undefined) {
        throw new S3Error(
          'NotImplemented',
          `The ?${unsupported} sub-resource is not implemented by this endpoint`,
          501,
        );
      }

      if (key === '') {
        switch (method) {
          case 'GET':
            if (params.has('location')) return getBucketLocation(call, owner.region);
            if (params.has('uploads')) {
              throw new S3Error(
                'NotImplemented',
                'ListMultipartUploads is not implemented by this endpoint',
                501,
              );
            }
            return listObjects(call);
          case 'HEAD':
            return headBucket(call, owner.region);
          case 'POST':
            if (params.has('delete')) return await deleteObjects(call);
            throw new S3Error(
              'MethodNotAllowed',
              'POST on a bucket is served only as DeleteObjects (?delete)',
              405,
            );
          default:
            throw new S3Error('MethodNotAllowed', `${method} on a bucket is not supported here`, 405);
        }
      }
      const multipart = params.has('uploadId');
      switch (method) {
        case 'GET':
          return multipart ? listParts(call) : await getObject(call);
        case 'HEAD':
          return await getObject(call);
        case 'PUT':
          return multipart || params.has('partNumber') ? await uploadPart(call) : await putObject(call);
        case 'POST':
          if (params.has('uploads')) return createMultipartUpload(call);
          if (multipart) return await completeMultipartUpload(call);
          throw new S3Error('MethodNotAllowed', 'POST on an object needs ?uploads or ?uploadId', 405);
        case 'DELETE':
          if (multipart) return await abortMultipartUpload(call);
          await call.objects.delete(bucket, key);
          res.writeHead(204, { 'x-amz-request-id': requestId });
          res.end();
          return;
        default:
          throw new S3Error('MethodNotAllowed', `${method} is not allowed on an object`, 405);
      }
    } catch (err) {
      if (hasBody) req.resume();
      const s3Error = asS3Error(err);
      if (s3Error) return sendS3Error(res, target, s3Error);
      deps.log(
        `S3 InternalError ${requestId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return sendS3Error(
        res,
        target,
        new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500),
      );
    }
  }

  return { handle, close: () => store?.close() };
}
