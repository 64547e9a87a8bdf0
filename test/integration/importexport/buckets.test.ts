/** The Job step's bucket checks against the embedded endpoint's S3, through the real @aws-sdk/client-s3. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketNameProblem, checkBucket, listBuckets } from '../../../electron/importexport/buckets';
import { ACCOUNT_A, MISSING_BUCKET, startTestService, type TestService } from '../../helpers/service';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.close();
});

const target = () => ({
  endpoint: service.url,
  credentials: { accessKeyId: ACCOUNT_A.accessKeyId, secretAccessKey: ACCOUNT_A.secretAccessKey },
});

describe('buckets', () => {
  it("lists the account's buckets with their regions, and no one else's", async () => {
    const list = await listBuckets(target());
    expect(list.listProblem).toBeNull();
    expect(list.buckets).toEqual([
      { name: 'alpha-eu', region: 'eu-west-1' },
      { name: 'alpha-import', region: 'us-east-1' },
      { name: 'alpha-logs', region: 'us-east-1' },
    ]);
  });

  it("says a bucket is the account's, with its region", async () => {
    expect(await checkBucket(target(), 'alpha-eu')).toMatchObject({
      verdict: 'ok',
      exists: true,
      owned: true,
      region: 'eu-west-1',
      problem: null,
    });
  });

  it("tells a missing bucket from someone else's", async () => {
    const missing = await checkBucket(target(), MISSING_BUCKET);
    expect(missing).toMatchObject({ verdict: 'missing', exists: false });
    expect(missing.problem).toMatch(/no bucket named "no-such-bucket-anywhere"/);
    const theirs = await checkBucket(target(), 'bravo-import');
    expect(theirs).toMatchObject({ verdict: 'not-owned', exists: true, owned: false });
    expect(theirs.problem).toMatch(/not this account's/);
  });

  it('refuses a name S3 would refuse, before asking', async () => {
    expect(bucketNameProblem('My_Bucket')).toMatch(/lower-case letters/);
    expect(bucketNameProblem('ab')).toMatch(/3 to 63/);
    expect((await checkBucket(target(), 'My_Bucket')).verdict).toBe('invalid-name');
  });

  it('falls back to a typed name when the S3 endpoint cannot list', async () => {
    const list = await listBuckets({
      ...target(),
      credentials: { accessKeyId: 'AKIANOBODY00000000', secretAccessKey: 'x'.repeat(40) },
    });
    expect(list.buckets).toEqual([]);
    expect(list.listProblem).toMatch(/could not be listed: .*Type the bucket's name/);
  });
});
