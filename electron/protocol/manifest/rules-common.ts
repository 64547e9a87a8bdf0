/** Options every job kind shares (reference 2.2, 2.3). */
import { toReturnAddress, validateAddress } from './address';
import { normalizeCountry } from './countries';
import { readCustoms } from './customs';
import type { FieldReader } from './field-reader';
import { JOB_ID_LENGTH, logNameFor } from './keys';
import { MAX_KEY_BYTES } from './limits';
import { BUCKET_NAME_PATTERN, EMAIL_PATTERN, isRawMap, utf8Length } from './values';
import type { JobKind, Manifest } from './types';

export const COMMON_FIELDS = [
  'manifestVersion',
  'generator',
  'accessKeyId',
  'deviceId',
  'logBucket',
  'logPrefix',
  'eraseDevice',
  'notificationEmail',
  'serviceLevel',
  'trueCryptPassword',
  'pinCode',
  'customs',
  'returnAddress',
] as const;

export const SERVICE_LEVELS = ['standard', 'expeditedShipping'] as const;

/**
 * Our choice (reference 2.2): the later DG makes `eraseDevice: yes` an acknowledgement that AWS erases every
 * import device, so an S3 import manifest must carry it and it must be yes. Set to false to accept the older
 * DG's optional `eraseDevice: no`.
 */
export const S3_IMPORT_REQUIRES_ERASE_ACK = true;

/** Our choice (reference 2.9): exports must be encrypted, so an export names trueCryptPassword or pinCode. */
export const EXPORT_REQUIRES_ENCRYPTION = true;

/** Our choice: the longest deviceId we accept; serial numbers and sticker ids are far shorter. */
export const MAX_DEVICE_ID_CHARS = 128;

type Common = Omit<Extract<Manifest, { kind: 's3-import' }>, 'kind' | 'bucket' | keyof S3OnlyFields>;
type S3OnlyFields = Pick<
  Extract<Manifest, { kind: 's3-import' }>,
  | 'prefix'
  | 'acl'
  | 'cacheControl'
  | 'contentDisposition'
  | 'contentLanguage'
  | 'contentTypes'
  | 'defaultContentType'
  | 'setContentEncodingForGzFiles'
  | 'expires'
  | 'ignore'
  | 'substitutions'
>;

export function checkBucketName(r: FieldReader, key: string, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (!BUCKET_NAME_PATTERN.test(name)) {
    r.issues.invalid(
      r.at(key),
      `"${name}" is not a bucket name`,
      'Use the bucket name only (3 to 255 letters, digits, dots, dashes or underscores), not a URL or path.',
    );
  }
  return name;
}

export function readCommon(r: FieldReader, kind: JobKind, manifestVersion: '2.0' | '3.0'): Common {
  const accessKeyId = r.text('accessKeyId', {
    what: 'the access key id of the account that creates the job',
    fix: 'Add `accessKeyId:` with the access key id (e.g. AKIAIOSFODNN7EXAMPLE) you sign the request with.',
  });
  if (accessKeyId !== undefined && /\s/.test(accessKeyId)) {
    r.issues.invalid(r.at('accessKeyId'), 'contains spaces', 'Give the access key id exactly as issued.');
  }
  const deviceId = r.text('deviceId', {
    what: "the device's serial number or the unique id on its sticker",
    fix: 'Add `deviceId:` with the serial number printed on the device, or an id you stick on it.',
  });
  if (deviceId !== undefined && deviceId.length > MAX_DEVICE_ID_CHARS) {
    r.issues.invalid(
      r.at('deviceId'),
      `is longer than ${MAX_DEVICE_ID_CHARS} characters`,
      'Use the serial number or a short sticker id.',
    );
  }
  const logRequired = kind !== 's3-import';
  const logBucket = checkBucketName(
    r,
    'logBucket',
    r.text(
      'logBucket',
      logRequired
        ? {
            what: `a ${kind} job needs a bucket for its log`,
            fix: 'Add `logBucket:` with a bucket you own and can write to, in the same region as the job.',
          }
        : undefined,
    ),
  );
  const logPrefix = r.text('logPrefix');
  if (logPrefix !== undefined) {
    const longest = logPrefix + logNameFor(kind, 'X'.repeat(JOB_ID_LENGTH));
    if (utf8Length(longest) > MAX_KEY_BYTES) {
      r.issues.invalid(
        r.at('logPrefix'),
        `is too long: logPrefix plus the log name (${logNameFor(kind, 'JOBID')}) must be at most ${MAX_KEY_BYTES} bytes`,
        `Shorten logPrefix to at most ${MAX_KEY_BYTES - utf8Length(logNameFor(kind, 'X'.repeat(JOB_ID_LENGTH)))} bytes.`,
      );
    }
  }
  const generator = r.text('generator');
  if (generator === undefined) {
    r.issues.warning(
      r.at('generator'),
      'MissingManifestFieldException',
      'generator is missing: the manifest does not say which tool wrote it',
      'Add `generator: <tool name and version>` to help AWS support.',
    );
  }
  const notificationEmail = readEmails(r);
  const serviceLevel = r.oneOf('serviceLevel', SERVICE_LEVELS);
  const eraseRequired = kind !== 's3-export';
  const eraseDevice = r.boolean(
    'eraseDevice',
    eraseRequired && (kind !== 's3-import' || S3_IMPORT_REQUIRES_ERASE_ACK)
      ? {
          what: 'AWS erases the device after the job; the manifest must acknowledge it',
          fix: 'Add `eraseDevice: yes`.',
        }
      : undefined,
  );
  if (kind === 's3-import' && S3_IMPORT_REQUIRES_ERASE_ACK && eraseDevice === false) {
    r.issues.invalid(
      r.at('eraseDevice'),
      'must be yes: AWS erases every import device after loading it, and the manifest acknowledges that',
      'Write `eraseDevice: yes`.',
    );
  }
  const trueCryptPassword = r.text('trueCryptPassword');
  const pinCode = r.text('pinCode');
  if (
    kind === 's3-export' &&
    EXPORT_REQUIRES_ENCRYPTION &&
    trueCryptPassword === undefined &&
    pinCode === undefined
  ) {
    r.issues.missing(
      ['trueCryptPassword'],
      'exported data must be encrypted',
      r.missingFix(
        'trueCryptPassword',
        'Add `trueCryptPassword:` with a password for the TrueCrypt container, or `pinCode:` for a PIN-protected device.',
      ),
    );
  }
  let customs: Common['customs'];
  if (r.raw['customs'] !== undefined && r.raw['customs'] !== null && r.raw['customs'] !== '') {
    const result = readCustoms(r.raw['customs']);
    r.issues.addAll(result.issues);
    customs = result.customs;
  }
  const rawAddress = r.raw['returnAddress'];
  let returnAddress: Common['returnAddress'] = {
    name: '',
    street1: '',
    city: '',
    postalCode: '',
    phoneNumber: '',
    country: '',
  };
  if (rawAddress === undefined || rawAddress === null || rawAddress === '') {
    r.issues.missing(
      r.at('returnAddress'),
      'the address the device is shipped back to',
      r.missingFix(
        'returnAddress',
        'Add a returnAddress section with name, street1, city, stateOrProvince, postalCode, phoneNumber and country.',
      ),
    );
  } else {
    r.issues.addAll(validateAddress(rawAddress, 'returnAddress'));
    if (isRawMap(rawAddress)) {
      returnAddress = toReturnAddress(rawAddress);
      const country = normalizeCountry(returnAddress.country);
      if (serviceLevel === 'expeditedShipping' && country !== undefined && country !== 'US') {
        r.issues.invalid(
          r.at('serviceLevel'),
          'expeditedShipping is only available for return addresses in the United States',
          'Use `serviceLevel: standard`, or remove the line.',
        );
      }
    }
  }
  const common: Common = {
    manifestVersion,
    accessKeyId: accessKeyId ?? '',
    deviceId: deviceId ?? '',
    returnAddress,
  };
  if (logBucket !== undefined) common.logBucket = logBucket;
  if (logPrefix !== undefined) common.logPrefix = logPrefix;
  if (generator !== undefined) common.generator = generator;
  if (notificationEmail !== undefined) common.notificationEmail = notificationEmail;
  if (serviceLevel !== undefined) common.serviceLevel = serviceLevel;
  if (eraseDevice !== undefined) common.eraseDevice = eraseDevice;
  if (customs !== undefined) common.customs = customs;
  if (trueCryptPassword !== undefined) common.trueCryptPassword = trueCryptPassword;
  if (pinCode !== undefined) common.pinCode = pinCode;
  return common;
}

/** `a@x.com;b@y.org` (the DG form) or a YAML list; each address is checked. */
function readEmails(r: FieldReader): string[] | undefined {
  const items = r.textList('notificationEmail');
  if (items === undefined) {
    r.issues.warning(
      r.at('notificationEmail'),
      'MissingManifestFieldException',
      'notificationEmail is missing: AWS support has no way to reach you about this device',
      'Add `notificationEmail: you@example.com` (several addresses separated by ;).',
    );
    return undefined;
  }
  const emails = items
    .flatMap((item) => item.split(';'))
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const bad = emails.filter((e) => !EMAIL_PATTERN.test(e));
  if (bad.length > 0) {
    r.issues.invalid(
      r.at('notificationEmail'),
      `has an address that is not an e-mail address: "${bad[0] ?? ''}"`,
      'Separate addresses with ; and write each as name@example.com.',
    );
  }
  if (emails.length === 0) {
    r.issues.invalid(r.at('notificationEmail'), 'is empty', 'Give at least one address, or remove the line.');
  }
  return emails;
}
