import { describe, expect, it } from 'vitest';
import {
  bucketsOf,
  compileIgnorePatterns,
  isIgnored,
  logLocationFor,
  objectKeyFor,
  readManifest,
  translateJavaRegex,
} from '../../../electron/protocol/manifest';
import { S3_EXPORT, S3_IMPORT_FULL } from './manifest-fixtures';

function compiled(patterns: string[]): RegExp[] {
  const result = compileIgnorePatterns(patterns);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.patterns;
}

describe('ignore patterns from the reference, with Matcher.find() semantics', () => {
  it.each([
    ['.*~$', 'docs/report.txt~', true],
    ['.*~$', 'docs/report.txt', false],
    ['.*\\.swp$', 'src/.main.c.swp', true],
    ['.*\\.swp$', 'src/swp.c', false],
    ['\\.psd$', 'art/cover.psd', true],
    ['\\.psd$', 'art/cover.PSD', false],
    ['\\.PSD$', 'art/cover.PSD', true],
    ['\\.psd$', 'art/cover.psd.bak', false],
    ['^backup/', 'backup/2012/a.tar', true],
    ['^backup/', 'old/backup/a.tar', false],
    ['^images/myImages/', 'images/myImages/a.jpg', true],
    ['^images/myImages/', 'images/other/a.jpg', false],
    ['(?i)\\.psd$', 'art/cover.PsD', true],
    ['\\Q$RECYCLE.BIN\\E', '$RECYCLE.BIN/S-1-5/x', true],
    ['\\Q$RECYCLE.BIN\\E', 'RECYCLExBIN/x', false],
    ['^\\.Trashes/', '.Trashes/501/a', true],
    ['\\p{Upper}{3}', 'a/ABC.txt', true],
    ['\\p{Upper}{3}', 'a/abc.txt', false],
    ['\\Aroot\\z', 'root', true],
    ['[a-c&&b]', 'b', null],
  ])('%s against %s → %s', (pattern, path, expected) => {
    const result = compileIgnorePatterns([pattern]);
    if (expected === null) {
      expect(result.ok).toBe(false);
      return;
    }
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(isIgnored(path, result.patterns)).toBe(expected);
  });

  it.each([
    ['a++', 'possessive'],
    ['a*+b', 'possessive'],
    ['a{2}+', 'possessive'],
    ['(?>ab)c', 'atomic'],
    ['a(?i)b', 'inline flags'],
    ['\\G', 'no JavaScript equivalent'],
    ['[a[b]]', 'nested'],
    ['(unclosed', ''],
    ['\\y', 'not a Java escape'],
  ])('refuses %s, naming ignore[1]', (pattern, reason) => {
    const result = compileIgnorePatterns(['ok', pattern]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ field: 'ignore[1]', code: 'InvalidManifestFieldException' });
      expect(result.issues[0]?.message).toContain(reason);
    }
  });

  it('keeps quantifiers that are lazy, not possessive', () => {
    expect(translateJavaRegex('a+?b*?c??')).toEqual({ ok: true, source: 'a+?b*?c??', flags: '' });
  });

  it('gives the same answer on repeated calls (no lastIndex state)', () => {
    const patterns = compiled(['\\.tmp$']);
    expect([1, 2, 3].map(() => isIgnored('a.tmp', patterns))).toEqual([true, true, true]);
  });

  it('the fuller DG import manifest ignores editor droppings and the backup directory', () => {
    const result = readManifest(S3_IMPORT_FULL, 'Import');
    if (!result.ok || result.manifest.kind !== 's3-import') throw new Error('expected an import');
    const patterns = compiled(result.manifest.ignore ?? []);
    const paths = ['a.txt', 'a.txt~', 'x/.a.swp', 'backup/a', 'photos/backup/a'];
    expect(paths.filter((p) => !isIgnored(p, patterns))).toEqual(['a.txt', 'photos/backup/a']);
  });
});

describe('objectKeyFor', () => {
  it.each([
    [{ prefix: 'images' }, 'sample.jpg', 'imagessample.jpg'],
    [{ prefix: 'my-prefix/' }, 'jpgs/sample.jpg', 'my-prefix/jpgs/sample.jpg'],
    [{}, 'jpgs/sample.jpg', 'jpgs/sample.jpg'],
    [{ prefix: 'p/', substitutions: { A: 'a', B: 'b' } }, 'ABBA/CAB.txt', 'p/abba/Cab.txt'],
    // In order: the first rewrite feeds the second.
    [{ substitutions: { x: 'y', y: 'z' } }, 'x-y', 'z-z'],
    // Substitutions touch the path, never the prefix.
    [{ prefix: 'AA', substitutions: { A: 'b' } }, 'A', 'AAb'],
  ])('%o + %s → %s', (manifest, path, key) => {
    expect(objectKeyFor(manifest, path)).toBe(key);
  });
});

describe('buckets and log location', () => {
  it('lists every bucket with its field', () => {
    const result = readManifest(S3_EXPORT, 'Export');
    if (!result.ok) throw new Error('expected ok');
    expect(bucketsOf(result.manifest)).toEqual([
      { bucket: 'mybucket', field: 'operations[0].exportBucket' },
      { bucket: 'mybucket', field: 'operations[1].exportBucket' },
      { bucket: 'lost', field: 'operations[2].exportBucket' },
      { bucket: 'threescompany', field: 'operations[3].exportBucket' },
      { bucket: 'my-log-bucket', field: 'logBucket' },
    ]);
    expect(logLocationFor(result.manifest, 'EX1ID')).toEqual({
      bucket: 'my-log-bucket',
      key: 'export-log-EX1ID',
    });
  });

  it('puts an S3 import log under logPrefix, in bucket when there is no logBucket', () => {
    const result = readManifest(S3_IMPORT_FULL, 'Import');
    if (!result.ok) throw new Error('expected ok');
    expect(logLocationFor(result.manifest, 'TSTD1')).toEqual({
      bucket: 'my-log-bucket',
      key: 'logs/import-log-TSTD1',
    });
    const { logBucket: _dropped, ...rest } = result.manifest;
    expect(logLocationFor({ ...rest } as typeof result.manifest, 'TSTD1').bucket).toBe('myBucket');
  });
});

describe('hostile ignore lists are refused before they reach the regular-expression compiler', () => {
  it.each([
    ['a very long pattern', 'a'.repeat(5000), /characters long/],
    ['a huge repeat count', '(a{100000}){100000}', /repeat count/],
    ['deeply nested groups', '('.repeat(40) + 'a' + ')'.repeat(40), /nested/],
  ])('%s', (_name, pattern, reason) => {
    const result = compileIgnorePatterns([pattern]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.field).toBe('ignore[0]');
      expect(result.issues[0]?.message).toMatch(reason);
    }
  });

  it('refuses a list with more patterns than the limit, naming the field', () => {
    const result = compileIgnorePatterns(Array.from({ length: 1001 }, (_, i) => `^dir${i}/`));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.field).toBe('ignore');
  });

  it('still accepts ordinary bounded repeats', () => {
    expect(compileIgnorePatterns(['^\\d{4}-\\d{2}/', '(tmp){1,3}$']).ok).toBe(true);
  });
});
