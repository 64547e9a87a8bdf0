/**
 * A stock boto3 `importexport` client against the embedded endpoint, with its defaults and the signing
 * variants people configure: Debian's python3-boto3 (botocore 1.29) and, when present, a newer boto3 on
 * PATH. The driver is test/fixtures/boto3/importexport_driver.py; every scenario's outcome is asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boto3Interpreters, boto3SkipReason, runPythonJson } from '../../helpers/python';
import { ACCOUNT_A, manifest, startTestService, type TestService } from '../../helpers/service';

const DRIVER = 'test/fixtures/boto3/importexport_driver.py';
const skip = boto3SkipReason('boto3 importexport tests');

interface Outcome {
  name: string;
  ok: boolean;
  status?: number;
  code?: string;
  message?: string;
  scope?: string;
  contentSha256?: string | null;
  result?: unknown;
}

let service: TestService;
beforeAll(async () => {
  if (!skip) service = await startTestService();
});
afterAll(async () => {
  await service?.close();
});

describe.skipIf(skip !== undefined)('boto3 importexport client', () => {
  for (const { python, version } of skip ? [] : boto3Interpreters()) {
    it(`boto3 ${version} (${python}): SigV4 header and presigned forms, scopes, payload hashes, wrong secrets`, async () => {
      const out = await runPythonJson<{ results: Outcome[] }>(python, DRIVER, {
        endpoint: service.url,
        accessKeyId: ACCOUNT_A.accessKeyId,
        secretAccessKey: ACCOUNT_A.secretAccessKey,
        manifest: manifest('s3-import'),
      });
      const by = new Map(out.results.map((r) => [r.name, r]));
      const get = (name: string): Outcome => {
        const r = by.get(name);
        if (!r) throw new Error(`the driver ran no scenario ${name}`);
        return r;
      };
      // With no configuration boto3 signs SigV4 scoped to IngestionService in us-east-1 (botocore's endpoint
      // data), although the service model says v2; that is the call issue 11 found refused.
      expect(get('default')).toMatchObject({ ok: true, result: 0 });
      expect(get('default').scope).toMatch(/^\d{8}\/us-east-1\/IngestionService\/aws4_request$/);
      expect(get('v4')).toMatchObject({ ok: true });
      // 's3v4' makes botocore 1.29 add X-Amz-Content-SHA256 with the body's real hash.
      expect(get('s3v4')).toMatchObject({ ok: true });
      if (version.startsWith('1.26.')) {
        expect(get('s3v4').contentSha256).toMatch(/^[0-9a-f]{64}$/);
        expect(get('v2')).toMatchObject({ ok: true, scope: 'SigV2' });
      } else {
        expect(get('v2')).toMatchObject({ ok: true });
      }
      expect(get('create-job-validate-only')).toMatchObject({
        ok: true,
        result: expect.stringMatching(/-VALIDATE-ONLY$/),
      });
      expect(get('unsigned-payload')).toMatchObject({ ok: true, status: 200 });
      expect(get('importexport-scope')).toMatchObject({ ok: true, status: 200 });
      expect(get('presigned-post')).toMatchObject({ ok: true, status: 200 });
      expect(get('presigned-get')).toMatchObject({ ok: true, status: 200 });

      for (const name of ['wrong-secret', 'wrong-secret-v2', 'presigned-wrong-secret']) {
        expect(get(name), name).toMatchObject({ ok: false, status: 403, code: 'SignatureDoesNotMatch' });
      }
      expect(get('wrong-service')).toMatchObject({
        ok: false,
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: "Credential should be scoped to correct service: 'importexport'.",
      });
      expect(get('wrong-region')).toMatchObject({
        ok: false,
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: "Credential should be scoped to a valid region, not 'eu-west-1'.",
      });
    }, 120_000);
  }
});
