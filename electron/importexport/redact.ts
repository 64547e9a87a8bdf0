/** Redaction for --debug lines: signatures, keys, session tokens and manifest secrets never reach a log. */
import type { QueryParams } from '../protocol/query';

const REDACTED = '***';
/** How many characters of an access key id stay visible at each end (enough to tell keys apart). */
const ACCESS_KEY_VISIBLE_CHARS = 4;

/** Manifest (YAML) and form keys whose values are secrets. */
const SECRET_KEYS = [
  'trueCryptPassword',
  'pinCode',
  'secretAccessKey',
  'aws_secret_access_key',
  'password',
  'SecurityToken',
];

export function redactAccessKeyId(keyId: string): string {
  if (keyId.length <= ACCESS_KEY_VISIBLE_CHARS * 2) return REDACTED;
  return (
    keyId.slice(0, ACCESS_KEY_VISIBLE_CHARS) +
    '*'.repeat(keyId.length - ACCESS_KEY_VISIBLE_CHARS * 2) +
    keyId.slice(-ACCESS_KEY_VISIBLE_CHARS)
  );
}

const SECRET_LINE = new RegExp(`^(\\s*-?\\s*["']?(?:${SECRET_KEYS.join('|')})["']?\\s*:)(.*)$`, 'gim');

/** Blanks the value of every secret key in YAML-ish text (manifests, CurrentManifest in responses). */
export function redactManifestText(text: string): string {
  return text.replace(SECRET_LINE, (_m, key: string, value: string) =>
    value.trim().length === 0 ? key : `${key} ${REDACTED}`,
  );
}

/** Also XML elements carrying secrets, for response bodies. */
export function redactResponseBody(body: string): string {
  const xmlSecret = new RegExp(`<(${SECRET_KEYS.join('|')})>[^<]*</\\1>`, 'gi');
  return redactManifestText(body).replace(xmlSecret, `<$1>${REDACTED}</$1>`);
}

/** A copy of signed request parameters fit for a debug line. */
export function redactParams(params: QueryParams): QueryParams {
  const out: QueryParams = {};
  for (const [k, v] of Object.entries(params)) {
    if (k === 'Signature' || k === 'SecurityToken') out[k] = REDACTED;
    else if (k === 'AWSAccessKeyId') out[k] = redactAccessKeyId(v);
    else if (k === 'Manifest' || k === 'ManifestAddendum') out[k] = redactManifestText(v);
    else if (SECRET_KEYS.some((s) => s.toLowerCase() === k.toLowerCase())) out[k] = REDACTED;
    else out[k] = v;
  }
  return out;
}
