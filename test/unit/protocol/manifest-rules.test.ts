import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../electron/protocol/manifest';
import type { JobType } from '../../../electron/protocol/api';
import type { ManifestIssue, ManifestReadResult } from '../../../electron/protocol/manifest';
import { EBS, GLACIER, S3_EXPORT, S3_IMPORT_FULL, S3_IMPORT_MINIMAL } from './manifest-fixtures';

function firstError(result: ManifestReadResult): ManifestIssue | undefined {
  return result.ok ? undefined : result.issues.find((i) => i.severity === 'error');
}

/** Drops the first line matching `pattern` (a whole line, leading spaces allowed). */
function without(text: string, pattern: RegExp): string {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => pattern.test(l));
  if (index < 0) throw new Error(`fixture has no line ${String(pattern)}`);
  lines.splice(index, 1);
  return lines.join('\n');
}

function replaced(text: string, from: RegExp, to: string): string {
  if (!from.test(text)) throw new Error(`fixture has no ${String(from)}`);
  return text.replace(from, to);
}

const ADDRESS_BLOCK = /returnAddress:\n(\s{4}.*\n)+/;

describe('each missing required field names itself with the right code', () => {
  it.each([
    [
      's3-import',
      S3_IMPORT_MINIMAL,
      'Import',
      /^manifestVersion:/,
      'manifestVersion',
      'MissingManifestFieldException',
    ],
    [
      's3-import',
      S3_IMPORT_MINIMAL,
      'Import',
      /^accessKeyId:/,
      'accessKeyId',
      'MissingManifestFieldException',
    ],
    ['s3-import', S3_IMPORT_MINIMAL, 'Import', /^bucket:/, 'bucket', 'MissingManifestFieldException'],
    ['s3-import', S3_IMPORT_MINIMAL, 'Import', /^deviceId:/, 'deviceId', 'MissingManifestFieldException'],
    [
      's3-import',
      S3_IMPORT_MINIMAL,
      'Import',
      /^eraseDevice:/,
      'eraseDevice',
      'MissingManifestFieldException',
    ],
    ['s3-import', S3_IMPORT_MINIMAL, 'Import', /^\s+name:/, 'returnAddress.name', 'InvalidAddressException'],
    [
      's3-import',
      S3_IMPORT_MINIMAL,
      'Import',
      /^\s+street1:/,
      'returnAddress.street1',
      'InvalidAddressException',
    ],
    ['s3-import', S3_IMPORT_MINIMAL, 'Import', /^\s+city:/, 'returnAddress.city', 'InvalidAddressException'],
    [
      's3-import',
      S3_IMPORT_MINIMAL,
      'Import',
      /^\s+postalCode:/,
      'returnAddress.postalCode',
      'InvalidAddressException',
    ],
    [
      's3-import',
      S3_IMPORT_MINIMAL,
      'Import',
      /^\s+phoneNumber:/,
      'returnAddress.phoneNumber',
      'InvalidAddressException',
    ],
    [
      's3-import',
      S3_IMPORT_MINIMAL,
      'Import',
      /^\s+country:/,
      'returnAddress.country',
      'InvalidAddressException',
    ],
    ['s3-export', S3_EXPORT, 'Export', /^fileSystem:/, 'fileSystem', 'MissingManifestFieldException'],
    ['s3-export', S3_EXPORT, 'Export', /^logBucket:/, 'logBucket', 'MissingManifestFieldException'],
    [
      's3-export',
      S3_EXPORT,
      'Export',
      /^trueCryptPassword:/,
      'trueCryptPassword',
      'MissingManifestFieldException',
    ],
    ['s3-export', S3_EXPORT, 'Export', /^deviceId:/, 'deviceId', 'MissingManifestFieldException'],
    ['glacier-import', GLACIER, 'Import', /^logBucket:/, 'logBucket', 'MissingManifestFieldException'],
    ['glacier-import', GLACIER, 'Import', /^eraseDevice:/, 'eraseDevice', 'MissingManifestFieldException'],
    [
      'glacier-import',
      GLACIER,
      'Import',
      /^\s+region:/,
      'operations[0].region',
      'MissingManifestFieldException',
    ],
    [
      'glacier-import',
      GLACIER,
      'Import',
      /^\s+vaultName:/,
      'operations[0].vaultName',
      'MissingManifestFieldException',
    ],
    [
      'glacier-import',
      GLACIER,
      'Import',
      /^\s+archiveComment:/,
      'operations[0].archiveComment',
      'MissingManifestFieldException',
    ],
    [
      'glacier-import',
      GLACIER,
      'Import',
      /^\s+source:/,
      'operations[0].source',
      'MissingManifestFieldException',
    ],
    ['ebs-import', EBS, 'Import', /^logBucket:/, 'logBucket', 'MissingManifestFieldException'],
    ['ebs-import', EBS, 'Import', /^eraseDevice:/, 'eraseDevice', 'MissingManifestFieldException'],
    ['ebs-import', EBS, 'Import', /^\s+region:/, 'operations[0].region', 'MissingManifestFieldException'],
    ['ebs-import', EBS, 'Import', /^accessKeyId:/, 'accessKeyId', 'MissingManifestFieldException'],
  ] as const)('%s without %s → %s', (_kind, text, jobType, line, field, code) => {
    const issue = firstError(readManifest(without(text, line), jobType));
    expect(issue).toMatchObject({ field, code, severity: 'error' });
    expect(issue?.message).toContain(field);
    expect(issue?.fix).not.toBe('');
  });

  it.each([
    ['s3-import', S3_IMPORT_MINIMAL, 'Import'],
    ['s3-export', S3_EXPORT, 'Export'],
    ['glacier-import', GLACIER, 'Import'],
    ['ebs-import', EBS, 'Import'],
  ] as const)('%s without returnAddress → MissingManifestFieldException', (_kind, text, jobType) => {
    expect(firstError(readManifest(text.replace(ADDRESS_BLOCK, ''), jobType))).toMatchObject({
      field: 'returnAddress',
      code: 'MissingManifestFieldException',
    });
  });

  it('names the export operation that lacks exportBucket', () => {
    const text = replaced(S3_EXPORT, /- exportBucket: mybucket\n {4}prefix: html/, '- prefix: html');
    expect(firstError(readManifest(text, 'Export'))).toMatchObject({
      field: 'operations[1].exportBucket',
      code: 'MissingManifestFieldException',
    });
  });

  it('points at the line of the field that is wrong', () => {
    const text = replaced(S3_EXPORT, /fileSystem: NTFS/, 'fileSystem: ZFS');
    expect(firstError(readManifest(text, 'Export'))).toMatchObject({
      field: 'fileSystem',
      code: 'InvalidFileSystemException',
      line: 4,
      column: 1,
    });
  });
});

describe('value rules', () => {
  const cases: [string, string, JobType, string, string][] = [
    [
      'acl outside the enum',
      replaced(S3_IMPORT_FULL, /acl: private/, 'acl: everyone'),
      'Import',
      'acl',
      'InvalidManifestFieldException',
    ],
    [
      'serviceLevel outside the enum',
      replaced(S3_IMPORT_FULL, /serviceLevel: \w+/, 'serviceLevel: overnight'),
      'Import',
      'serviceLevel',
      'InvalidManifestFieldException',
    ],
    [
      'a bad boolean',
      replaced(S3_IMPORT_FULL, /setContentEncodingForGzFiles: yes/, 'setContentEncodingForGzFiles: maybe'),
      'Import',
      'setContentEncodingForGzFiles',
      'InvalidManifestFieldException',
    ],
    [
      'eraseDevice no on S3 import',
      replaced(S3_IMPORT_MINIMAL, /eraseDevice: yes/, 'eraseDevice: no'),
      'Import',
      'eraseDevice',
      'InvalidManifestFieldException',
    ],
    [
      'a bad e-mail',
      replaced(S3_IMPORT_FULL, /jane\.roe@example\.com/, 'jane.roe'),
      'Import',
      'notificationEmail',
      'InvalidManifestFieldException',
    ],
    [
      'logPrefix too long',
      replaced(
        S3_IMPORT_FULL,
        /logPrefix: logs\//,
        `logPrefix: ${'a'.repeat(1024 - 'import-log-'.length - 4)}`,
      ),
      'Import',
      'logPrefix',
      'InvalidManifestFieldException',
    ],
    [
      'an unknown file system',
      replaced(S3_EXPORT, /fileSystem: NTFS/, 'fileSystem: HFSPlus'),
      'Export',
      'fileSystem',
      'InvalidFileSystemException',
    ],
    [
      'beginMarker after endMarker',
      replaced(S3_EXPORT, /beginMarker: images\/starwars\/jedi\.jpg/, 'beginMarker: images/z'),
      'Export',
      'operations[0].beginMarker',
      'InvalidManifestFieldException',
    ],
    [
      'archiveComment over 997 characters',
      replaced(GLACIER, /archiveComment: daily_2012-07-24/, `archiveComment: ${'x'.repeat(998)}`),
      'Import',
      'operations[0].archiveComment',
      'InvalidManifestFieldException',
    ],
    [
      'a bad region',
      replaced(GLACIER, /region: us-east-1/, 'region: Virginia'),
      'Import',
      'operations[0].region',
      'InvalidManifestFieldException',
    ],
    [
      'an unknown destination',
      replaced(GLACIER, /destination: glacier/, 'destination: tape'),
      'Import',
      'operations[0].destination',
      'InvalidManifestFieldException',
    ],
    [
      'an unknown manifestVersion',
      replaced(S3_IMPORT_MINIMAL, /manifestVersion: 2\.0/, 'manifestVersion: 4.0'),
      'Import',
      'manifestVersion',
      'InvalidManifestFieldException',
    ],
    [
      'a bucket URL',
      replaced(S3_IMPORT_MINIMAL, /bucket: myBucket/, 'bucket: s3://myBucket/x'),
      'Import',
      'bucket',
      'InvalidManifestFieldException',
    ],
    [
      'an ignore pattern JS cannot run',
      replaced(S3_IMPORT_FULL, /- \^backup\//, '- a++'),
      'Import',
      'ignore[2]',
      'InvalidManifestFieldException',
    ],
    [
      'a control character in deviceId',
      replaced(S3_IMPORT_MINIMAL, /deviceId: 49382/, 'deviceId: "49\\u0007382"'),
      'Import',
      'deviceId',
      'InvalidManifestFieldException',
    ],
    [
      'a targetDirectory escaping the device',
      replaced(S3_EXPORT, /targetDirectory: myexport\/stuff/, 'targetDirectory: ../etc'),
      'Export',
      'operations[3].targetDirectory',
      'InvalidManifestFieldException',
    ],
    [
      'expedited to a non-US address',
      replaced(S3_IMPORT_FULL, /country: USA/, 'country: Germany'),
      'Import',
      'serviceLevel',
      'InvalidManifestFieldException',
    ],
    [
      'a bad customs value',
      `${S3_IMPORT_MINIMAL}customs:\n    deviceValue: -3\n`,
      'Import',
      'customs.deviceValue',
      'InvalidCustomsException',
    ],
  ];
  it.each(cases)('%s', (_name, text, jobType, field, code) => {
    expect(firstError(readManifest(text, jobType))).toMatchObject({ field, code });
  });

  it.each(['ntfs', 'Ext4', 'FAT32', 'ext2'])('accepts export fileSystem %s case-insensitively', (fs) => {
    const result = readManifest(replaced(S3_EXPORT, /fileSystem: NTFS/, `fileSystem: ${fs}`), 'Export');
    expect(result.ok && result.manifest.kind === 's3-export' && result.manifest.fileSystem).toBe(
      fs.toUpperCase(),
    );
  });

  it.each(['yes', 'Yes', 'true', 'TRUE'])('reads eraseDevice %s as yes', (value) => {
    const result = readManifest(
      replaced(S3_IMPORT_MINIMAL, /eraseDevice: yes/, `eraseDevice: ${value}`),
      'Import',
    );
    expect(result.ok && result.manifest.eraseDevice).toBe(true);
  });

  it('accepts logPrefix right at the 1024-byte limit', () => {
    const prefix = 'a'.repeat(1024 - 'import-log-'.length - 5);
    const result = readManifest(
      replaced(S3_IMPORT_FULL, /logPrefix: logs\//, `logPrefix: ${prefix}`),
      'Import',
    );
    expect(result.ok).toBe(true);
  });
});

describe('job type against the manifest', () => {
  it.each([
    ['an export manifest sent as Import', S3_EXPORT, 'Import'],
    ['an import manifest sent as Export', S3_IMPORT_MINIMAL, 'Export'],
    ['a Glacier manifest sent as Export', GLACIER, 'Export'],
  ] as const)('%s is an issue naming JobType', (_name, text, jobType) => {
    const issue = firstError(readManifest(text, jobType));
    expect(issue?.code).toBe('InvalidParameterException');
    expect(issue?.message).toContain(`JobType ${jobType}`);
  });
});

describe('warnings do not block', () => {
  it('names unknown fields and suggests the near miss', () => {
    const result = readManifest(`${S3_IMPORT_MINIMAL}bukcet: other\n`, 'Import');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const warning = result.warnings.find((w) => w.field === 'bukcet');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('did you mean bucket?');
  });

  it('a misspelt required field says what it was probably meant to be', () => {
    const text = replaced(S3_IMPORT_MINIMAL, /^bucket:/m, 'Bucket:');
    const issue = firstError(readManifest(text, 'Import'));
    expect(issue).toMatchObject({ field: 'bucket', code: 'MissingManifestFieldException' });
    expect(issue?.fix).toContain('did you mean bucket?');
  });

  it('warns about missing notificationEmail and generator', () => {
    const result = readManifest(S3_IMPORT_MINIMAL, 'Import');
    if (!result.ok) throw new Error('expected ok');
    expect(result.warnings.map((w) => w.field).sort()).toEqual(['generator', 'notificationEmail']);
  });
});
