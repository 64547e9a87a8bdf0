/**
 * GetObject and HeadObject: whole or one byte range (206 + Content-Range, 416 past the end), the
 * conditional headers a resuming download sends (If-Match, If-None-Match, If-Range), and the object's
 * flexible checksum when the client asks for it (`x-amz-checksum-mode: ENABLED`, whole objects only, as S3).
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checksumHeaderName } from '../../objects/checksums';
import type { StoredObject } from '../../objects/index';
import { openObjectStream } from '../../objects/read-object';
import type { S3Call } from '../context';
import { singleHeader } from '../context';
import { S3Error } from '../errors';
import { resolveRange } from '../range';
import { etagOf } from '../xml';

function etagMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etagOf(etag) || t === etag);
}

export async function getObject(call: S3Call): Promise<void> {
  const { req, res, objects, bucket, key, method } = call;
  if (call.params.has('partNumber')) {
    throw new S3Error('NotImplemented', 'GetObject by partNumber is not implemented by this endpoint', 501);
  }
  const found = objects.get(bucket, key);
  if (!found) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404);
  const common = objectHeaders(found, call.requestId);

  const ifMatch = singleHeader(req, 'if-match');
  if (ifMatch !== undefined && !etagMatches(ifMatch, found.etag)) {
    throw new S3Error(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      412,
    );
  }
  const ifNoneMatch = singleHeader(req, 'if-none-match');
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, found.etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  // If-Range: the range only applies while the object is still the one the client started on.
  const ifRange = singleHeader(req, 'if-range');
  const rangeHeader =
    ifRange === undefined || etagMatches(ifRange, found.etag) ? singleHeader(req, 'range') : undefined;
  const range = resolveRange(rangeHeader, found.size);
  if (range.kind === 'unsatisfiable') {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
      'Content-Range': `bytes */${found.size}`,
    });
  }

  let stream: Readable | undefined;
  if (method === 'GET') {
    try {
      // Opened before the headers go out: a replace between the row read and here removes the old file.
      stream = await openObjectStream(found, range.kind === 'partial' ? range : undefined);
    } catch {
      throw new S3Error(
        'NoSuchKey',
        'The specified key was replaced or deleted while being read; retry',
        404,
      );
    }
  }
  const wantChecksum = singleHeader(req, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED';
  if (range.kind === 'partial') {
    res.writeHead(206, {
      ...common,
      'Content-Length': range.end - range.start + 1,
      'Content-Range': `bytes ${range.start}-${range.end}/${found.size}`,
    });
  } else {
    res.writeHead(200, {
      ...common,
      'Content-Length': found.size,
      ...(wantChecksum && found.checksum
        ? {
            [checksumHeaderName(found.checksum.algorithm)]: found.checksum.value,
            'x-amz-checksum-type': found.checksum.type,
          }
        : {}),
    });
  }
  if (stream === undefined) {
    res.end();
    return;
  }
  await pipeline(stream, res);
}

function objectHeaders(found: StoredObject, requestId: string): Record<string, string> {
  return {
    'x-amz-request-id': requestId,
    'Content-Type': found.contentType,
    ETag: etagOf(found.etag),
    'Last-Modified': new Date(found.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
    ...(found.contentEncoding ? { 'Content-Encoding': found.contentEncoding } : {}),
  };
}
