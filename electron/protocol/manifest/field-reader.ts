/** Typed access to one YAML map of a manifest, recording an issue for every value it cannot use. */
import { formatPath, type FieldPath, type IssueList } from './issues';
import { closestName, hasControlCharacters, isRawMap, parseBoolean, type RawMap } from './values';

export class FieldReader {
  constructor(
    readonly raw: RawMap,
    readonly path: FieldPath,
    readonly issues: IssueList,
  ) {}

  at(key: string | number): FieldPath {
    return [...this.path, key];
  }

  has(key: string): boolean {
    const v = this.raw[key];
    return v !== undefined && v !== null && v !== '';
  }

  /** A near-miss spelling of `key` among the keys actually present, for "did you mean" hints. */
  nearMiss(key: string): string | undefined {
    const present = Object.keys(this.raw).filter((k) => k !== key);
    const hit = present.find((k) => closestName(k, [key]) === key);
    return hit;
  }

  missingFix(key: string, fix: string): string {
    const near = this.nearMiss(key);
    return near === undefined ? fix : `${fix} (The manifest has "${near}": did you mean ${key}?)`;
  }

  /**
   * A single-line text value. Missing or empty: undefined, plus a MissingManifestFieldException when required.
   * A map or list where text belongs is an InvalidManifestFieldException.
   */
  text(key: string, required: { what: string; fix: string } | undefined = undefined): string | undefined {
    const value = this.raw[key];
    const path = this.at(key);
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required !== undefined)
        this.issues.missing(path, required.what, this.missingFix(key, required.fix));
      return undefined;
    }
    if (typeof value !== 'string') {
      this.issues.invalid(
        path,
        'must be a single value, not a list or map',
        `Write \`${key}: value\` on one line.`,
      );
      return undefined;
    }
    const trimmed = value.trim();
    if (hasControlCharacters(trimmed)) {
      this.issues.invalid(
        path,
        'contains control characters',
        `Use printable text only in ${formatPath(path)}.`,
      );
      return undefined;
    }
    return trimmed;
  }

  boolean(key: string, required: { what: string; fix: string } | undefined = undefined): boolean | undefined {
    const text = this.text(key, required);
    if (text === undefined) return undefined;
    const b = parseBoolean(text);
    if (b === undefined) {
      this.issues.invalid(
        this.at(key),
        `must be yes or no, not "${text}"`,
        `Write \`${key}: yes\` or \`${key}: no\`.`,
      );
    }
    return b;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const text = this.text(key);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      this.issues.invalid(
        this.at(key),
        `must be one of ${allowed.join(', ')}, not "${text}"`,
        `Use one of: ${allowed.join(', ')}.`,
      );
      return undefined;
    }
    return text as T;
  }

  /** A map of text to text (contentTypes, substitutions), in the manifest's order. */
  textMap(key: string): Record<string, string> | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null || value === '') return undefined;
    const path = this.at(key);
    if (!isRawMap(value)) {
      this.issues.invalid(
        path,
        'must be a map of `from: to` lines',
        `Indent one \`name: value\` per line under ${key}.`,
      );
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') {
        this.issues.invalid([...path, k], 'must be a single value', `Write \`${k}: value\` on one line.`);
        continue;
      }
      out[k] = v;
    }
    return out;
  }

  /** A list of text items; a single value is read as a one-item list. */
  textList(key: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null || value === '') return undefined;
    const path = this.at(key);
    const items = Array.isArray(value) ? (value as unknown[]) : [value];
    const out: string[] = [];
    items.forEach((item, index) => {
      if (typeof item !== 'string') {
        this.issues.invalid(
          [...path, index],
          'must be a single value',
          `Write each ${key} item as \`- value\`.`,
        );
      } else {
        out.push(item);
      }
    });
    return out;
  }

  /** A list of maps (operations). */
  mapList(key: string, required: { what: string; fix: string }): FieldReader[] | undefined {
    const value = this.raw[key];
    const path = this.at(key);
    if (value === undefined || value === null || value === '') {
      this.issues.missing(path, required.what, this.missingFix(key, required.fix));
      return undefined;
    }
    if (!Array.isArray(value) || value.length === 0) {
      this.issues.invalid(path, 'must be a list of `- name: value` entries', required.fix);
      return undefined;
    }
    const out: FieldReader[] = [];
    (value as unknown[]).forEach((item, index) => {
      if (isRawMap(item)) out.push(new FieldReader(item, [...path, index], this.issues));
      else this.issues.invalid([...path, index], 'must be a map of `name: value` lines', required.fix);
    });
    return out;
  }

  /** Warns about keys not in `known`, suggesting the nearest known name. */
  warnUnknown(known: ReadonlySet<string>, context: string): void {
    for (const key of Object.keys(this.raw)) {
      if (known.has(key)) continue;
      const near = closestName(key, known);
      this.issues.warning(
        this.at(key),
        'InvalidManifestFieldException',
        `${formatPath(this.at(key))} is not a field of ${context}${near === undefined ? '' : `; did you mean ${near}?`}`,
        near === undefined ? 'Remove the line; the service ignores it.' : `Rename it to ${near}.`,
      );
    }
  }
}
