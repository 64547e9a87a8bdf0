/**
 * boto3's S3 client against the embedded endpoint, with its defaults: put/get, a ranged get, upload_file
 * (multipart above 8 MiB) and download_file (ranged, concurrent GETs), ListBuckets and HeadBucket. Debian's
 * python3-boto3 and, when present, a newer boto3 on PATH (which adds CRC32 checksums by default); presigned
 * URLs in both of boto3's forms. The driver is test/fixtures/boto3/s3_driver.py.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boto3Interpreters, boto3SkipReason, runPythonJson } from '../../helpers/python';
import { ACCOUNT_A, makeTempDir, startTestService, type TestService } from '../../helpers/service';

const DRIVER = 'test/fixtures/boto3/s3_driver.py';
const skip = boto3SkipReason('boto3 S3 tests');

interface Outcome {
  name: string;
  ok: boolean;
  result?: unknown;
  code?: string;
  status?: number;
  requests: Record<string, string>[];
}

let service: TestService;
beforeAll(async () => {
  if (!skip) service = await startTestService();
});
afterAll(async () => {
  await service?.close();
});

describe.skipIf(skip !== undefined)('boto3 S3 client', () => {
  for (const { python, version } of skip ? [] : boto3Interpreters()) {
    it(`boto3 ${version} (${python}): put, get, range, upload_file in parts, download_file, buckets`, async () => {
      const workDir = await makeTempDir('dockhand-boto3-');
      try {
        const out = await runPythonJson<{ results: Outcome[] }>(python, DRIVER, {
          endpoint: service.url,
          accessKeyId: ACCOUNT_A.accessKeyId,
          secretAccessKey: ACCOUNT_A.secretAccessKey,
          bucket: 'alpha-import',
          workDir,
        });
        const get = (name: string): Outcome => {
          const r = out.results.find((x) => x.name === name);
          if (!r) throw new Error(`the driver ran no scenario ${name}`);
          return r;
        };
        expect(get('put_object')).toMatchObject({
          ok: true,
          result: expect.stringMatching(/^"[0-9a-f]{32}"$/),
        });
        expect(get('get_object')).toMatchObject({ ok: true, result: true });
        expect(get('get_object_range')).toMatchObject({ ok: true, result: ['bytes 10-19/100000', true] });
        // 20 MiB through upload_file: three parts of 8, 8 and 4 MiB, completed as S3 would.
        expect(get('upload_file')).toMatchObject({ ok: true });
        const uploads = get('upload_file').requests;
        expect(uploads.length).toBe(5); // create, three parts, complete
        expect(get('head_big')).toMatchObject({
          ok: true,
          result: expect.stringMatching(/^"[0-9a-f]{32}-3"$/),
        });
        expect(get('download_file')).toMatchObject({ ok: true, result: true });
        expect(get('download_file').requests.filter((h) => h.range !== undefined).length).toBe(3);
        expect(get('list_buckets')).toMatchObject({
          ok: true,
          result: ['alpha-eu', 'alpha-import', 'alpha-logs'],
        });
        expect(get('head_bucket')).toMatchObject({ ok: true, result: 'us-east-1' });
        expect(get('list_objects_v2')).toMatchObject({
          ok: true,
          result: expect.arrayContaining(['boto3/big.bin', 'boto3/small.bin']),
        });
        // Presigned URLs: boto3's default for S3 with an endpoint URL is SigV2's query form; 's3v4' gives
        // SigV4's. Both work for GET and PUT; an expired one is 403 AccessDenied, a forged one 403.
        expect(get('presigned_get')).toMatchObject({ ok: true, result: ['AWSAccessKeyId', true] });
        expect(get('presigned_put')).toMatchObject({
          ok: true,
          result: [200, 'put through a presigned URL'],
        });
        expect(get('presigned_get_v4')).toMatchObject({ ok: true, result: ['X-Amz-Algorithm', true] });
        expect(get('presigned_put_v4')).toMatchObject({
          ok: true,
          result: [200, 'put through a SigV4 presigned URL'],
        });
        expect(get('presigned_expired')).toMatchObject({ ok: true, result: [403, 'AccessDenied'] });
        expect(get('presigned_wrong_secret')).toMatchObject({
          ok: true,
          result: [403, 'SignatureDoesNotMatch'],
        });
        expect(get('get_missing')).toMatchObject({ ok: false, code: 'NoSuchKey', status: 404 });
        const [major, minor] = version.split('.').map(Number) as [number, number];
        if (major > 1 || minor >= 36) {
          // boto3 1.36+ sends a CRC32 with every upload by default; the endpoint verified it.
          expect(get('put_object').requests[0]?.['x-amz-checksum-crc32']).toMatch(/^[A-Za-z0-9+/]{6}==$/);
        }
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    }, 180_000);
  }
});
