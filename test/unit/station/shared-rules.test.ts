import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../electron/protocol/manifest/index';
import { jobRowOf, lintOf, manifestFromForm, toContractError } from '../../../electron/shared/handlers';
import { isAllowedExternalUrl, trackingUrlFor } from '../../../electron/shared/tracking-links';
import { formatManifest } from '../../../electron/protocol/manifest/index';
import type { ManifestForm } from '../../../electron/shared/contract';

describe('isAllowedExternalUrl (the only URLs shell.openExternal gets)', () => {
  it.each([
    ['https://www.ups.com/track?tracknum=1Z', true],
    ['https://www.fedex.com/fedextrack/?trknbr=1', true],
    ['http://www.ups.com/track', false],
    ['https://www.ups.com.evil.example/track', false],
    ['https://user:pw@www.ups.com/', false],
    ['https://www.ups.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => {
    expect(isAllowedExternalUrl(url)).toBe(ok);
  });

  it('builds tracking links only for known carriers, always on the allow-list', () => {
    const ups = trackingUrlFor('UPS', '1Z 999');
    expect(ups).toBe('https://www.ups.com/track?tracknum=1Z%20999');
    expect(isAllowedExternalUrl(ups as string)).toBe(true);
    expect(trackingUrlFor('Pigeon Post', '1')).toBeNull();
    expect(trackingUrlFor('UPS', undefined)).toBeNull();
  });
});

const FORM: ManifestForm = {
  kind: 's3-import',
  deviceId: 'SN-1',
  bucket: 'dockhand-demo',
  prefix: ' e2e/ ',
  logBucket: '',
  notificationEmail: 'a@example.com, b@example.com',
  returnAddress: {
    name: 'Ada',
    company: 'Engines Ltd',
    street1: '1 Main St',
    street2: '',
    city: 'Seattle',
    stateOrProvince: 'WA',
    postalCode: '98109',
    phoneNumber: '206-555-0100',
    country: 'US',
  },
};

describe('manifestFromForm', () => {
  it('fills generator, eraseDevice and the access key, trims, and drops empty fields', () => {
    const m = manifestFromForm(FORM, 'AKIAEXAMPLEEXAMPLE12');
    expect(m).toMatchObject({
      kind: 's3-import',
      accessKeyId: 'AKIAEXAMPLEEXAMPLE12',
      deviceId: 'SN-1',
      prefix: 'e2e/',
      eraseDevice: true,
      notificationEmail: ['a@example.com', 'b@example.com'],
    });
    expect(m.generator).toMatch(/^Dockhand \d/);
    expect(m).not.toHaveProperty('logBucket');
    expect(m.returnAddress).not.toHaveProperty('street2');
  });

  it('round-trips through the manifest module with no errors', () => {
    const text = formatManifest(manifestFromForm(FORM, 'AKIAEXAMPLEEXAMPLE12'));
    const read = readManifest(text, 'Import');
    expect(read.ok).toBe(true);
    expect(lintOf(text, 'Import').valid).toBe(true);
  });

  it('builds an export with one operation', () => {
    const m = manifestFromForm(
      { ...FORM, kind: 's3-export', exportBucket: 'src', exportPrefix: 'logs/', logBucket: 'logs' },
      'AKIA',
    );
    expect(m).toMatchObject({
      kind: 's3-export',
      fileSystem: 'NTFS',
      operations: [{ exportBucket: 'src', prefix: 'logs/' }],
    });
  });
});

describe('lintOf', () => {
  it('lists errors before warnings, each with a field and a fix', () => {
    const r = lintOf('manifestVersion: 2.0\nbucket: b\n', 'Import');
    expect(r.valid).toBe(false);
    const firstWarning = r.issues.findIndex((i) => i.severity === 'warning');
    const lastError = r.issues.map((i) => i.severity).lastIndexOf('error');
    if (firstWarning >= 0) expect(lastError).toBeLessThan(firstWarning);
    for (const i of r.issues) expect(i.fix).not.toBe('');
  });
});

describe('jobRowOf', () => {
  const summary = {
    JobId: 'ABCDE',
    JobType: 'Import' as const,
    CreationDate: '2026-11-01T00:00:00.000Z',
    IsCanceled: false,
  };
  const observed = (location: string, progress: string, extra = {}) => ({
    location: location as never,
    progress: progress as never,
    errorCount: 0,
    observedAt: '2026-11-02T00:00:00.000Z',
    ...extra,
  });

  it.each([
    ['never seen', undefined, '2026-12-01T00:00:00.000Z', true],
    ['waiting', observed('NotReceived', 'Pending'), '2026-12-01T00:00:00.000Z', true],
    ['at AWS, not started', observed('AtAWS', 'Pending'), null, true],
    ['transferring', observed('AtAWS', 'InProgress'), null, false],
    ['returned', observed('Returned', 'Complete'), null, false],
  ])('%s: expiry %s, can update or cancel %s', (_name, status, expires, can) => {
    const row = jobRowOf(summary, undefined, status);
    expect(row.expiresAt).toBe(expires);
    expect(row.canUpdateOrCancel).toBe(can);
  });

  it('never offers cancel for a canceled job, and links the carrier when returned', () => {
    expect(jobRowOf({ ...summary, IsCanceled: true }, undefined).canUpdateOrCancel).toBe(false);
    const r = jobRowOf(
      summary,
      undefined,
      observed('Returned', 'Complete', { carrier: 'UPS', trackingNumber: '1Z1' }),
    );
    expect(r.trackingUrl).toBe('https://www.ups.com/track?tracknum=1Z1');
  });
});

describe('toContractError', () => {
  it('keeps a module error code and message, and never leaks a non-code as code', () => {
    expect(toContractError(Object.assign(new Error('x is wrong'), { code: 'InvalidX' }))).toEqual({
      code: 'InvalidX',
      message: 'x is wrong',
    });
    expect(toContractError(Object.assign(new Error('boom'), { code: 'has spaces!' })).code).toBe(
      'InternalError',
    );
    expect(toContractError('plain').code).toBe('InternalError');
  });
});
