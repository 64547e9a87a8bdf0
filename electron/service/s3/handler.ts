/**
 * The S3 REST API (path style) served beside the Import/Export API: GET/HEAD/PUT/DELETE `/<bucket>/<key>`
 * and ListObjectsV2 `GET /<bucket>?list-type=2`, SigV4-signed with the account's keys, scoped to the
 * account's buckets. The endpoint's router hands every request whose path is not `/` (and not its own
 * label and artifact downloads) to `handle`.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { BucketOwner } from '../operations/context';
import { ObjectStoreError, openObjectStore, type ObjectStore } from '../objects/index';
import type { AccountConfig } from '../types';
import { DEFAULT_MAX_KEYS, listPage, startCursor, type ListCursor } from './list-objects';
import { UNSIGNED_PAYLOAD, authenticateS3 } from './sigv4';
import { errorXml, etagOf, listResultXml } from './xml';

/** S3's single-PUT limit: 5 GiB. */
export const MAX_PUT_OBJECT_BYTES = 5 * 1024 ** 3;
/** ListObjectsV2 never returns more than this many keys per page, whatever max-keys says. */
export const MAX_LIST_KEYS = 1000;

/** Sub-resources and operations we do not serve; named so the caller gets NotImplemented, not a wrong answer. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'uploads',
  'uploadId',
  'partNumber',
  'tagging',
  'versioning',
  'versions',
  'policy',
  'cors',
  'lifecycle',
  'location',
  'delete',
  'restore',
  'select',
];

export interface S3Deps {
  dataDir: string;
  accounts: ReadonlyMap<string, AccountConfig>;
  buckets: ReadonlyMap<string, BucketOwner>;
  now: () => Date;
  log: (line: string) => void;
}

export interface S3Handler {
  /** Answers one request (never throws for bad input). */
  handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void>;
  objects: ObjectStore;
  close(): void;
}

class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const STATUS: Readonly<Record<string, number>> = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  InvalidAccessKeyId: 403,
  SignatureDoesNotMatch: 403,
  RequestTimeTooSkewed: 403,
  BadDigest: 400,
  XAmzContentSHA256Mismatch: 400,
  InvalidBucketName: 400,
  KeyTooLongError: 400,
};

function sendError(
  res: ServerResponse,
  method: string,
  requestId: string,
  resource: string,
  code: string,
  message: string,
  status: number,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = method === 'HEAD' ? '' : errorXml(code, message, resource, requestId);
  res.writeHead(status, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}

function decodePathPart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new S3Error('InvalidURI', 'Could not parse the specified URI (bad percent-encoding)', 400);
  }
}

function queryParams(rawQuery: string): URLSearchParams {
  return new URLSearchParams(rawQuery);
}

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function createS3Handler(deps: S3Deps): S3Handler {
  const objects = openObjectStore(deps.dataDir, deps.now);

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
    const resource = rawPath.slice(0, 300);
    try {
      if (method !== 'PUT') req.resume();
      const slash = rawPath.indexOf('/', 1);
      const bucket = decodePathPart(slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash));
      const key = slash === -1 ? '' : decodePathPart(rawPath.slice(slash + 1));

      const auth = authenticateS3(
        { method, path: rawPath, rawQuery, headers: req.headers },
        deps.accounts,
        deps.now(),
      );
      if (!auth.ok) throw new S3Error(auth.code, auth.message, STATUS[auth.code] ?? 403);
      const owner = deps.buckets.get(bucket);
      if (owner === undefined) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404);
      if (owner.account !== auth.account.accessKeyId) {
        throw new S3Error('AccessDenied', 'Access Denied', 403);
      }
      const params = queryParams(rawQuery);
      const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => params.has(name));
      if (unsupported !== undefined) {
        throw new S3Error(
          'NotImplemented',
          `The ?${unsupported} sub-resource is not implemented by this endpoint`,
          501,
        );
      }

      if (key === '') {
        if (method === 'GET') return listObjects(res, bucket, params);
        if (method === 'HEAD') {
          res.writeHead(200, { 'x-amz-request-id': requestId, 'x-amz-bucket-region': owner.region });
          res.end();
          return;
        }
        throw new S3Error('MethodNotAllowed', `${method} on a bucket is not supported here`, 405);
      }
      switch (method) {
        case 'GET':
        case 'HEAD':
          return await getObject(res, method, bucket, key);
        case 'PUT':
          return await putObject(req, res, bucket, key, auth.payloadHash);
        case 'DELETE':
          await objects.delete(bucket, key);
          res.writeHead(204, { 'x-amz-request-id': requestId });
          res.end();
          return;
        default:
          throw new S3Error('MethodNotAllowed', `${method} is not allowed on an object`, 405);
      }
    } catch (err) {
      if (method === 'PUT') req.resume();
      if (err instanceof S3Error) {
        return sendError(res, method, requestId, resource, err.code, err.message, err.status);
      }
      if (err instanceof ObjectStoreError) {
        const code = err.code === 'InvalidKey' ? 'KeyTooLongError' : err.code;
        return sendError(res, method, requestId, resource, code, err.message, STATUS[code] ?? 400);
      }
      deps.log(
        `S3 InternalError ${requestId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return sendError(
        res,
        method,
        requestId,
        resource,
        'InternalError',
        'We encountered an internal error. Please try again.',
        500,
      );
    }
  }

  function listObjects(res: ServerResponse, bucket: string, params: URLSearchParams): void {
    if (params.get('list-type') !== '2') {
      throw new S3Error('NotImplemented', 'Only ListObjectsV2 (list-type=2) is implemented', 501);
    }
    const maxKeysText = params.get('max-keys');
    let maxKeys = DEFAULT_MAX_KEYS;
    if (maxKeysText !== null) {
      if (!/^\d+$/.test(maxKeysText)) {
        throw new S3Error('InvalidArgument', 'max-keys must be a non-negative integer', 400);
      }
      maxKeys = Math.min(Number(maxKeysText), MAX_LIST_KEYS);
    }
    const encodingType = params.get('encoding-type');
    if (encodingType !== null && encodingType !== 'url') {
      throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', 400);
    }
    const request = {
      prefix: params.get('prefix') ?? '',
      ...(params.get('delimiter') !== null ? { delimiter: params.get('delimiter') as string } : {}),
      maxKeys,
      ...(params.get('start-after') !== null ? { startAfter: params.get('start-after') as string } : {}),
      ...(params.get('continuation-token') !== null
        ? { continuationToken: params.get('continuation-token') as string }
        : {}),
    };
    if (request.continuationToken !== undefined && startCursor(request) === undefined) {
      throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', 400);
    }
    const page = listPage(request, (cursor: ListCursor | undefined, limit: number) =>
      objects.list(bucket, {
        prefix: request.prefix,
        limit,
        ...(cursor?.kind === 'after-key' ? { after: cursor.key } : {}),
        ...(cursor?.kind === 'past-prefix' ? { pastPrefix: cursor.prefix } : {}),
      }),
    );
    const body = listResultXml({
      bucket,
      ...request,
      ...(encodingType === 'url' ? { encodingType } : {}),
      page,
    });
    res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  async function getObject(
    res: ServerResponse,
    method: 'GET' | 'HEAD',
    bucket: string,
    key: string,
  ): Promise<void> {
    const found = objects.get(bucket, key);
    if (!found) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404);
    let stream: fs.ReadStream;
    try {
      // Opened before the headers go out: a replace between the row read and here removes the old file.
      stream = fs.createReadStream(found.file);
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
    } catch {
      throw new S3Error(
        'NoSuchKey',
        'The specified key was replaced or deleted while being read; retry',
        404,
      );
    }
    res.writeHead(200, {
      'Content-Type': found.contentType,
      'Content-Length': found.size,
      ETag: etagOf(found.md5),
      'Last-Modified': new Date(found.lastModified).toUTCString(),
      'Accept-Ranges': 'none',
      ...(found.contentEncoding ? { 'Content-Encoding': found.contentEncoding } : {}),
    });
    if (method === 'HEAD') {
      stream.destroy();
      res.end();
      return;
    }
    await pipeline(stream, res);
  }

  async function putObject(
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    key: string,
    payloadHash: string,
  ): Promise<void> {
    if (payloadHash.startsWith('STREAMING-')) {
      // aws-chunked bodies: the v3 SDK sends them only for stream bodies of unknown length; tests and the
      // loading station send whole buffers (our choice; see the report).
      throw new S3Error(
        'NotImplemented',
        `x-amz-content-sha256 ${payloadHash} (aws-chunked uploads) is not implemented; send the body in one piece`,
        501,
      );
    }
    const lengthText = singleHeader(req, 'content-length');
    if (lengthText === undefined)
      throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
    const length = Number(lengthText);
    if (length > MAX_PUT_OBJECT_BYTES) {
      throw new S3Error(
        'EntityTooLarge',
        `Your proposed upload exceeds the maximum allowed size of ${MAX_PUT_OBJECT_BYTES} bytes`,
        400,
      );
    }
    const md5Header = singleHeader(req, 'content-md5');
    let md5: string | undefined;
    if (md5Header !== undefined) {
      const bytes = Buffer.from(md5Header, 'base64');
      if (bytes.length !== 16)
        throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
      md5 = bytes.toString('hex');
    }
    const sha256 = payloadHash === UNSIGNED_PAYLOAD ? undefined : payloadHash;
    const record = await objects.put(
      bucket,
      key,
      req,
      {
        contentType: singleHeader(req, 'content-type'),
        contentEncoding: singleHeader(req, 'content-encoding'),
      },
      { ...(md5 ? { md5 } : {}), ...(sha256 ? { sha256 } : {}) },
    );
    res.writeHead(200, { ETag: etagOf(record.md5), 'Content-Length': 0 });
    res.end();
  }

  return { handle, objects, close: () => objects.close() };
}
