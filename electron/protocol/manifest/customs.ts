/**
 * Customs (reference 2.8). The DG says customs are required "when the device ships into or out of the US or
 * Singapore across a border" and are not needed inside the EU; field names are confirmed, required flags and
 * allowed values are not.
 *
 * Our rule (one function, customsRequired): customs are needed when the country of the bucket's region differs
 * from the return country, except when both are EU members. An unknown region or country counts as needing
 * customs, so the form asks rather than the shipment stalling at a border.
 */
import { isEuCountry, normalizeCountry } from './countries';
import { makeIssue } from './issues';
import { isRawMap, parseBoolean } from './values';
import type { Customs, Manifest, ManifestIssue } from './types';

/** Where each real Import/Export-era region's data center is. */
export const REGION_COUNTRY: Readonly<Record<string, string>> = {
  'us-east-1': 'US',
  'us-east-2': 'US',
  'us-west-1': 'US',
  'us-west-2': 'US',
  'us-gov-west-1': 'US',
  'us-gov-east-1': 'US',
  'ca-central-1': 'CA',
  'sa-east-1': 'BR',
  'eu-west-1': 'IE',
  'eu-west-2': 'GB',
  'eu-west-3': 'FR',
  'eu-central-1': 'DE',
  'eu-north-1': 'SE',
  'eu-south-1': 'IT',
  'ap-southeast-1': 'SG',
  'ap-southeast-2': 'AU',
  'ap-northeast-1': 'JP',
  'ap-northeast-2': 'KR',
  'ap-northeast-3': 'JP',
  'ap-south-1': 'IN',
  'ap-east-1': 'HK',
  'me-south-1': 'BH',
  'af-south-1': 'ZA',
  'cn-north-1': 'CN',
};

/** Our choice (allowed values unconfirmed): the DG example uses externalStorageDevice. */
export const CUSTOMS_DEVICE_TYPES = [
  'externalStorageDevice',
  'internalStorageDevice',
  'usbFlashDrive',
] as const;
/** Our choice (allowed values unconfirmed): the DG example uses return. */
export const CUSTOMS_EXPORT_TYPES = ['return', 'permanent', 'temporary', 'repair'] as const;
/** Our choice: the customs fields a shipment that needs customs must carry (checkCustoms). */
export const CUSTOMS_REQUIRED_FIELDS: readonly (keyof Customs)[] = [
  'dataDescription',
  'encryptedData',
  'exportCertifierName',
  'requiresExportLicense',
  'deviceValue',
  'deviceCountryOfOrigin',
  'deviceType',
  'typeOfExport',
];

export const CUSTOMS_FIELDS: readonly (keyof Customs)[] = [
  'dataDescription',
  'encryptedData',
  'encryptionClassification',
  'exportCertifierName',
  'requiresExportLicense',
  'deviceValue',
  'deviceCountryOfOrigin',
  'deviceType',
  'typeOfExport',
];

export function regionCountry(region: string): string | undefined {
  return REGION_COUNTRY[region.trim().toLowerCase()];
}

/** See the rule at the top of this file. */
export function customsRequired(bucketRegion: string, returnCountry: string): boolean {
  const from = regionCountry(bucketRegion);
  const to = normalizeCountry(returnCountry);
  if (from === undefined || to === undefined) return true;
  if (from === to) return false;
  return !(isEuCountry(from) && isEuCountry(to));
}

/** Checks a `customs` map's values; returns the typed customs and InvalidCustomsException issues. */
export function readCustoms(raw: unknown, field = 'customs'): { customs?: Customs; issues: ManifestIssue[] } {
  const issues: ManifestIssue[] = [];
  const bad = (name: string, message: string, fix: string): void => {
    issues.push(makeIssue(`${field}.${name}`, 'InvalidCustomsException', `${field}.${name} ${message}`, fix));
  };
  if (!isRawMap(raw)) {
    issues.push(
      makeIssue(
        field,
        'InvalidCustomsException',
        `${field} must be a map of customs fields`,
        'Indent dataDescription, encryptedData, deviceValue, ... under the customs line.',
      ),
    );
    return { issues };
  }
  const customs: Customs = {};
  for (const name of CUSTOMS_FIELDS) {
    const value = raw[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      bad(name, 'must be a single value', `Write ${name} on one line as \`${name}: value\`.`);
      continue;
    }
    const text = value.trim();
    switch (name) {
      case 'encryptedData':
      case 'requiresExportLicense': {
        const b = parseBoolean(text);
        if (b === undefined)
          bad(name, `must be yes or no, not "${text}"`, `Write \`${name}: yes\` or \`${name}: no\`.`);
        else customs[name] = b;
        break;
      }
      case 'deviceValue': {
        const n = /^\d+(\.\d+)?$/.test(text.replace(/^\$/, '')) ? Number(text.replace(/^\$/, '')) : NaN;
        if (!Number.isFinite(n) || n <= 0) {
          bad(
            name,
            `must be a positive number, not "${text}"`,
            'Give the device value in US dollars, e.g. 250.00.',
          );
        } else customs.deviceValue = n;
        break;
      }
      case 'deviceType':
        if (!(CUSTOMS_DEVICE_TYPES as readonly string[]).includes(text)) {
          bad(
            name,
            `"${text}" is not a device type we know`,
            `Use one of: ${CUSTOMS_DEVICE_TYPES.join(', ')}.`,
          );
        } else customs.deviceType = text;
        break;
      case 'typeOfExport':
        if (!(CUSTOMS_EXPORT_TYPES as readonly string[]).includes(text)) {
          bad(
            name,
            `"${text}" is not an export type we know`,
            `Use one of: ${CUSTOMS_EXPORT_TYPES.join(', ')}.`,
          );
        } else customs.typeOfExport = text;
        break;
      case 'dataDescription':
      case 'encryptionClassification':
      case 'exportCertifierName':
      case 'deviceCountryOfOrigin':
        if (text === '') bad(name, 'is empty', `Give ${name} a value or remove the line.`);
        else customs[name] = text;
        break;
      default:
        assertNever(name);
    }
  }
  return issues.length > 0 ? { issues } : { customs, issues };
}

function assertNever(value: never): never {
  throw new Error(`unexpected customs field ${String(value)}`);
}

/**
 * The checks that need the bucket's region, which readManifest cannot know: called by the endpoint after it
 * resolves the bucket. Customs must be present (MissingCustomsException) and complete (InvalidCustomsException)
 * when customsRequired says so; EU-region jobs must return to an EU address; expedited return is US-only.
 */
export function checkCustoms(manifest: Manifest, bucketRegion: string): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const from = regionCountry(bucketRegion);
  const to = normalizeCountry(manifest.returnAddress.country);
  if (from !== undefined && isEuCountry(from) && (to === undefined || !isEuCountry(to))) {
    issues.push(
      makeIssue(
        'returnAddress.country',
        'InvalidAddressException',
        `returnAddress.country "${manifest.returnAddress.country}" is outside the EU, but ${bucketRegion} jobs must return to an EU address`,
        'Give an EU return address, or use a bucket in a region outside the EU.',
      ),
    );
  }
  if (manifest.serviceLevel === 'expeditedShipping' && (from !== 'US' || to !== 'US')) {
    issues.push(
      makeIssue(
        'serviceLevel',
        'InvalidManifestFieldException',
        `serviceLevel expeditedShipping is only available from US regions to US addresses (bucket region ${bucketRegion})`,
        'Use `serviceLevel: standard`, or remove the line.',
      ),
    );
  }
  if (!customsRequired(bucketRegion, manifest.returnAddress.country)) return issues;
  const customs = manifest.customs;
  if (customs === undefined) {
    issues.push(
      makeIssue(
        'customs',
        'MissingCustomsException',
        `customs is missing: the device crosses a border (bucket region ${bucketRegion}, return country ${manifest.returnAddress.country})`,
        `Add a customs section with ${CUSTOMS_REQUIRED_FIELDS.join(', ')}.`,
      ),
    );
    return issues;
  }
  for (const name of CUSTOMS_REQUIRED_FIELDS) {
    if (customs[name] === undefined) {
      issues.push(
        makeIssue(
          `customs.${name}`,
          'InvalidCustomsException',
          `customs.${name} is missing: it is required when the device crosses a border`,
          `Add \`${name}:\` under customs.`,
        ),
      );
    }
  }
  if (customs.encryptedData === true && customs.encryptionClassification === undefined) {
    issues.push(
      makeIssue(
        'customs.encryptionClassification',
        'InvalidCustomsException',
        'customs.encryptionClassification is missing: it is required when encryptedData is yes',
        'Add the export control classification of the encryption, e.g. `encryptionClassification: 5D992`.',
      ),
    );
  }
  return issues;
}
