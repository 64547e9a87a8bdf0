/** ListBuckets, HeadBucket and GetBucketLocation through the current @aws-sdk/client-s3, account by account. */
import {
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  MISSING_BUCKET,
  startTestService,
  type TestService,
} from '../../helpers/service';
import { s3Client, s3Failure } from '../../helpers/s3';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.close();
});

describe('ListBuckets', () => {
  it("lists only the caller's buckets, with their regions and a creation date that stays put", async () => {
    const a = await s3Client(service, ACCOUNT_A).send(new ListBucketsCommand({}));
    expect(a.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([
      ['alpha-eu', 'eu-west-1'],
      ['alpha-import', 'us-east-1'],
      ['alpha-logs', 'us-east-1'],
    ]);
    expect(a.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    const b = await s3Client(service, ACCOUNT_B, 'us-west-2').send(new ListBucketsCommand({}));
    expect(b.Buckets?.map((x) => x.Name)).toEqual(['bravo-import', 'bravo-logs']);
    expect(b.Owner?.ID).not.toBe(a.Owner?.ID);

    const again = await s3Client(service, ACCOUNT_A).send(new ListBucketsCommand({}));
    expect(again.Buckets?.map((x) => x.CreationDate?.toISOString())).toEqual(
      a.Buckets?.map((x) => x.CreationDate?.toISOString()),
    );
  });

  it('filters by prefix and region and pages with max-buckets', async () => {
    const s3 = s3Client(service, ACCOUNT_A);
    const byPrefix = await s3.send(new ListBucketsCommand({ Prefix: 'alpha-i' }));
    expect(byPrefix.Buckets?.map((b) => b.Name)).toEqual(['alpha-import']);
    expect(byPrefix.Prefix).toBe('alpha-i');
    const byRegion = await s3.send(new ListBucketsCommand({ BucketRegion: 'eu-west-1' }));
    expect(byRegion.Buckets?.map((b) => b.Name)).toEqual(['alpha-eu']);
    const names: string[] = [];
    for await (const page of paginateListBuckets({ client: s3 }, { MaxBuckets: 2 })) {
      expect((page.Buckets ?? []).length).toBeLessThanOrEqual(2);
      names.push(...(page.Buckets ?? []).map((b) => b.Name ?? ''));
    }
    expect(names).toEqual(['alpha-eu', 'alpha-import', 'alpha-logs']);
  });

  it('refuses a wrong secret with 403 SignatureDoesNotMatch', async () => {
    const wrong = s3Client(service, { accessKeyId: ACCOUNT_A.accessKeyId, secretAccessKey: 'x'.repeat(40) });
    expect(await s3Failure(wrong.send(new ListBucketsCommand({})))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
  });

  it('leaves GET / unsigned, and the Import/Export banner, as they were', async () => {
    const res = await fetch(`${service.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Import\/Export endpoint/);
  });
});

describe('HeadBucket', () => {
  it('answers 200 with the region for an own bucket, 403 for another account, 404 for none', async () => {
    const a = s3Client(service, ACCOUNT_A);
    const own = await a.send(new HeadBucketCommand({ Bucket: 'alpha-eu' }));
    expect(own.BucketRegion).toBe('eu-west-1');
    expect(own.$metadata.httpStatusCode).toBe(200);

    const foreign = await s3Failure(a.send(new HeadBucketCommand({ Bucket: 'bravo-import' })));
    expect(foreign.status).toBe(403);
    expect(foreign.headers['x-amz-bucket-region']).toBe('us-west-2');

    const missing = await s3Failure(a.send(new HeadBucketCommand({ Bucket: MISSING_BUCKET })));
    expect(missing).toMatchObject({ name: 'NotFound', status: 404 });
  });

  it('gives the location constraint (empty for us-east-1, as S3)', async () => {
    const a = s3Client(service, ACCOUNT_A);
    expect((await a.send(new GetBucketLocationCommand({ Bucket: 'alpha-eu' }))).LocationConstraint).toBe(
      'eu-west-1',
    );
    expect(
      (await a.send(new GetBucketLocationCommand({ Bucket: 'alpha-import' }))).LocationConstraint ?? '',
    ).toBe('');
  });
});
