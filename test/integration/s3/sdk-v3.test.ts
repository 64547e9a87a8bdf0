/**
 * What today's @aws-sdk/client-s3 and @aws-sdk/lib-storage send, with their defaults (CRC32 checksums on):
 * multipart uploads, aws-chunked streaming bodies with trailing checksums, explicit checksum algorithms,
 * ranged and conditional downloads, and the multipart refusals S3 gives.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumOf, compositeChecksum } from '../../../electron/service/objects/checksums';
import { s3Client, s3Failure } from '../../helpers/s3';
import { ACCOUNT_A, ACCOUNT_B, startTestService, type TestService } from '../../helpers/service';

const MiB = 1024 * 1024;
const BUCKET = 'alpha-import';
let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.close();
});

/** Records the headers of every request the client sends (after signing). */
function recordHeaders(client: S3Client): Record<string, string>[] {
  const seen: Record<string, string>[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) seen.push({ ...request.headers });
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'recordHeaders' },
  );
  return seen;
}

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

async function bodyOf(client: S3Client, Key: string, Range?: string): Promise<Buffer> {
  const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key, ...(Range ? { Range } : {}) }));
  return Buffer.from(await got.Body!.transformToByteArray());
}

describe('multipart upload with @aws-sdk/lib-storage', () => {
  it('uploads 20 MiB in 5 MiB parts with default checksums; ETag and CRC32 are S3-style "-4"', async () => {
    const s3 = s3Client(service, ACCOUNT_A);
    const data = randomBytes(20 * MiB);
    const upload = new Upload({
      client: s3,
      params: { Bucket: BUCKET, Key: 'big/twenty.bin', Body: data, ContentType: 'application/x-test' },
      partSize: 5 * MiB,
      queueSize: 2,
    });
    const done = await upload.done();
    const parts = [0, 1, 2, 3].map((i) => data.subarray(i * 5 * MiB, (i + 1) * 5 * MiB));
    const expectedEtag = `${createHash('md5')
      .update(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest())))
      .digest('hex')}-4`;
    expect(done.ETag).toBe(`"${expectedEtag}"`);

    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'big/twenty.bin', ChecksumMode: 'ENABLED' }),
    );
    expect(head.ContentLength).toBe(20 * MiB);
    expect(head.ContentType).toBe('application/x-test');
    expect(head.ChecksumCRC32).toBe(
      compositeChecksum(
        'CRC32',
        parts.map((p) => checksumOf('CRC32', p)),
      ),
    );
    expect(head.ChecksumType).toBe('COMPOSITE');
    expect(md5(await bodyOf(s3, 'big/twenty.bin'))).toBe(md5(data));

    // The parts were assembled and removed; nothing named after the key exists on disk.
    const bucketDir = path.join(service.dataDir, 'buckets', BUCKET);
    expect(await readdir(path.join(bucketDir, 'parts'))).toEqual([]);
    const files = await readdir(bucketDir, { recursive: true });
    expect(files.some((f) => f.includes('twenty'))).toBe(false);
  });

  it('keeps a FULL_OBJECT CRC32C when the upload asks for one', async () => {
    const s3 = s3Client(service, ACCOUNT_A);
    const data = randomBytes(11 * MiB);
    const created = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'big/full.bin',
        ChecksumAlgorithm: 'CRC32C',
        ChecksumType: 'FULL_OBJECT',
      }),
    );
    const pieces = [data.subarray(0, 6 * MiB), data.subarray(6 * MiB)];
    const etags = [];
    for (const [i, Body] of pieces.entries()) {
      const part = await s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: 'big/full.bin',
          UploadId: created.UploadId,
          PartNumber: i + 1,
          Body,
          ChecksumAlgorithm: 'CRC32C',
        }),
      );
      expect(part.ChecksumCRC32C).toBe(checksumOf('CRC32C', Body));
      etags.push({ PartNumber: i + 1, ETag: part.ETag, ChecksumCRC32C: part.ChecksumCRC32C });
    }
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'big/full.bin',
        UploadId: created.UploadId,
        MultipartUpload: { Parts: etags },
      }),
    );
    expect(done.ChecksumCRC32C).toBe(checksumOf('CRC32C', data));
    expect(done.ChecksumType).toBe('FULL_OBJECT');
    // A whole-object checksum is returned on GET and the SDK validates it against the bytes.
    const got = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'big/full.bin', ChecksumMode: 'ENABLED' }),
    );
    expect(got.ChecksumCRC32C).toBe(checksumOf('CRC32C', data));
    expect(md5(Buffer.from(await got.Body!.transformToByteArray()))).toBe(md5(data));
  });

  it('lists parts, aborts, and refuses parts out of order, unknown ETags, small parts and other accounts', async () => {
    const s3 = s3Client(service, ACCOUNT_A);
    const Key = 'big/refusals.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    const small = await s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: Buffer.alloc(1000, 1) }),
    );
    const second = await s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 2, Body: Buffer.alloc(2000, 2) }),
    );
    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([
      [1, 1000, small.ETag],
      [2, 2000, second.ETag],
    ]);
    const complete = (Parts: { PartNumber: number; ETag?: string }[]) =>
      s3.send(
        new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts } }),
      );
    expect(
      await s3Failure(
        complete([
          { PartNumber: 2, ETag: second.ETag },
          { PartNumber: 1, ETag: small.ETag },
        ]),
      ),
    ).toMatchObject({ name: 'InvalidPartOrder', status: 400 });
    expect(await s3Failure(complete([{ PartNumber: 1, ETag: '"0123"' }]))).toMatchObject({
      name: 'InvalidPart',
      status: 400,
    });
    expect(
      await s3Failure(
        complete([
          { PartNumber: 1, ETag: small.ETag },
          { PartNumber: 2, ETag: second.ETag },
        ]),
      ),
    ).toMatchObject({ name: 'EntityTooSmall', status: 400 });
    const other = s3Client(service, ACCOUNT_B);
    expect(
      await s3Failure(other.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId }))),
    ).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
    expect(
      await s3Failure(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'big/other-key', UploadId }))),
    ).toMatchObject({ name: 'NoSuchUpload', status: 404 });

    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId }));
    expect(await s3Failure(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId })))).toMatchObject({
      name: 'NoSuchUpload',
      status: 404,
    });
    expect(await readdir(path.join(service.dataDir, 'buckets', BUCKET, 'parts'))).toEqual([]);
    expect(await s3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key })))).toMatchObject({
      status: 404,
    });
  });
});

describe('checksums and aws-chunked bodies', () => {
  it('streams a body of known length aws-chunked with a trailing CRC32, verified and returned', async () => {
    const s3 = s3Client(service, ACCOUNT_A);
    const sent = recordHeaders(s3);
    const data = randomBytes(300 * 1024 + 7);
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'stream/chunked.bin',
        Body: Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]),
        ContentLength: data.length,
      }),
    );
    const headers = sent.at(-1) ?? {};
    expect(headers['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(headers['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    expect(put.ChecksumCRC32).toBe(checksumOf('CRC32', data));
    expect(put.ETag).toBe(`"${md5(data)}"`);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'stream/chunked.bin', ChecksumMode: 'ENABLED' }),
    );
    expect(head.ContentLength).toBe(data.length);
    // aws-chunked is how the body travelled, not how the object is encoded.
    expect(head.ContentEncoding).toBeUndefined();
    expect(head.ChecksumCRC32).toBe(checksumOf('CRC32', data));
    expect(md5(await bodyOf(s3, 'stream/chunked.bin'))).toBe(md5(data));
  });

  it.each(['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const)('verifies and returns %s', async (algorithm) => {
    const s3 = s3Client(service, ACCOUNT_A);
    const data = Buffer.from(`checksum ${algorithm} `.repeat(1000));
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `sums/${algorithm}`,
        Body: data,
        ChecksumAlgorithm: algorithm,
      }),
    );
    expect(put[`Checksum${algorithm}`]).toBe(checksumOf(algorithm, data));
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: `sums/${algorithm}`, ChecksumMode: 'ENABLED' }),
    );
    expect(head[`Checksum${algorithm}`]).toBe(checksumOf(algorithm, data));
  });

  it('refuses a checksum that does not match the bytes with 400 BadDigest, storing nothing', async () => {
    const s3 = s3Client(service, ACCOUNT_A);
    const failure = await s3Failure(
      s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'sums/wrong',
          Body: Buffer.from('these bytes'),
          ChecksumCRC32: checksumOf('CRC32', Buffer.from('other bytes')),
        }),
      ),
    );
    expect(failure).toMatchObject({ name: 'BadDigest', status: 400 });
    expect(
      await s3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'sums/wrong' }))),
    ).toMatchObject({
      status: 404,
    });
  });
});

describe('DeleteObjects', () => {
  it('deletes a batch (a missing key counts as deleted), quietly or not', async () => {
    const s3 = s3Client(service, ACCOUNT_A);
    for (const Key of ['batch/a', 'batch/b', 'batch/c']) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: Key }));
    }
    const out = await s3.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Objects: [{ Key: 'batch/a' }, { Key: 'batch/b' }, { Key: 'batch/never' }] },
      }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['batch/a', 'batch/b', 'batch/never']);
    expect(out.Errors ?? []).toEqual([]);
    const quiet = await s3.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'batch/c' }], Quiet: true } }),
    );
    expect(quiet.Deleted ?? []).toEqual([]);
    for (const Key of ['batch/a', 'batch/b', 'batch/c']) {
      expect(await s3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key })))).toMatchObject({
        status: 404,
      });
    }
    const other = s3Client(service, ACCOUNT_B);
    expect(
      await s3Failure(
        other.send(
          new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'range/data.bin' }] } }),
        ),
      ),
    ).toMatchObject({ name: 'AccessDenied', status: 403 });
  });
});

describe('ranged and conditional GET', () => {
  it('answers 206 with Content-Range, a suffix range, and 416 past the end', async () => {
    const s3 = s3Client(service, ACCOUNT_A);
    const data = randomBytes(100_000);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'range/data.bin', Body: data }));
    const part = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'range/data.bin', Range: 'bytes=1000-1999' }),
    );
    expect(part.$metadata.httpStatusCode).toBe(206);
    expect(part.ContentRange).toBe('bytes 1000-1999/100000');
    expect(part.ContentLength).toBe(1000);
    expect(Buffer.from(await part.Body!.transformToByteArray()).equals(data.subarray(1000, 2000))).toBe(true);
    expect((await bodyOf(s3, 'range/data.bin', 'bytes=-10')).equals(data.subarray(99_990))).toBe(true);

    // A download resumed piece by piece reassembles the object.
    const pieces: Buffer[] = [];
    for (let at = 0; at < data.length; at += 30_000) {
      pieces.push(
        await bodyOf(s3, 'range/data.bin', `bytes=${at}-${Math.min(at + 29_999, data.length - 1)}`),
      );
    }
    expect(Buffer.concat(pieces).equals(data)).toBe(true);

    const past = await s3Failure(
      s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range/data.bin', Range: 'bytes=100000-' })),
    );
    expect(past).toMatchObject({ name: 'InvalidRange', status: 416 });
    expect(past.headers['content-range']).toBe('bytes */100000');
  });

  it('honours If-Match, If-None-Match and If-Range', async () => {
    const s3 = s3Client(service, ACCOUNT_A);
    const put = await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'range/cond.txt', Body: 'abcdefghij' }),
    );
    expect(
      await s3Failure(
        s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range/cond.txt', IfMatch: '"nope"' })),
      ),
    ).toMatchObject({ name: 'PreconditionFailed', status: 412 });
    const notModified = await s3Failure(
      s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range/cond.txt', IfNoneMatch: put.ETag })),
    );
    expect(notModified.status).toBe(304);
    // If-Range with a stale ETag: the whole (new) object, not a piece of it. The SDK has no IfRange
    // parameter, so the header is added before signing.
    const withIfRange = (etag: string): S3Client => {
      const client = s3Client(service, ACCOUNT_A);
      client.middlewareStack.add(
        (next) => async (args) => {
          (args.request as { headers: Record<string, string> }).headers['if-range'] = etag;
          return next(args);
        },
        { step: 'build', name: 'ifRange' },
      );
      return client;
    };
    const stale = await withIfRange('"stale"').send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'range/cond.txt', Range: 'bytes=0-1' }),
    );
    expect(await stale.Body!.transformToString()).toBe('abcdefghij');
    const current = await withIfRange(put.ETag ?? '').send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'range/cond.txt', Range: 'bytes=0-1' }),
    );
    expect(await current.Body!.transformToString()).toBe('ab');
  });
});
