/**
 * The embedded endpoint against an independent client, the AWS SDK for JavaScript v2: every operation's
 * happy path, as a user of the SDK would see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  manifest,
  sdkClient,
  startTestService,
  type TestService,
} from '../../helpers/service';
import { JOB_ID_ALPHABET, VALIDATE_ONLY_SUFFIX } from '../../../electron/protocol/job-id';

const JOB_ID = new RegExp(`^[${JOB_ID_ALPHABET}]{5}$`);
const BASE64_SHA1 = /^[A-Za-z0-9+/]{27}=$/;

let service: TestService;
let a: ReturnType<typeof sdkClient>;
let b: ReturnType<typeof sdkClient>;

beforeAll(async () => {
  service = await startTestService();
  a = sdkClient(service, ACCOUNT_A);
  b = sdkClient(service, ACCOUNT_B);
});
afterAll(async () => {
  await service?.close();
});

async function fetchPdf(url: string): Promise<PDFDocument> {
  const res = await fetch(url);
  expect(res.status, `GET ${url}`).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  const pdf = await PDFDocument.load(bytes);
  expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
  return pdf;
}

interface EachItemRequest {
  eachItem(callback: (err: Error | null, item: { JobId?: string } | null) => boolean): void;
}

function signatureLines(contents: string): string[] {
  return contents.trim().split(/\r?\n/);
}

describe('CreateJob', () => {
  it('creates an S3 import job with a SIGNATURE whose signature line equals Signature', async () => {
    const text = manifest('s3-import');
    const out = await a.createJob({ JobType: 'Import', Manifest: text, ValidateOnly: false }).promise();
    expect(out.JobId).toMatch(JOB_ID);
    expect(out.JobType).toBe('Import');
    expect(out.Signature).toMatch(BASE64_SHA1);
    const lines = signatureLines(out.SignatureFileContents ?? '');
    expect(lines).toEqual([
      'version:2.0',
      'signingMethod:HmacSHA1',
      `jobId:${out.JobId}`,
      `signature:${out.Signature}`,
    ]);
  });

  it('creates an S3 export job', async () => {
    const out = await a
      .createJob({ JobType: 'Export', Manifest: manifest('s3-export'), ValidateOnly: false })
      .promise();
    expect(out.JobId).toMatch(JOB_ID);
    expect(out.JobType).toBe('Export');
    expect(signatureLines(out.SignatureFileContents ?? '')[2]).toBe(`jobId:${out.JobId}`);
  });

  for (const kind of ['ebs-import', 'glacier-import'] as const) {
    it(`creates a ${kind} job whose ArtifactList URL serves a real PDF`, async () => {
      const out = await a
        .createJob({ JobType: 'Import', Manifest: manifest(kind), ValidateOnly: false })
        .promise();
      expect(out.JobId).toMatch(JOB_ID);
      expect(out.ArtifactList?.length).toBeGreaterThanOrEqual(1);
      const artifact = out.ArtifactList?.[0];
      expect(artifact?.Description).toBeTruthy();
      await fetchPdf(artifact?.URL ?? '');
      // GetStatus hands the same artifact out again.
      const status = await a.getStatus({ JobId: out.JobId ?? '' }).promise();
      expect(status.ArtifactList?.map((x) => x.URL)).toEqual(out.ArtifactList?.map((x) => x.URL));
    });
  }

  it('ValidateOnly answers a -VALIDATE-ONLY id and stores nothing', async () => {
    const before = await a.listJobs({}).promise();
    const out = await a
      .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: true })
      .promise();
    expect(out.JobId?.endsWith(VALIDATE_ONLY_SUFFIX)).toBe(true);
    expect(out.JobId?.slice(0, -VALIDATE_ONLY_SUFFIX.length)).toMatch(JOB_ID);
    const after = await a.listJobs({}).promise();
    expect(after.Jobs?.map((j) => j.JobId)).toEqual(before.Jobs?.map((j) => j.JobId));
    const err = await a
      .getStatus({ JobId: out.JobId ?? '' })
      .promise()
      .then(
        () => undefined,
        (e: { code: string }) => e.code,
      );
    expect(err).toBe('InvalidJobIdException');
  });

  it('accepts the lenient key:value manifest form the DG shows', async () => {
    const text = manifest('s3-import').replace(/^(manifestVersion|deviceId): /gm, '$1:');
    expect(text).toContain('manifestVersion:2.0');
    const out = await a.createJob({ JobType: 'Import', Manifest: text, ValidateOnly: false }).promise();
    expect(out.JobId).toMatch(JOB_ID);
  });
});

describe('GetStatus', () => {
  it('reports a new job as NotReceived/Pending with the manifest as submitted', async () => {
    const text = manifest('s3-import', ACCOUNT_A, { deviceId: 'STATUS-DEVICE-1' });
    const startedAt = Date.now();
    const created = await a.createJob({ JobType: 'Import', Manifest: text, ValidateOnly: false }).promise();
    const s = await a.getStatus({ JobId: created.JobId ?? '' }).promise();
    expect(s.JobId).toBe(created.JobId);
    expect(s.JobType).toBe('Import');
    expect(s.LocationCode).toBe('NotReceived');
    expect(s.LocationMessage).toBe('AWS has not received your device.');
    expect(s.ProgressCode).toBe('Pending');
    expect(s.ProgressMessage).toBe('The specified job has not started.');
    expect(s.ErrorCount).toBe(0);
    expect(s.CurrentManifest).toBe(text);
    expect(s.Signature).toBe(created.Signature);
    expect(s.SignatureFileContents).toBe(created.SignatureFileContents);
    expect(s.CreationDate).toBeInstanceOf(Date);
    const created_ms = (s.CreationDate as Date).getTime();
    // Whole seconds on the wire: allow the truncation.
    expect(created_ms).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(created_ms).toBeLessThanOrEqual(Date.now() + 1000);
    expect(s.Carrier ?? '').toBe('');
    expect(s.TrackingNumber ?? '').toBe('');
  });

  it('accepts a job id in lower case (ids are case-insensitive)', async () => {
    const created = await a
      .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
      .promise();
    const s = await a.getStatus({ JobId: (created.JobId ?? '').toLowerCase() }).promise();
    expect(s.JobId).toBe(created.JobId);
  });
});

describe('manifest round trip', () => {
  it('returns CurrentManifest byte for byte: CRLF line endings, non-ASCII, XML-special characters', async () => {
    const text = manifest('s3-import', ACCOUNT_A, {
      generator: 'Dockhand <test> & "friends" 🙂',
      returnAddress: {
        name: 'Zoë Ångström',
        street1: '12 Rue de l’Église',
        city: 'Seattle',
        stateOrProvince: 'WA',
        postalCode: '98101',
        phoneNumber: '206-555-0100',
        country: 'USA',
      },
    }).replace(/\n/g, '\r\n');
    const created = await a.createJob({ JobType: 'Import', Manifest: text, ValidateOnly: false }).promise();
    const s = await a.getStatus({ JobId: created.JobId ?? '' }).promise();
    expect(s.CurrentManifest).toBe(text);
  });
});

describe('artifact URLs', () => {
  it('refuse a tampered token or another job’s path instead of serving the PDF', async () => {
    const out = await a
      .createJob({ JobType: 'Import', Manifest: manifest('glacier-import'), ValidateOnly: false })
      .promise();
    const url = new URL(out.ArtifactList?.[0]?.URL ?? '');
    const token = url.searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThanOrEqual(16);
    const wrong = new URL(url);
    wrong.searchParams.set('token', (token[0] === 'a' ? 'b' : 'a') + token.slice(1));
    const noToken = new URL(url);
    noToken.search = '';
    for (const u of [wrong, noToken]) {
      const res = await fetch(u);
      expect(res.status, u.toString()).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await res.text()).startsWith('%PDF')).toBe(false);
    }
  });
});

describe('ListJobs', () => {
  it('lists only the caller’s jobs, newest first, with an exclusive Marker and MaxJobs', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const out = await b
        .createJob({ JobType: 'Import', Manifest: manifest('s3-import', ACCOUNT_B), ValidateOnly: false })
        .promise();
      ids.push(out.JobId ?? '');
    }
    const [first, second, third] = ids as [string, string, string];
    const all = await b.listJobs({}).promise();
    expect(all.Jobs?.map((j) => j.JobId)).toEqual([third, second, first]);
    expect(all.IsTruncated).toBe(false);
    for (const j of all.Jobs ?? []) {
      expect(j.JobType).toBe('Import');
      expect(j.IsCanceled).toBe(false);
      expect(j.CreationDate).toBeInstanceOf(Date);
    }
    const aJobs = await a.listJobs({}).promise();
    expect(aJobs.Jobs?.some((j) => ids.includes(j.JobId ?? ''))).toBe(false);

    const one = await b.listJobs({ MaxJobs: 1 }).promise();
    expect(one.Jobs?.map((j) => j.JobId)).toEqual([third]);
    expect(one.IsTruncated).toBe(true);

    const afterThird = await b.listJobs({ Marker: third }).promise();
    expect(afterThird.Jobs?.map((j) => j.JobId)).toEqual([second, first]);
    const afterSecond = await b.listJobs({ Marker: second, MaxJobs: 1 }).promise();
    expect(afterSecond.Jobs?.map((j) => j.JobId)).toEqual([first]);
    expect(afterSecond.IsTruncated).toBe(false);
    const afterFirst = await b.listJobs({ Marker: first }).promise();
    expect(afterFirst.Jobs ?? []).toEqual([]);
    expect(afterFirst.IsTruncated).toBe(false);

    const max = await b.listJobs({ MaxJobs: 1000 }).promise();
    expect(max.Jobs?.length).toBe(3);
    // 0 is inside the documented bounds (0 to 1000): no jobs, no error.
    const none = await b.listJobs({ MaxJobs: 0 }).promise();
    expect(none.Jobs ?? []).toEqual([]);
  });

  it('marks canceled jobs IsCanceled=true', async () => {
    const out = await a
      .createJob({ JobType: 'Export', Manifest: manifest('s3-export'), ValidateOnly: false })
      .promise();
    await a.cancelJob({ JobId: out.JobId ?? '' }).promise();
    const list = await a.listJobs({}).promise();
    const entry = list.Jobs?.find((j) => j.JobId === out.JobId);
    expect(entry?.IsCanceled).toBe(true);
    expect(entry?.JobType).toBe('Export');
  });
});

describe('ListJobs through the SDK paginator', () => {
  let svc: TestService;
  let client: ReturnType<typeof sdkClient>;
  const created: string[] = [];
  const JOBS = 25;
  const PAGE = 4;

  beforeAll(async () => {
    svc = await startTestService({ config: { createJobDailyQuota: 100 } });
    client = sdkClient(svc, ACCOUNT_A);
    for (let i = 0; i < JOBS; i++) {
      const out = await client
        .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
        .promise();
      created.push(out.JobId ?? '');
    }
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('eachPage walks every job once, newest first, in pages of MaxJobs', async () => {
    const pages: string[][] = [];
    await new Promise<void>((resolve, reject) => {
      client.listJobs({ MaxJobs: PAGE }).eachPage((err, data) => {
        if (err) {
          reject(err);
          return false;
        }
        if (data === null) {
          resolve();
          return false;
        }
        pages.push((data.Jobs ?? []).map((j) => j.JobId ?? ''));
        return true;
      });
    });
    expect(pages.length).toBe(Math.ceil(JOBS / PAGE));
    for (const page of pages.slice(0, -1)) expect(page.length).toBe(PAGE);
    expect(pages.flat()).toEqual([...created].reverse());
  });

  it('eachItem yields all 25 jobs', async () => {
    const items: string[] = [];
    await new Promise<void>((resolve, reject) => {
      // eachItem exists at runtime (lib/request.js) but is missing from the SDK's typings.
      const request = client.listJobs({ MaxJobs: PAGE }) as unknown as EachItemRequest;
      request.eachItem((err, item) => {
        if (err) {
          reject(err);
          return false;
        }
        if (item === null) {
          resolve();
          return false;
        }
        items.push(item.JobId ?? '');
        return true;
      });
    });
    expect(items).toEqual([...created].reverse());
  });
});

describe('UpdateJob', () => {
  it('replaces the whole manifest; ValidateOnly leaves it alone', async () => {
    const created = await a
      .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
      .promise();
    const id = created.JobId ?? '';
    const next = manifest('s3-import', ACCOUNT_A, { deviceId: 'REPLACED-DEVICE', prefix: 'after/' });
    const dry = await a
      .updateJob({ JobId: id, JobType: 'Import', Manifest: next, ValidateOnly: true })
      .promise();
    expect(dry.Success).toBe(true);
    expect((await a.getStatus({ JobId: id }).promise()).CurrentManifest).toBe(manifest('s3-import'));

    const out = await a
      .updateJob({ JobId: id, JobType: 'Import', Manifest: next, ValidateOnly: false })
      .promise();
    expect(out.Success).toBe(true);
    const s = await a.getStatus({ JobId: id }).promise();
    expect(s.CurrentManifest).toBe(next);
    expect(s.ProgressCode).toBe('Pending');
    // The signature file still names this job.
    expect(signatureLines(s.SignatureFileContents ?? '')[2]).toBe(`jobId:${id}`);
    expect(signatureLines(s.SignatureFileContents ?? '')[3]).toBe(`signature:${s.Signature}`);
  });
});

describe('CancelJob', () => {
  it('cancels a pending job; GetStatus then reports Canceled instead of failing', async () => {
    const created = await a
      .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
      .promise();
    const out = await a.cancelJob({ JobId: created.JobId ?? '' }).promise();
    expect(out.Success).toBe(true);
    const s = await a.getStatus({ JobId: created.JobId ?? '' }).promise();
    expect(s.ProgressCode).toBe('Canceled');
    expect(s.ProgressMessage).toBe('The job was canceled.');
  });
});

describe('GetShippingLabel', () => {
  it('returns a URL that serves a PDF label, for one or several jobs', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const out = await a
        .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
        .promise();
      ids.push(out.JobId ?? '');
    }
    const address = {
      name: 'Jane Roe',
      company: 'Example Corp.',
      street1: '123 Any Street',
      city: 'Anytown',
      stateOrProvince: 'WA',
      postalCode: '91011-1111',
      phoneNumber: '206-555-1111',
      country: 'USA',
    };
    const single = await a.getShippingLabel({ jobIds: [ids[0] ?? ''], ...address }).promise();
    expect(single.ShippingLabelURL).toMatch(/^https?:\/\//);
    await fetchPdf(single.ShippingLabelURL ?? '');
    const both = await a.getShippingLabel({ jobIds: ids, ...address }).promise();
    await fetchPdf(both.ShippingLabelURL ?? '');
  });
});
