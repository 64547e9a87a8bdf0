import { describe, expect, it } from 'vitest';
import {
  checkCustoms,
  customsRequired,
  normalizeCountry,
  readManifest,
  validateAddress,
} from '../../../electron/protocol/manifest';
import type { Manifest } from '../../../electron/protocol/manifest';
import { S3_IMPORT_MINIMAL } from './manifest-fixtures';

const GOOD = {
  name: 'Jane Roe',
  company: 'Example Corp.',
  street1: '123 Any Street',
  city: 'Anytown',
  stateOrProvince: 'WA',
  postalCode: '91011-1111',
  phoneNumber: '206-555-1111',
  country: 'USA',
};

describe('validateAddress', () => {
  it('accepts the DG address', () => {
    expect(validateAddress(GOOD, 'returnAddress')).toEqual([]);
  });

  it.each([
    ['street1', 'PO Box 123'],
    ['street1', 'P.O. Box 77'],
    ['street2', 'po box 9'],
    ['street3', 'Post Office Box 1'],
    ['street1', 'POB 12'],
    ['street2', 'P O BOX 5'],
    ['street1', 'POBox #12'],
  ])('rejects a PO box in %s: %s', (part, value) => {
    const issues = validateAddress({ ...GOOD, [part]: value }, 'returnAddress');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: `returnAddress.${part}`, code: 'InvalidAddressException' });
    expect(issues[0]?.message).toContain('PO box');
  });

  it.each(['123 Pobox Lane', '1 Boxwood Road', 'Apt 4, Post Road'])(
    'does not mistake %s for a PO box',
    (street) => {
      expect(validateAddress({ ...GOOD, street1: street }, 'returnAddress')).toEqual([]);
    },
  );

  it.each(['USA', 'US', 'United States', 'CA', 'CAN', 'Canada'])(
    'requires stateOrProvince for %s',
    (country) => {
      const postalCode = normalizeCountry(country) === 'CA' ? 'K1A 0B1' : '98101';
      const { stateOrProvince: _dropped, ...rest } = GOOD;
      const issues = validateAddress({ ...rest, postalCode, country }, 'returnAddress');
      expect(issues.map((i) => [i.field, i.code])).toEqual([
        ['returnAddress.stateOrProvince', 'InvalidAddressException'],
      ]);
    },
  );

  it('does not require stateOrProvince elsewhere', () => {
    const { stateOrProvince: _dropped, ...rest } = GOOD;
    expect(validateAddress({ ...rest, country: 'Germany', postalCode: '10115' }, 'returnAddress')).toEqual(
      [],
    );
  });

  it('requires company for shipping labels only', () => {
    const { company: _dropped, ...rest } = GOOD;
    expect(validateAddress(rest, 'returnAddress')).toEqual([]);
    expect(validateAddress(rest, '', { requireCompany: true })).toMatchObject([
      { field: 'company', code: 'InvalidAddressException' },
    ]);
  });

  it.each([
    ['postalCode', 'ABCDE'],
    ['phoneNumber', '12'],
    ['phoneNumber', 'call me'],
  ])('rejects %s %s for a US address', (part, value) => {
    expect(validateAddress({ ...GOOD, [part]: value }, 'returnAddress')[0]?.field).toBe(
      `returnAddress.${part}`,
    );
  });

  it('reports a US address without state through readManifest', () => {
    const result = readManifest(S3_IMPORT_MINIMAL.replace(/ {4}stateOrProvince: WA\n/, ''), 'Import');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]).toMatchObject({
        field: 'returnAddress.stateOrProvince',
        code: 'InvalidAddressException',
        line: 6,
      });
    }
  });
});

describe('customsRequired (our rule: region country ≠ return country, except both in the EU)', () => {
  it.each([
    ['us-east-1', 'USA', false],
    ['us-west-2', 'United States', false],
    ['us-west-1', 'US', false],
    ['us-east-1', 'Canada', true],
    ['us-east-1', 'Germany', true],
    ['eu-west-1', 'Ireland', false],
    ['eu-west-1', 'Germany', false],
    ['eu-central-1', 'France', false],
    ['eu-central-1', 'DE', false],
    ['eu-west-1', 'USA', true],
    ['eu-west-1', 'Switzerland', true],
    ['ap-southeast-1', 'Singapore', false],
    ['ap-southeast-1', 'Malaysia', true],
    ['ap-southeast-2', 'Australia', false],
    ['ap-northeast-1', 'Japan', false],
    ['sa-east-1', 'Brazil', false],
    ['sa-east-1', 'USA', true],
    ['xx-nowhere-9', 'USA', true],
    ['us-east-1', 'Atlantis', true],
  ])('%s → %s: %s', (region, country, expected) => {
    expect(customsRequired(region, country)).toBe(expected);
  });
});

describe('checkCustoms', () => {
  function manifest(extra: string, country = 'USA'): Manifest {
    const text = S3_IMPORT_MINIMAL.replace('country: USA', `country: ${country}`).replace(
      'stateOrProvince: WA',
      country === 'USA' ? 'stateOrProvince: WA' : 'stateOrProvince: Bavaria',
    );
    const result = readManifest(
      text.replace('postalCode: 91111', `postalCode: ${country === 'USA' ? '91111' : '80331'}`) + extra,
      'Import',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.manifest;
  }
  const FULL_CUSTOMS = `customs:
    dataDescription: This device contains medical test results.
    encryptedData: yes
    encryptionClassification: 5D992
    exportCertifierName: John Doe
    requiresExportLicense: yes
    deviceValue: 250.00
    deviceCountryOfOrigin: China
    deviceType: externalStorageDevice
    typeOfExport: return
`;

  it('asks for nothing when no border is crossed', () => {
    expect(checkCustoms(manifest(''), 'us-east-1')).toEqual([]);
  });

  it('MissingCustomsException when a border is crossed without customs', () => {
    expect(checkCustoms(manifest(''), 'ap-southeast-1')).toMatchObject([
      { field: 'customs', code: 'MissingCustomsException' },
    ]);
  });

  it('reads the DG customs example and accepts it across a border', () => {
    const m = manifest(FULL_CUSTOMS);
    expect(m.customs).toMatchObject({
      encryptedData: true,
      deviceValue: 250,
      deviceType: 'externalStorageDevice',
    });
    expect(checkCustoms(m, 'ap-southeast-1')).toEqual([]);
  });

  it('names the customs fields a crossing still needs', () => {
    const issues = checkCustoms(manifest('customs:\n    dataDescription: photos\n'), 'sa-east-1');
    expect(issues.map((i) => i.field)).toContain('customs.deviceValue');
    expect(issues.every((i) => i.code === 'InvalidCustomsException')).toBe(true);
  });

  it('EU-region jobs must return to an EU address', () => {
    expect(checkCustoms(manifest(FULL_CUSTOMS), 'eu-west-1')[0]).toMatchObject({
      field: 'returnAddress.country',
      code: 'InvalidAddressException',
    });
    expect(checkCustoms(manifest('', 'Germany'), 'eu-west-1')).toEqual([]);
  });

  it.each([
    ['encryptedData', 'perhaps'],
    ['deviceValue', 'priceless'],
    ['deviceValue', '0'],
    ['deviceType', 'floppy'],
    ['typeOfExport', 'smuggle'],
  ])('rejects customs.%s %s as InvalidCustomsException', (field, value) => {
    const result = readManifest(`${S3_IMPORT_MINIMAL}customs:\n    ${field}: ${value}\n`, 'Import');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues[0]).toMatchObject({ field: `customs.${field}`, code: 'InvalidCustomsException' });
  });
});
