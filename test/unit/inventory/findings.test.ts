import { describe, expect, it } from 'vitest';
import {
  classifyFile,
  deviceFindings,
  formatBytes,
  type FileFacts,
  type FileRules,
} from '../../../electron/inventory/findings';
import { MAX_DEVICE_BYTES, MAX_FILE_BYTES } from '../../../electron/protocol/manifest/limits';

const TIB = 1024 ** 4;
const importRules: FileRules = {
  kind: 's3-import',
  ignoredBy: (p) => (p.endsWith('~') ? '.*~$' : p.startsWith('backup/') ? '^backup/' : undefined),
  keyFor: (p) => `photos/${p}`,
};
const file = (path: string, size = 10, nameIsUtf8 = true): FileFacts => ({ path, size, nameIsUtf8 });

describe('classifyFile (S3 import)', () => {
  it.each<[string, FileFacts, { skipped?: string; key?: string; finding?: string }]>([
    ['an ordinary file gets its key', file('a/b.jpg'), { key: 'photos/a/b.jpg' }],
    [
      'SIGNATURE at the root is listed but not imported',
      file('SIGNATURE', 90),
      { skipped: 'signature-file' },
    ],
    ['SIGNATURE in a folder is an ordinary file', file('x/SIGNATURE'), { key: 'photos/x/SIGNATURE' }],
    [
      'a name that is not UTF-8',
      file('caf\uFFFD.txt', 3, false),
      { skipped: 'name-not-utf8', finding: 'name-not-utf8' },
    ],
    ['an ignored editor backup', file('notes.txt~'), { skipped: 'ignored', finding: 'ignored' }],
    ['an ignored folder', file('backup/old.tar'), { skipped: 'ignored', finding: 'ignored' }],
    ['exactly 5 TiB is fine', file('big.img', MAX_FILE_BYTES), { key: 'photos/big.img' }],
    [
      'one byte over 5 TiB',
      file('big.img', MAX_FILE_BYTES + 1),
      { skipped: 'file-too-large', finding: 'file-too-large' },
    ],
    ['a 6 TiB file', file('huge.img', 6 * TIB), { skipped: 'file-too-large', finding: 'file-too-large' }],
    [
      'a key of 1024 bytes with the prefix is fine',
      file('k'.repeat(1024 - 'photos/'.length)),
      { key: 'photos/' + 'k'.repeat(1024 - 'photos/'.length) },
    ],
    [
      'a key of 1025 bytes with the prefix',
      file('k'.repeat(1025 - 'photos/'.length)),
      {
        skipped: 'key-too-long',
        finding: 'key-too-long',
        key: 'photos/' + 'k'.repeat(1025 - 'photos/'.length),
      },
    ],
    [
      'key length counts UTF-8 bytes, not characters',
      file('é'.repeat(510)),
      { skipped: 'key-too-long', finding: 'key-too-long', key: 'photos/' + 'é'.repeat(510) },
    ],
  ])('%s', (_name, facts, expected) => {
    const verdict = classifyFile(facts, importRules);
    expect(verdict.skipped).toBe(expected.skipped);
    expect(verdict.key).toBe(expected.key);
    expect(verdict.finding?.kind).toBe(expected.finding);
    if (verdict.finding) {
      expect(verdict.finding.path).toBe(facts.path);
      expect(verdict.finding.message).toContain(facts.path);
      expect(verdict.finding.fix.length).toBeGreaterThan(10);
    }
  });

  it('names the ignore pattern that matched', () => {
    expect(classifyFile(file('backup/x'), importRules).finding?.message).toContain('`^backup/`');
  });

  it('without keyFor the key is the path', () => {
    expect(classifyFile(file('a/b'), { kind: 's3-import' }).key).toBe('a/b');
  });

  it.each(['s3-export', 'ebs-import', 'glacier-import'] as const)(
    '%s devices have no per-file rules',
    (kind) => {
      expect(classifyFile(file('x', 6 * TIB, false), { ...importRules, kind })).toEqual({});
    },
  );
});

describe('deviceFindings', () => {
  it.each<[string, Parameters<typeof deviceFindings>[0], string[]]>([
    ['ext4 for S3 import', { kind: 's3-import', fileSystem: 'ext4' }, []],
    ['vfat for S3 import', { kind: 's3-import', fileSystem: 'vfat' }, []],
    ['exFAT for S3 import', { kind: 's3-import', fileSystem: 'exfat' }, ['unsupported-file-system']],
    ['HFS+ for S3 export', { kind: 's3-export', fileSystem: 'hfsplus' }, ['unsupported-file-system']],
    ['anything for EBS', { kind: 'ebs-import', fileSystem: 'xfs' }, []],
    ['16 TiB S3 device', { kind: 's3-import', deviceSizeBytes: MAX_DEVICE_BYTES }, []],
    [
      '16 TiB + 1 S3 device',
      { kind: 's3-import', deviceSizeBytes: MAX_DEVICE_BYTES + 1 },
      ['device-too-large'],
    ],
    ['20 TiB EBS device', { kind: 'ebs-import', deviceSizeBytes: 20 * TIB }, ['device-too-large']],
    [
      '20 TiB Glacier device (not limited, our choice)',
      { kind: 'glacier-import', deviceSizeBytes: 20 * TIB },
      [],
    ],
    [
      'both at once',
      { kind: 's3-import', fileSystem: 'btrfs', deviceSizeBytes: 18 * TIB },
      ['unsupported-file-system', 'device-too-large'],
    ],
    ['nothing known', { kind: 's3-import' }, []],
  ])('%s', (_name, facts, kinds) => {
    const found = deviceFindings(facts);
    expect(found.map((f) => f.kind)).toEqual(kinds);
    for (const f of found) expect(f.fix).toMatch(/\w/);
  });

  it('says which file systems would do', () => {
    expect(deviceFindings({ kind: 's3-export', fileSystem: 'exfat' })[0]?.fix).toContain(
      'NTFS, EXT2, EXT3, EXT4, FAT32',
    );
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1023 bytes'],
    [1024, '1.0 KiB'],
    [6 * TIB, '6.0 TiB'],
  ])('%d -> %s', (n, s) => expect(formatBytes(n)).toBe(s));
});
