/** The S3 REST API of the embedded endpoint, driven by the real @aws-sdk/client-s3 (v3). */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../../electron/service/objects/batch-import';
import { openObjectStore } from '../../../electron/service/objects/index';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  MISSING_BUCKET,
  startTestService,
  type TestService,
} from '../../helpers/service';

let service: TestService;

function s3For(account: { accessKeyId: string; secretAccessKey: string }, region = 'us-east-1'): S3Client {
  return new S3Client({
    endpoint: service.url,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    maxAttempts: 1,
  });
}

async function s3Error(promise: Promise<unknown>): Promise<{ name: string; status: number }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof S3ServiceException)
      return { name: err.name, status: err.$metadata.httpStatusCode ?? 0 };
    throw err;
  }
  throw new Error('expected the S3 call to fail');
}

beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.close();
});

describe('S3 API on the embedded endpoint', () => {
  it('puts, gets and heads an object with its type, size and MD5 ETag', async () => {
    const s3 = s3For(ACCOUNT_A);
    const body = Buffer.from('hello, dock\n');
    const md5 = createHash('md5').update(body).digest('hex');
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'alpha-import',
        Key: 'docs/a b+c.txt',
        Body: body,
        ContentType: 'text/plain',
      }),
    );
    expect(put.ETag).toBe(`"${md5}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'alpha-import', Key: 'docs/a b+c.txt' }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);
    expect(got.ContentType).toBe('text/plain');
    expect(got.ETag).toBe(`"${md5}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'alpha-import', Key: 'docs/a b+c.txt' }));
    expect(head.ContentLength).toBe(body.length);
    expect(await s3Error(s3.send(new GetObjectCommand({ Bucket: 'alpha-import', Key: 'nope' })))).toEqual({
      name: 'NoSuchKey',
      status: 404,
    });
  });

  it('replaces an object atomically and keeps keys like ../x and /etc/passwd inside the bucket', async () => {
    const s3 = s3For(ACCOUNT_A, 'eu-central-1');
    for (const key of ['../escape', '/etc/passwd', '..', 'a/../../b']) {
      await s3.send(
        new PutObjectCommand({ Bucket: 'alpha-import', Key: key, Body: Buffer.from(`one ${key}`) }),
      );
      await s3.send(
        new PutObjectCommand({ Bucket: 'alpha-import', Key: key, Body: Buffer.from(`two ${key}`) }),
      );
      const got = await s3.send(new GetObjectCommand({ Bucket: 'alpha-import', Key: key }));
      expect(await got.Body!.transformToString()).toBe(`two ${key}`);
    }
    // Nothing was written outside <dataDir>/buckets/alpha-import, and no file carries a key as its name.
    expect((await readdir(service.dataDir)).sort()).not.toContain('escape');
    const files = await readdir(path.join(service.dataDir, 'buckets', 'alpha-import'), { recursive: true });
    expect(files.some((f) => f.includes('escape') || f.includes('passwd'))).toBe(false);
  });

  it('lists with prefix, delimiter, max-keys, continuation and start-after', async () => {
    const s3 = s3For(ACCOUNT_A);
    const keys = ['list/a.txt', 'list/b/1.txt', 'list/b/2.txt', 'list/c.txt', 'list/d/x/y.txt', 'list/e.txt'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: 'alpha-logs', Key, Body: Key }));
    const all = await s3.send(new ListObjectsV2Command({ Bucket: 'alpha-logs', Prefix: 'list/' }));
    expect(all.Contents?.map((c) => c.Key)).toEqual(keys);
    const grouped = await s3.send(
      new ListObjectsV2Command({ Bucket: 'alpha-logs', Prefix: 'list/', Delimiter: '/' }),
    );
    expect(grouped.Contents?.map((c) => c.Key)).toEqual(['list/a.txt', 'list/c.txt', 'list/e.txt']);
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['list/b/', 'list/d/']);

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: 'alpha-logs',
          Prefix: 'list/',
          Delimiter: '/',
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      );
      seen.push(
        ...(page.Contents ?? []).map((c) => c.Key!),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
      );
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(seen.sort()).toEqual(['list/a.txt', 'list/b/', 'list/c.txt', 'list/d/', 'list/e.txt']);

    const after = await s3.send(
      new ListObjectsV2Command({ Bucket: 'alpha-logs', Prefix: 'list/', StartAfter: 'list/c.txt' }),
    );
    expect(after.Contents?.map((c) => c.Key)).toEqual(['list/d/x/y.txt', 'list/e.txt']);
    await s3.send(new DeleteObjectCommand({ Bucket: 'alpha-logs', Key: 'list/e.txt' }));
    const afterDelete = await s3.send(new ListObjectsV2Command({ Bucket: 'alpha-logs', Prefix: 'list/e' }));
    expect(afterDelete.KeyCount).toBe(0);
  });

  it('refuses a wrong secret, a foreign bucket and an unknown bucket', async () => {
    const wrong = s3For({
      accessKeyId: ACCOUNT_A.accessKeyId,
      secretAccessKey: 'not-the-secret-key-at-all-0000000000000',
    });
    expect(
      await s3Error(wrong.send(new PutObjectCommand({ Bucket: 'alpha-import', Key: 'k', Body: 'x' }))),
    ).toEqual({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    const b = s3For(ACCOUNT_B);
    expect(
      await s3Error(b.send(new GetObjectCommand({ Bucket: 'alpha-import', Key: 'docs/a b+c.txt' }))),
    ).toEqual({
      name: 'AccessDenied',
      status: 403,
    });
    expect(await s3Error(b.send(new ListObjectsV2Command({ Bucket: MISSING_BUCKET })))).toEqual({
      name: 'NoSuchBucket',
      status: 404,
    });
  });

  it('serves objects the dock packed together, whole and by range, each with only its own bytes', async () => {
    // What `dockhand service dock receive` does: a batch of small files into one pack, from another
    // connection to the same store.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-s3-packed-'));
    const bodies = ['one', 'two', 'three'].map((n, i) => Buffer.from(`${n}:`.padEnd(100 + i * 37, n[0])));
    const store = openObjectStore(service.dataDir);
    try {
      await Promise.all(bodies.map((b, i) => writeFile(path.join(dir, `f${i}`), b)));
      await importFiles(
        store,
        'alpha-import',
        bodies.map((_, i) => ({
          key: `packed/f${i}`,
          source: path.join(dir, `f${i}`),
          headersFor: () => ({ contentType: 'text/plain' }),
        })),
      );
    } finally {
      store.close();
      await rm(dir, { recursive: true, force: true });
    }
    const s3 = s3For(ACCOUNT_A);
    for (const [i, body] of bodies.entries()) {
      const got = await s3.send(new GetObjectCommand({ Bucket: 'alpha-import', Key: `packed/f${i}` }));
      expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);
      expect(got.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    }
    const ranged = await s3.send(
      new GetObjectCommand({ Bucket: 'alpha-import', Key: 'packed/f1', Range: 'bytes=-5' }),
    );
    expect(ranged.ContentRange).toBe(
      `bytes ${bodies[1]!.length - 5}-${bodies[1]!.length - 1}/${bodies[1]!.length}`,
    );
    expect(Buffer.from(await ranged.Body!.transformToByteArray())).toEqual(bodies[1]!.subarray(-5));
  });

  it('still answers the Import/Export API on / beside S3', async () => {
    const res = await fetch(`${service.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Import\/Export endpoint/);
  });
});
