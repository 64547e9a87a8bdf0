/** Import to S3 (reference 2.4) and export from S3 (reference 2.5). */
import { checkBucketName } from './rules-common';
import type { FieldReader } from './field-reader';
import { compileIgnorePatterns } from './ignore';
import { MAX_KEY_BYTES } from './limits';
import { compareUtf8, isSafeRelativeDirectory, MIME_TYPE_PATTERN, utf8Length } from './values';
import type { ExportOperation, S3ExportManifest, S3ImportManifest } from './types';

export const S3_IMPORT_FIELDS = [
  'bucket',
  'prefix',
  'acl',
  'cacheControl',
  'contentDisposition',
  'contentLanguage',
  'contentTypes',
  'defaultContentType',
  'setContentEncodingForGzFiles',
  'expires',
  'ignore',
  'substitutions',
] as const;

export const S3_EXPORT_FIELDS = ['fileSystem', 'operations', 'recoveryDirectory', 'substitutions'] as const;
export const EXPORT_OPERATION_FIELDS = [
  'exportBucket',
  'prefix',
  'beginMarker',
  'endMarker',
  'targetDirectory',
] as const;

export const ACLS = ['private', 'public-read', 'public-read-write', 'authenticated-read'] as const;

/**
 * Export file systems: the union of the older DG (NTFS, EXT4) and the later Guidelines (NTFS, EXT2, EXT3, EXT4,
 * FAT32), read case-insensitively; the canonical spelling is kept.
 */
export const EXPORT_FILE_SYSTEMS = ['NTFS', 'EXT2', 'EXT3', 'EXT4', 'FAT32'] as const;

type S3ImportOnly = Omit<
  S3ImportManifest,
  keyof import('./types').ReturnAddress | 'kind' | 'manifestVersion'
>;

export function readS3ImportFields(
  r: FieldReader,
): Partial<S3ImportManifest> & Pick<S3ImportManifest, 'bucket'> {
  const bucket = checkBucketName(
    r,
    'bucket',
    r.text('bucket', {
      what: 'the bucket the device is imported into',
      fix: 'Add `bucket:` with the name of a bucket your account owns.',
    }),
  );
  const out: Partial<S3ImportOnly> & Pick<S3ImportManifest, 'bucket'> = { bucket: bucket ?? '' };
  const prefix = r.raw['prefix'] === '' ? undefined : r.text('prefix');
  if (prefix !== undefined) {
    if (utf8Length(prefix) >= MAX_KEY_BYTES) {
      r.issues.invalid(
        r.at('prefix'),
        `is ${utf8Length(prefix)} bytes long; keys (prefix + file path) must be at most ${MAX_KEY_BYTES} bytes`,
        'Shorten the prefix.',
      );
    }
    out.prefix = prefix;
  }
  const acl = r.oneOf('acl', ACLS);
  if (acl !== undefined) out.acl = acl;
  for (const key of ['cacheControl', 'contentDisposition', 'contentLanguage', 'expires'] as const) {
    const v = r.text(key);
    if (v !== undefined) out[key] = v;
  }
  const defaultContentType = r.text('defaultContentType');
  if (defaultContentType !== undefined) {
    if (!MIME_TYPE_PATTERN.test(defaultContentType)) {
      r.issues.invalid(
        r.at('defaultContentType'),
        `"${defaultContentType}" is not a MIME type`,
        'Write it as type/subtype, e.g. binary/octet-stream.',
      );
    }
    out.defaultContentType = defaultContentType;
  }
  const contentTypes = r.textMap('contentTypes');
  if (contentTypes !== undefined) {
    for (const [ext, mime] of Object.entries(contentTypes)) {
      if (!MIME_TYPE_PATTERN.test(mime.trim())) {
        r.issues.invalid(
          [...r.at('contentTypes'), ext],
          `"${mime}" is not a MIME type`,
          `Write it as type/subtype, e.g. \`${ext}: image/jpeg\`.`,
        );
      }
      contentTypes[ext] = mime.trim();
    }
    out.contentTypes = contentTypes;
  }
  const gz = r.boolean('setContentEncodingForGzFiles');
  if (gz !== undefined) out.setContentEncodingForGzFiles = gz;
  const ignore = r.textList('ignore');
  if (ignore !== undefined) {
    const compiled = compileIgnorePatterns(ignore);
    if (!compiled.ok) r.issues.addAll(compiled.issues);
    out.ignore = ignore;
  }
  const substitutions = readSubstitutions(r);
  if (substitutions !== undefined) out.substitutions = substitutions;
  return out;
}

function readSubstitutions(r: FieldReader): Record<string, string> | undefined {
  const subs = r.textMap('substitutions');
  if (subs === undefined) return undefined;
  if (Object.keys(subs).some((k) => k === '')) {
    r.issues.invalid(
      r.at('substitutions'),
      'has an empty key',
      'Each substitution replaces a non-empty string.',
    );
  }
  return subs;
}

export function readS3ExportFields(
  r: FieldReader,
): Pick<S3ExportManifest, 'fileSystem' | 'operations'> & Partial<S3ExportManifest> {
  const fsText = r.text('fileSystem', {
    what: 'the file system AWS formats the device with',
    fix: `Add \`fileSystem:\` with one of ${EXPORT_FILE_SYSTEMS.join(', ')}.`,
  });
  let fileSystem = '';
  if (fsText !== undefined) {
    const canonical = EXPORT_FILE_SYSTEMS.find((f) => f.toLowerCase() === fsText.toLowerCase());
    if (canonical === undefined) {
      r.issues.error(
        r.at('fileSystem'),
        'InvalidFileSystemException',
        `fileSystem "${fsText}" is not a file system AWS can export to`,
        `Use one of ${EXPORT_FILE_SYSTEMS.join(', ')}.`,
      );
    } else {
      fileSystem = canonical;
    }
  }
  const operations: ExportOperation[] = [];
  const items = r.mapList('operations', {
    what: 'an export needs at least one operation naming the bucket to export',
    fix: 'Add `operations:` with at least one `- exportBucket: <bucket>` entry.',
  });
  for (const op of items ?? []) {
    const exportBucket = checkBucketName(
      op,
      'exportBucket',
      op.text('exportBucket', {
        what: 'each operation names the bucket to export from',
        fix: 'Add `exportBucket: <bucket>` to this operation.',
      }),
    );
    const operation: ExportOperation = { exportBucket: exportBucket ?? '' };
    for (const key of ['prefix', 'beginMarker', 'endMarker'] as const) {
      const v = op.text(key);
      if (v !== undefined) operation[key] = v;
    }
    if (
      operation.beginMarker !== undefined &&
      operation.endMarker !== undefined &&
      compareUtf8(operation.beginMarker, operation.endMarker) >= 0
    ) {
      op.issues.invalid(
        op.at('beginMarker'),
        `"${operation.beginMarker}" does not sort before endMarker "${operation.endMarker}", so nothing would be exported`,
        'Swap beginMarker and endMarker, or remove one of them.',
      );
    }
    const target = op.text('targetDirectory');
    if (target !== undefined) {
      if (!isSafeRelativeDirectory(target)) {
        op.issues.invalid(
          op.at('targetDirectory'),
          `"${target}" is not a relative directory on the device`,
          'Use a path like myexport/stuff, without a leading / and without ..',
        );
      }
      operation.targetDirectory = target;
    }
    op.warnUnknown(new Set(EXPORT_OPERATION_FIELDS), 'an export operation');
    operations.push(operation);
  }
  const out: Pick<S3ExportManifest, 'fileSystem' | 'operations'> & Partial<S3ExportManifest> = {
    fileSystem,
    operations,
  };
  const recovery = r.text('recoveryDirectory');
  if (recovery !== undefined) {
    if (!isSafeRelativeDirectory(recovery)) {
      r.issues.invalid(
        r.at('recoveryDirectory'),
        `"${recovery}" is not a relative directory on the device`,
        'Use a directory name like LostAndFound.',
      );
    }
    out.recoveryDirectory = recovery;
  }
  const substitutions = readSubstitutions(r);
  if (substitutions !== undefined) out.substitutions = substitutions;
  return out;
}
