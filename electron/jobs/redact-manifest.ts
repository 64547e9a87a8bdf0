/**
 * Manifest secrets (the TrueCrypt password, a device PIN) must not sit in the journal in plain text: the
 * service keeps them (GetStatus echoes CurrentManifest), so the local copy never needs them.
 */

/** Fields whose values are replaced before a manifest is stored or shown. */
export const SECRET_MANIFEST_FIELDS = ['trueCryptPassword', 'pinCode'] as const;

export const REDACTED = '[redacted]';

// `key: value` and the lenient `key:value` the service also accepts, at any indentation; a quoted or
// block value on the same line is replaced whole.
const SECRET_LINE = new RegExp(`^(\\s*["']?(?:${SECRET_MANIFEST_FIELDS.join('|')})["']?\\s*:)(.*)$`, 'gmi');

/** The manifest text with every secret field's value replaced by `[redacted]`; other lines unchanged. */
export function redactManifest(text: string): string {
  return text.replace(SECRET_LINE, (_line, key: string, value: string) =>
    value.trim().length === 0 ? key : `${key} ${REDACTED}`,
  );
}
