/**
 * Return and shipping-label addresses (reference 2.3, 8.3). Used by readManifest for `returnAddress` and by the
 * endpoint's GetShippingLabel for the sender's address.
 */
import { joinField, makeIssue } from './issues';
import { normalizeCountry } from './countries';
import { hasControlCharacters, isRawMap } from './values';
import type { ManifestIssue, ReturnAddress } from './types';

export const ADDRESS_FIELDS = [
  'name',
  'company',
  'street1',
  'street2',
  'street3',
  'city',
  'stateOrProvince',
  'postalCode',
  'phoneNumber',
  'country',
] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** Required in a manifest's returnAddress (inferred from the Web Service Tool prompts and the minimal DG sample). */
export const REQUIRED_ADDRESS_FIELDS: readonly AddressField[] = [
  'name',
  'street1',
  'city',
  'postalCode',
  'phoneNumber',
  'country',
];

/** Countries where stateOrProvince is required ("Required in US and Canada", reference 8.3). */
export const STATE_REQUIRED_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA']);

/**
 * `PO Box 12`, `P.O. Box 12`, `P O Box 12`, `Post Office Box 12`, `POB 12`, any case. The box must be followed by its
 * number (or end the line), so a street named "Pobox Lane" is not taken for one.
 */
export const PO_BOX_PATTERN =
  /(^|[^a-z0-9])(p\.?\s*o\.?\s*box|post\s+office\s+box|pob)\s*(#|no\.?|number)?\s*(\d|$)/i;

/** Our choice: a phone number needs at least this many digits, and only phone punctuation besides. */
export const MIN_PHONE_DIGITS = 7;
const PHONE_PATTERN = /^[0-9+()\-./\s]+(\s*(x|ext\.?)\s*[0-9]+)?$/i;

/** US ZIP or ZIP+4; Canadian `A1A 1A1`. Other countries are not checked. */
const POSTAL_PATTERNS: Readonly<Record<string, RegExp>> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Za-z]\d[A-Za-z][ -]?\d[A-Za-z]\d$/,
};

export interface AddressOptions {
  /** The shipping-label tool requires `company`; a manifest's returnAddress does not. */
  requireCompany?: boolean;
}

/**
 * Checks an address (a parsed YAML map or an object built from request parameters). Every problem is an
 * InvalidAddressException naming `<fieldPrefix>.<part>`. Returns [] when the address is usable.
 */
export function validateAddress(
  address: unknown,
  fieldPrefix: string,
  options: AddressOptions = {},
): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const where = fieldPrefix === '' ? 'the address' : fieldPrefix;
  if (!isRawMap(address)) {
    issues.push(
      makeIssue(
        fieldPrefix,
        'InvalidAddressException',
        `${where} must be a map of address parts (name, street1, city, postalCode, phoneNumber, country)`,
        'Indent the address parts under the returnAddress line, one `part: value` per line.',
      ),
    );
    return issues;
  }
  const required: AddressField[] = [...REQUIRED_ADDRESS_FIELDS];
  if (options.requireCompany === true) required.splice(1, 0, 'company');
  const text = (part: AddressField): string | undefined => {
    const v = address[part];
    if (typeof v === 'string') return v.trim();
    if (typeof v === 'number') return String(v);
    return undefined;
  };
  for (const part of ADDRESS_FIELDS) {
    const field = joinField(fieldPrefix, part);
    const raw = address[part];
    if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
      issues.push(
        makeIssue(
          field,
          'InvalidAddressException',
          `${field} must be text`,
          `Write ${part} as a single line of text.`,
        ),
      );
      continue;
    }
    const value = text(part);
    if (required.includes(part) && (value === undefined || value === '')) {
      issues.push(
        makeIssue(
          field,
          'InvalidAddressException',
          `${field} is missing: the address needs a ${part}`,
          `Add \`${part}:\` to ${where}.`,
        ),
      );
    } else if (value !== undefined && hasControlCharacters(value)) {
      issues.push(
        makeIssue(
          field,
          'InvalidAddressException',
          `${field} contains control characters`,
          'Use printable text only; it goes on a shipping label.',
        ),
      );
    }
  }
  for (const part of ['street1', 'street2', 'street3'] as const) {
    const value = text(part);
    if (value !== undefined && PO_BOX_PATTERN.test(value)) {
      const field = joinField(fieldPrefix, part);
      issues.push(
        makeIssue(
          field,
          'InvalidAddressException',
          `${field} is a PO box ("${value}"); devices are returned by UPS, which cannot deliver to PO boxes`,
          'Give a physical street address that UPS can deliver to.',
        ),
      );
    }
  }
  const countryText = text('country');
  const country = countryText === undefined ? undefined : normalizeCountry(countryText);
  if (country !== undefined && STATE_REQUIRED_COUNTRIES.has(country)) {
    const state = text('stateOrProvince');
    if (state === undefined || state === '') {
      const field = joinField(fieldPrefix, 'stateOrProvince');
      issues.push(
        makeIssue(
          field,
          'InvalidAddressException',
          `${field} is missing: it is required for addresses in the United States and Canada`,
          `Add \`stateOrProvince:\` to ${where}, for example WA.`,
        ),
      );
    }
  }
  const postal = text('postalCode');
  const postalPattern = country === undefined ? undefined : POSTAL_PATTERNS[country];
  if (postal !== undefined && postal !== '' && postalPattern !== undefined && !postalPattern.test(postal)) {
    const field = joinField(fieldPrefix, 'postalCode');
    issues.push(
      makeIssue(
        field,
        'InvalidAddressException',
        `${field} "${postal}" is not a valid postal code for ${countryText ?? ''}`,
        country === 'US'
          ? 'Use a 5-digit ZIP code or ZIP+4, for example 98101 or 98101-1234.'
          : 'Use the form A1A 1A1.',
      ),
    );
  }
  const phone = text('phoneNumber');
  if (phone !== undefined && phone !== '') {
    const digits = phone.replace(/\D/g, '').length;
    if (!PHONE_PATTERN.test(phone) || digits < MIN_PHONE_DIGITS) {
      const field = joinField(fieldPrefix, 'phoneNumber');
      issues.push(
        makeIssue(
          field,
          'InvalidAddressException',
          `${field} "${phone}" is not a phone number`,
          `Give a phone number with at least ${MIN_PHONE_DIGITS} digits, for example 206-555-1111.`,
        ),
      );
    }
  }
  return issues;
}

/** The typed address from a map validateAddress accepted. */
export function toReturnAddress(address: Record<string, unknown>): ReturnAddress {
  const get = (part: AddressField): string | undefined => {
    const v = address[part];
    if (typeof v === 'string') return v.trim();
    if (typeof v === 'number') return String(v);
    return undefined;
  };
  const out: ReturnAddress = {
    name: get('name') ?? '',
    street1: get('street1') ?? '',
    city: get('city') ?? '',
    postalCode: get('postalCode') ?? '',
    phoneNumber: get('phoneNumber') ?? '',
    country: get('country') ?? '',
  };
  for (const part of ['company', 'street2', 'street3', 'stateOrProvince'] as const) {
    const v = get(part);
    if (v !== undefined && v !== '') out[part] = v;
  }
  return out;
}

/** The normalized country of an address, when we recognise it. */
export function addressCountry(address: Pick<ReturnAddress, 'country'>): string | undefined {
  return normalizeCountry(address.country);
}
