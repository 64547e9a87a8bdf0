/** Pure value parsers and checks shared by the manifest rules. Every scalar arrives as a string (failsafe YAML). */

export type RawMap = Record<string, unknown>;

export function isRawMap(value: unknown): value is RawMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** yes/no/Yes/No/true/false (the DG writes all of them), case-insensitive. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value !== 'string') return undefined;
  switch (value.trim().toLowerCase()) {
    case 'yes':
    case 'true':
      return true;
    case 'no':
    case 'false':
      return false;
    default:
      return undefined;
  }
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Control characters (C0, DEL, C1) make a value unprintable on a label or a log line. */
export function hasControlCharacters(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * Bucket names: the service predates the DNS-style rules and its own samples use `myBucket`, so we accept the
 * legacy US Standard form (3–255 of letters, digits, `.`, `-`, `_`). Our choice; S3 itself has the last word.
 */
export const BUCKET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/;

/** A deliberately loose address check: one `@`, something before it, a dotted domain after it, no spaces. */
export const EMAIL_PATTERN = /^[^\s@;]+@[^\s@;]+\.[^\s@;]+$/;

/** `type/subtype`, as Content-Type values are written. */
export const MIME_TYPE_PATTERN =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;.*)?$/;

/** AWS region names such as `us-east-1`, `eu-central-1`, `us-gov-west-1`. */
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;

/** Compares strings in UTF-8 byte order, which is the order S3 lists keys in (JS `<` compares UTF-16 units). */
export function compareUtf8(a: string, b: string): number {
  const ca = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const cb = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const d = (ca[i] ?? 0) - (cb[i] ?? 0);
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** The known name an unknown one was probably meant to be: same letters ignoring case, or ≤ 2 edits away. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    if (candidate.toLowerCase() === name.toLowerCase()) return candidate;
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase(), 2);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** A relative directory on the device: no leading slash or drive letter, no `..`, no empty segments. */
export function isSafeRelativeDirectory(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return false;
  const segments = path.split(/[/\\]/).filter((s, i, all) => !(s === '' && i === all.length - 1));
  return segments.every((s) => s !== '' && s !== '..' && s !== '.') && !hasControlCharacters(path);
}
