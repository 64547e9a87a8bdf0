/**
 * `ignore` patterns are Java regular expressions (reference 2.4), matched with `Matcher.find()` against the
 * device-relative path with forward slashes. We translate the parts of Java syntax JavaScript lacks and refuse
 * what JavaScript cannot express, rather than silently matching something else.
 */
import { makeIssue } from './issues';
import type { ManifestIssue } from './types';

export type IgnoreTranslation = { ok: true; source: string; flags: string } | { ok: false; reason: string };

/** Java POSIX classes (`\p{Alpha}`) as JavaScript class contents (ASCII, as in Java without UNICODE_CHARACTER_CLASS). */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

/** Inline flags Java allows at the very start of a pattern that mean the same in JavaScript. */
const INLINE_FLAGS: Readonly<Record<string, string>> = { i: 'i', s: 's', m: 'm' };

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, (c) => `\\${c}`);
}

function hex4(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Translates one Java regular expression to a JavaScript source and flags, or says why it cannot. */
/**
 * Limits that keep a hostile `ignore` list from exhausting V8's regular-expression compiler on the endpoint
 * (a crash seen once in the robustness suite). Real ignore patterns are short; ours are generous.
 */
export const MAX_IGNORE_PATTERN_CHARS = 1024;
export const MAX_IGNORE_PATTERNS = 1000;
export const MAX_IGNORE_REPEAT_COUNT = 1000;
export const MAX_IGNORE_GROUP_DEPTH = 16;

function exceedsLimits(pattern: string): string | undefined {
  if (pattern.length > MAX_IGNORE_PATTERN_CHARS) {
    return `it is ${pattern.length} characters long; the limit is ${MAX_IGNORE_PATTERN_CHARS}`;
  }
  for (const m of pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    if (Number(m[1]) > MAX_IGNORE_REPEAT_COUNT || Number(m[2] || 0) > MAX_IGNORE_REPEAT_COUNT) {
      return `the repeat count ${m[0]} is over ${MAX_IGNORE_REPEAT_COUNT}`;
    }
  }
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '(' && ++depth > MAX_IGNORE_GROUP_DEPTH) {
      return `groups are nested more than ${MAX_IGNORE_GROUP_DEPTH} deep`;
    } else if (pattern[i] === ')') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

export function translateJavaRegex(pattern: string): IgnoreTranslation {
  const tooBig = exceedsLimits(pattern);
  if (tooBig !== undefined) return { ok: false, reason: tooBig };
  let flags = '';
  let i = 0;
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  if (lead !== null) {
    for (const f of lead[1] ?? '') {
      const js = INLINE_FLAGS[f];
      if (js === undefined)
        return { ok: false, reason: `the inline flag (?${f}) has no JavaScript equivalent` };
      if (!flags.includes(js)) flags += js;
    }
    i = lead[0].length;
  }
  let out = '';
  let inClass = false;
  let classStart = false;
  // True right after a quantifier, where a `+` would make it possessive.
  let afterQuantifier = false;
  while (i < pattern.length) {
    const c = pattern[i] ?? '';
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return { ok: false, reason: 'it ends with a lone backslash' };
      afterQuantifier = false;
      classStart = false;
      if (n === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const literal = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        out += escapeLiteral(literal);
        i = end < 0 ? pattern.length : end + 2;
        continue;
      }
      if (n === 'E') {
        // A stray \E outside \Q is ignored by Java.
        i += 2;
        continue;
      }
      if (n === 'p' || n === 'P') {
        const m = /^\{(?:Is)?([A-Za-z]+)\}/.exec(pattern.slice(i + 2));
        const body = m === null ? undefined : POSIX_CLASSES[m[1] ?? ''];
        if (m === null || body === undefined) {
          return {
            ok: false,
            reason: `the class ${pattern.slice(i, i + 2)}${m?.[0] ?? ''} is not supported`,
          };
        }
        if (inClass) {
          if (n === 'P') return { ok: false, reason: 'a negated \\P{...} inside [...] is not supported' };
          out += body;
        } else {
          out += n === 'p' ? `[${body}]` : `[^${body}]`;
        }
        i += 2 + m[0].length;
        continue;
      }
      switch (n) {
        case 'A':
          if (inClass) return { ok: false, reason: '\\A is not allowed inside [...]' };
          out += '^';
          break;
        case 'z':
          if (inClass) return { ok: false, reason: '\\z is not allowed inside [...]' };
          out += '$';
          break;
        case 'Z':
          if (inClass) return { ok: false, reason: '\\Z is not allowed inside [...]' };
          out += '(?=\\n?$)';
          break;
        case 'h':
          out += inClass
            ? ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000'
            : '[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]';
          break;
        case 'e':
          out += '\\x1B';
          break;
        case 'a':
          out += '\\x07';
          break;
        case 'G':
        case 'R':
        case 'X':
        case 'H':
        case 'V':
          return { ok: false, reason: `\\${n} has no JavaScript equivalent` };
        case '0': {
          const m = /^[0-7]{1,3}/.exec(pattern.slice(i + 2));
          if (m === null) return { ok: false, reason: 'the octal escape \\0 needs digits' };
          const code = parseInt(m[0], 8);
          if (code > 0xff) return { ok: false, reason: `the octal escape \\0${m[0]} is out of range` };
          out += hex4(code);
          i += 2 + m[0].length;
          continue;
        }
        case 'x': {
          const m = /^\{([0-9a-fA-F]+)\}/.exec(pattern.slice(i + 2));
          if (m !== null) {
            const code = parseInt(m[1] ?? '', 16);
            if (code > 0xffff)
              return { ok: false, reason: `${m[0]} is outside the Basic Multilingual Plane` };
            out += hex4(code);
            i += 2 + m[0].length;
            continue;
          }
          out += '\\x';
          break;
        }
        default:
          // Java refuses unknown letter escapes; JavaScript (without u) would quietly read \y as y.
          if (/[a-zA-Z]/.test(n) && !/[dDsSwWbBtnrfvcukK]/.test(n)) {
            return { ok: false, reason: `\\${n} is not a Java escape` };
          }
          out += `\\${n}`;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[' && !classStart)
        return { ok: false, reason: 'nested character classes [a[b]] are not supported' };
      if (c === '&' && pattern[i + 1] === '&') {
        return { ok: false, reason: 'class intersection && is not supported' };
      }
      if (c === ']' && !classStart) inClass = false;
      classStart = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = true;
      out += c;
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      afterQuantifier = false;
      continue;
    }
    if (c === '+' && afterQuantifier) {
      return { ok: false, reason: 'possessive quantifiers (*+, ++, ?+, {n}+) are not supported' };
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('>')) return { ok: false, reason: 'atomic groups (?>...) are not supported' };
      if (/^[a-zA-Z-]/.test(rest) && !rest.startsWith('<')) {
        return { ok: false, reason: 'inline flags are supported only at the very start, as (?i)' };
      }
    }
    if (c === '*' || c === '+' || c === '?') {
      // `??`, `*?`, `+?` are lazy forms; the `?` after a quantifier is not itself quantifiable.
      out += c;
      i++;
      if (pattern[i] === '?') {
        out += '?';
        i++;
        afterQuantifier = false;
      } else {
        afterQuantifier = true;
      }
      continue;
    }
    if (c === '{') {
      const m = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
      if (m !== null) {
        out += m[0];
        i += m[0].length;
        if (pattern[i] === '?') {
          out += '?';
          i++;
          afterQuantifier = false;
        } else {
          afterQuantifier = true;
        }
        continue;
      }
    }
    afterQuantifier = false;
    out += c === '/' ? '\\/' : c;
    i++;
  }
  if (inClass) return { ok: false, reason: 'a [ is never closed' };
  try {
    new RegExp(out, flags);
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
  return { ok: true, source: out, flags };
}

/**
 * Compiles `ignore` patterns. A pattern that cannot be translated is an InvalidManifestFieldException naming
 * `ignore[i]`; all of them are reported, not just the first.
 */
export function compileIgnorePatterns(
  patterns: readonly string[],
): { ok: true; patterns: RegExp[] } | { ok: false; issues: ManifestIssue[] } {
  const compiled: RegExp[] = [];
  const issues: ManifestIssue[] = [];
  if (patterns.length > MAX_IGNORE_PATTERNS) {
    return {
      ok: false,
      issues: [
        makeIssue(
          'ignore',
          'InvalidManifestFieldException',
          `ignore lists ${patterns.length} patterns; the limit is ${MAX_IGNORE_PATTERNS}`,
          'Combine patterns with | or skip whole folders with one pattern such as ^backup/.',
        ),
      ],
    };
  }
  patterns.forEach((pattern, index) => {
    const t = translateJavaRegex(pattern);
    if (t.ok) {
      // No g or y flag: test() must not carry lastIndex from one path to the next.
      compiled.push(new RegExp(t.source, t.flags));
    } else {
      issues.push(
        makeIssue(
          `ignore[${index}]`,
          'InvalidManifestFieldException',
          `ignore[${index}] "${pattern}" is not a usable regular expression: ${t.reason}`,
          'Write the pattern in the common subset of Java and JavaScript regular expressions, e.g. \\.psd$ or ^backup/.',
        ),
      );
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, patterns: compiled };
}

/**
 * True when any pattern is found anywhere in the path (Java `Matcher.find()`, not `matches()`): `\.psd$` skips
 * `art/cover.psd`, `^backup/` skips only the top-level backup directory.
 */
export function isIgnored(relativePath: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((p) => {
    p.lastIndex = 0;
    return p.test(relativePath);
  });
}
