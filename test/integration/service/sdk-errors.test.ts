/**
 * Every error path of the embedded endpoint as the AWS SDK v2 reports it: the error `code` and the HTTP
 * `statusCode` a user's code would branch on, and messages that say what was wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  MISSING_BUCKET,
  US_RETURN_ADDRESS,
  manifest,
  manifestFor,
  manifestText,
  sdkClient,
  sdkError,
  startTestService,
  type TestService,
} from '../../helpers/service';

let service: TestService;
let a: ReturnType<typeof sdkClient>;
let b: ReturnType<typeof sdkClient>;
/** Sends what the SDK itself would refuse (missing required parameters). */
let raw: ReturnType<typeof sdkClient>;

beforeAll(async () => {
  service = await startTestService();
  a = sdkClient(service, ACCOUNT_A);
  b = sdkClient(service, ACCOUNT_B);
  raw = sdkClient(service, ACCOUNT_A, { paramValidation: false });
});
afterAll(async () => {
  await service?.close();
});

async function createImport(client = a, account = ACCOUNT_A): Promise<string> {
  const out = await client
    .createJob({ JobType: 'Import', Manifest: manifest('s3-import', account), ValidateOnly: false })
    .promise();
  return out.JobId ?? '';
}

function create(text: string, JobType = 'Import') {
  return a.createJob({ JobType, Manifest: text, ValidateOnly: false }).promise();
}

const ADDRESS = {
  name: 'Jane Roe',
  company: 'Example Corp.',
  street1: '123 Any Street',
  city: 'Anytown',
  stateOrProvince: 'WA',
  postalCode: '91011-1111',
  phoneNumber: '206-555-1111',
  country: 'USA',
};

describe('InvalidJobIdException', () => {
  it('names an unknown job in every job operation', async () => {
    const id = 'ZZZZ9';
    const calls = [
      a.getStatus({ JobId: id }).promise(),
      a.cancelJob({ JobId: id }).promise(),
      a
        .updateJob({ JobId: id, JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
        .promise(),
      a.getShippingLabel({ jobIds: [id], ...ADDRESS }).promise(),
    ];
    for (const call of calls) {
      const e = await sdkError(call);
      expect(e.code).toBe('InvalidJobIdException');
      expect(e.statusCode).toBe(400);
      expect(e.message).toBe(`No such job ${id} for your account`);
    }
  });

  it('treats another account’s job as no such job, and leaves it untouched', async () => {
    const id = await createImport(b, ACCOUNT_B);
    for (const call of [
      a.getStatus({ JobId: id }).promise(),
      a.cancelJob({ JobId: id }).promise(),
      a
        .updateJob({ JobId: id, JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
        .promise(),
      a.getShippingLabel({ jobIds: [id], ...ADDRESS }).promise(),
    ]) {
      const e = await sdkError(call);
      expect(e.code).toBe('InvalidJobIdException');
      expect(e.statusCode).toBe(400);
      expect(e.message).toBe(`No such job ${id} for your account`);
    }
    const s = await b.getStatus({ JobId: id }).promise();
    expect(s.ProgressCode).toBe('Pending');
    expect(s.CurrentManifest).toBe(manifest('s3-import', ACCOUNT_B));
  });

  it('refuses a ListJobs Marker that is another account’s job, listing nothing of either', async () => {
    const theirs = await createImport(b, ACCOUNT_B);
    const e = await sdkError(a.listJobs({ Marker: theirs }).promise());
    expect(e.code).toBe('InvalidParameterException');
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain('Marker');
  });

  it('carries the RequestId the service sent', async () => {
    const e = await sdkError(a.getStatus({ JobId: 'ZZZZ9' }).promise());
    expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a shipping label when one of several ids is unknown', async () => {
    const id = await createImport();
    const e = await sdkError(a.getShippingLabel({ jobIds: [id, 'ZZZZ8'], ...ADDRESS }).promise());
    expect(e.code).toBe('InvalidJobIdException');
    expect(e.message).toContain('ZZZZ8');
  });
});

describe('CanceledJobIdException', () => {
  it('answers a second cancel, an update and a shipping label of a canceled job', async () => {
    const id = await createImport();
    expect((await a.cancelJob({ JobId: id }).promise()).Success).toBe(true);
    for (const call of [
      a.cancelJob({ JobId: id }).promise(),
      a
        .updateJob({ JobId: id, JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
        .promise(),
      a.getShippingLabel({ jobIds: [id], ...ADDRESS }).promise(),
    ]) {
      const e = await sdkError(call);
      expect(e.code).toBe('CanceledJobIdException');
      expect(e.statusCode).toBe(400);
      expect(e.message).toContain(id);
    }
  });
});

describe('request-level errors', () => {
  it('InvalidAccessKeyIdException when the manifest accessKeyId is not the signer’s key', async () => {
    const e = await sdkError(
      create(manifest('s3-import', ACCOUNT_A, { accessKeyId: ACCOUNT_B.accessKeyId })),
    );
    expect(e.code).toBe('InvalidAccessKeyIdException');
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain('accessKeyId');
    // The other account's secret must never be echoed.
    expect(e.message).not.toContain(ACCOUNT_B.secretAccessKey);
  });

  it('InvalidVersionException for an unknown APIVersion, in every operation', async () => {
    const id = await createImport();
    for (const call of [
      a
        .createJob({
          JobType: 'Import',
          Manifest: manifest('s3-import'),
          ValidateOnly: false,
          APIVersion: '9.9-bogus',
        })
        .promise(),
      a.getStatus({ JobId: id, APIVersion: '9.9-bogus' }).promise(),
      a.listJobs({ APIVersion: '9.9-bogus' }).promise(),
      a.cancelJob({ JobId: id, APIVersion: '9.9-bogus' }).promise(),
    ]) {
      const e = await sdkError(call);
      expect(e.code).toBe('InvalidVersionException');
      expect(e.statusCode).toBe(400);
    }
    // None of those reached the job.
    expect((await a.getStatus({ JobId: id }).promise()).ProgressCode).toBe('Pending');
  });

  it('MissingParameterException names the missing parameter', async () => {
    const noManifest = await sdkError(
      raw.createJob({ JobType: 'Import', ValidateOnly: false } as never).promise(),
    );
    expect(noManifest.code).toBe('MissingParameterException');
    expect(noManifest.statusCode).toBe(400);
    expect(noManifest.message).toContain('Manifest');
    const noType = await sdkError(
      raw.createJob({ Manifest: manifest('s3-import'), ValidateOnly: false } as never).promise(),
    );
    expect(noType.code).toBe('MissingParameterException');
    expect(noType.message).toContain('JobType');
    const noId = await sdkError(
      raw
        .updateJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false } as never)
        .promise(),
    );
    expect(['MissingParameterException', 'InvalidJobIdException']).toContain(noId.code);
    expect(noId.statusCode).toBe(400);
  });

  it('InvalidParameterException for a bad JobType and for MaxJobs out of bounds', async () => {
    const badType = await sdkError(create(manifest('s3-import'), 'Transfer'));
    expect(badType.code).toBe('InvalidParameterException');
    expect(badType.statusCode).toBe(400);
    expect(badType.message).toContain('JobType');
    for (const MaxJobs of [1001, -1]) {
      const e = await sdkError(a.listJobs({ MaxJobs }).promise());
      expect(e.code).toBe('InvalidParameterException');
      expect(e.statusCode).toBe(400);
      expect(e.message).toContain('MaxJobs');
    }
  });
});

describe('job type mismatches', () => {
  it('refuses a JobType that contradicts the manifest, in CreateJob and UpdateJob, changing nothing', async () => {
    const before = (await a.listJobs({}).promise()).Jobs?.length;
    const refused = await sdkError(create(manifest('s3-import'), 'Export'));
    expect(refused.statusCode).toBe(400);
    expect(refused.message).toMatch(/JobType|Export|Import/);
    expect((await a.listJobs({}).promise()).Jobs?.length).toBe(before);

    const id = await createImport();
    const update = await sdkError(
      a
        .updateJob({ JobId: id, JobType: 'Export', Manifest: manifest('s3-export'), ValidateOnly: false })
        .promise(),
    );
    expect(update.statusCode).toBe(400);
    const s = await a.getStatus({ JobId: id }).promise();
    expect(s.JobType).toBe('Import');
    expect(s.CurrentManifest).toBe(manifest('s3-import'));
  });

  it('GetShippingLabel without jobIds names the parameter', async () => {
    const e = await sdkError(raw.getShippingLabel({ ...ADDRESS } as never).promise());
    expect(['MissingParameterException', 'InvalidParameterException']).toContain(e.code);
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain('jobIds');
  });
});

describe('manifest errors', () => {
  it('MalformedManifestException for text that is not a manifest, with the real message', async () => {
    const e = await sdkError(create('INVALID MANIFEST'));
    expect(e.code).toBe('MalformedManifestException');
    expect(e.statusCode).toBe(400);
    expect(e.message).toBe('Your manifest is not well-formed');
  });

  it('MissingManifestFieldException names the missing field', async () => {
    const e = await sdkError(create(manifest('s3-import', ACCOUNT_A, { deviceId: undefined })));
    expect(e.code).toBe('MissingManifestFieldException');
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain('deviceId');
  });

  it('InvalidManifestFieldException for a logPrefix beyond 1024 bytes', async () => {
    const e = await sdkError(create(manifest('s3-import', ACCOUNT_A, { logPrefix: 'p'.repeat(1100) })));
    expect(e.code).toBe('InvalidManifestFieldException');
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain('logPrefix');
  });

  it('InvalidAddressException for a PO box and for a missing city', async () => {
    const poBox = await sdkError(
      create(
        manifest('s3-import', ACCOUNT_A, { returnAddress: { ...US_RETURN_ADDRESS, street1: 'PO Box 1234' } }),
      ),
    );
    expect(poBox.code).toBe('InvalidAddressException');
    expect(poBox.statusCode).toBe(400);
    expect(poBox.message).toContain('street1');
    const { city: _city, ...noCity } = US_RETURN_ADDRESS;
    const missing = await sdkError(create(manifest('s3-import', ACCOUNT_A, { returnAddress: noCity })));
    expect(missing.code).toBe('InvalidAddressException');
    expect(missing.message).toContain('city');
  });

  it('InvalidAddressException for a shipping label from a PO box', async () => {
    const id = await createImport();
    const e = await sdkError(
      a.getShippingLabel({ jobIds: [id], ...ADDRESS, street1: 'P.O. Box 77' }).promise(),
    );
    expect(e.code).toBe('InvalidAddressException');
    expect(e.statusCode).toBe(400);
  });

  it('InvalidFileSystemException for an export to an unsupported file system', async () => {
    const e = await sdkError(create(manifest('s3-export', ACCOUNT_A, { fileSystem: 'ZFS' }), 'Export'));
    expect(e.code).toBe('InvalidFileSystemException');
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain('ZFS');
  });

  it('MissingCustomsException / InvalidCustomsException when the return country differs from the bucket’s', async () => {
    const abroad = {
      ...US_RETURN_ADDRESS,
      country: 'Canada',
      stateOrProvince: 'BC',
      city: 'Vancouver',
      postalCode: 'V6B 1A1',
    };
    const missing = await sdkError(create(manifest('s3-import', ACCOUNT_A, { returnAddress: abroad })));
    expect(missing.code).toBe('MissingCustomsException');
    expect(missing.statusCode).toBe(400);

    const customs = {
      dataDescription: 'Backups of lab results.',
      encryptedData: 'yes',
      encryptionClassification: '5D992',
      exportCertifierName: 'John Doe',
      requiresExportLicense: 'no',
      deviceValue: 'priceless',
      deviceCountryOfOrigin: 'China',
      deviceType: 'externalStorageDevice',
      typeOfExport: 'return',
    };
    const invalid = await sdkError(
      create(manifest('s3-import', ACCOUNT_A, { returnAddress: abroad, customs })),
    );
    expect(invalid.code).toBe('InvalidCustomsException');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.message).toContain('deviceValue');

    // With valid customs the same job is accepted.
    const ok = await create(
      manifest('s3-import', ACCOUNT_A, {
        returnAddress: abroad,
        customs: { ...customs, deviceValue: '250.00' },
      }),
    );
    expect(ok.JobId).toBeTruthy();
  });
});

describe('bucket errors', () => {
  it('NoSuchBucketException names the bucket and the field', async () => {
    const e = await sdkError(create(manifest('s3-import', ACCOUNT_A, { bucket: MISSING_BUCKET })));
    expect(e.code).toBe('NoSuchBucketException');
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain(MISSING_BUCKET);
    const exp = manifestFor('s3-export');
    exp.operations = [{ exportBucket: MISSING_BUCKET }];
    const e2 = await sdkError(create(manifestText(exp), 'Export'));
    expect(e2.code).toBe('NoSuchBucketException');
  });

  it('BucketPermissionException for another account’s bucket', async () => {
    const e = await sdkError(
      create(manifest('s3-import', ACCOUNT_A, { bucket: ACCOUNT_B.buckets[0]?.name })),
    );
    expect(e.code).toBe('BucketPermissionException');
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain(ACCOUNT_B.buckets[0]?.name);
  });

  it('MultipleRegionsException when the buckets span regions', async () => {
    const eu = ACCOUNT_A.buckets.find((x) => x.region === 'eu-west-1')?.name;
    const e = await sdkError(create(manifest('s3-import', ACCOUNT_A, { logBucket: eu })));
    expect(e.code).toBe('MultipleRegionsException');
    expect(e.statusCode).toBe(400);
    const exp = manifestFor('s3-export');
    exp.operations = [{ exportBucket: ACCOUNT_A.buckets[0]?.name }, { exportBucket: eu }];
    const e2 = await sdkError(create(manifestText(exp), 'Export'));
    expect(e2.code).toBe('MultipleRegionsException');
  });
});

describe('errors keep what the user sent', () => {
  it('a failed UpdateJob leaves the current manifest in place', async () => {
    const id = await createImport();
    const e = await sdkError(
      a
        .updateJob({ JobId: id, JobType: 'Import', Manifest: 'INVALID MANIFEST', ValidateOnly: false })
        .promise(),
    );
    expect(e.code).toBe('MalformedManifestException');
    expect((await a.getStatus({ JobId: id }).promise()).CurrentManifest).toBe(manifest('s3-import'));
  });
});

describe('CreateJobQuotaExceededException', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ config: { createJobDailyQuota: 3 } });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('refuses the fourth CreateJob of the day for that account only', async () => {
    const ca = sdkClient(svc, ACCOUNT_A);
    const cb = sdkClient(svc, ACCOUNT_B);
    for (let i = 0; i < 3; i++) {
      await ca
        .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
        .promise();
    }
    const e = await sdkError(
      ca.createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false }).promise(),
    );
    expect(e.code).toBe('CreateJobQuotaExceededException');
    expect(e.statusCode).toBe(400);
    expect((await ca.listJobs({}).promise()).Jobs?.length).toBe(3);
    const other = await cb
      .createJob({ JobType: 'Import', Manifest: manifest('s3-import', ACCOUNT_B), ValidateOnly: false })
      .promise();
    expect(other.JobId).toBeTruthy();
  });
});
