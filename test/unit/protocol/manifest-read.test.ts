import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../electron/protocol/manifest';
import type { ManifestIssue, ManifestReadResult } from '../../../electron/protocol/manifest';
import { EBS, GLACIER, S3_EXPORT, S3_IMPORT_FULL, S3_IMPORT_MINIMAL } from './manifest-fixtures';

function errors(result: ManifestReadResult): ManifestIssue[] {
  return result.ok ? [] : result.issues.filter((i) => i.severity === 'error');
}

describe('readManifest: the DG example manifests (reference 2.10)', () => {
  it.each([
    ['S3 import, minimal', S3_IMPORT_MINIMAL, 'Import', 's3-import'],
    ['S3 import, fuller', S3_IMPORT_FULL, 'Import', 's3-import'],
    ['S3 export', S3_EXPORT, 'Export', 's3-export'],
    ['Glacier import', GLACIER, 'Import', 'glacier-import'],
    ['EBS import', EBS, 'Import', 'ebs-import'],
  ] as const)('%s reads as %s', (_name, text, jobType, kind) => {
    const result = readManifest(text, jobType);
    expect(errors(result)).toEqual([]);
    expect(result.ok && result.manifest.kind).toBe(kind);
    // Without a JobType the manifest's shape decides.
    const untyped = readManifest(text);
    expect(untyped.ok && untyped.manifest.kind).toBe(kind);
  });

  it('keeps the values as written, converting booleans and splitting e-mails', () => {
    const result = readManifest(S3_IMPORT_FULL, 'Import');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const m = result.manifest;
    if (m.kind !== 's3-import') throw new Error(m.kind);
    expect(m.manifestVersion).toBe('2.0');
    expect(m.deviceId).toBe('ABCDE');
    expect(m.eraseDevice).toBe(true);
    expect(m.setContentEncodingForGzFiles).toBe(true);
    expect(m.notificationEmail).toEqual(['john.doe@example.com', 'jane.roe@example.com']);
    expect(m.cacheControl).toBe('max-age=3600');
    expect(m.ignore).toEqual(['.*~$', '.*\\.swp$', '^backup/']);
    expect(m.returnAddress.postalCode).toBe('91111');
    expect(m.serviceLevel).toBe('expeditedShipping');
  });

  it('reads the export operations in order', () => {
    const result = readManifest(S3_EXPORT, 'Export');
    if (!result.ok || result.manifest.kind !== 's3-export') throw new Error('not an export');
    expect(result.manifest.fileSystem).toBe('NTFS');
    expect(result.manifest.operations.map((o) => o.exportBucket)).toEqual([
      'mybucket',
      'mybucket',
      'lost',
      'threescompany',
    ]);
    expect(result.manifest.operations[3]?.targetDirectory).toBe('myexport/stuff');
  });
});

describe('readManifest: malformed text', () => {
  it('answers INVALID MANIFEST with the real service message', () => {
    const result = readManifest('INVALID MANIFEST', 'Import');
    expect(result.ok).toBe(false);
    expect(errors(result)[0]).toMatchObject({
      code: 'MalformedManifestException',
      message: 'Your manifest is not well-formed',
    });
  });

  it.each([
    ['empty text', ''],
    ['a list', '- a\n- b\n'],
    ['a broken flow map', 'manifestVersion: 2.0\nbucket: {a: b\n'],
    ['duplicate keys', 'manifestVersion: 2.0\nbucket: a\nbucket: b\n'],
    ['bad indentation', 'manifestVersion: 2.0\n  bucket: a\n    deviceId: x\n'],
  ])('rejects %s as MalformedManifestException', (_name, text) => {
    expect(errors(readManifest(text, 'Import'))[0]?.code).toBe('MalformedManifestException');
  });

  it('gives the line and column of a YAML syntax error', () => {
    const result = readManifest('manifestVersion: 2.0\nbucket: a\nbucket: b\n', 'Import');
    expect(errors(result)[0]).toMatchObject({ line: 3, column: 1 });
  });
});
