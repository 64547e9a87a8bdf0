/** formatManifest: YAML in the DG's field order that readManifest reads back to the same manifest. */
import type { Customs, Manifest, ReturnAddress } from './types';
import { ADDRESS_FIELDS } from './address';
import { CUSTOMS_FIELDS } from './customs';

const INDENT = '    ';

/**
 * A scalar as plain YAML when that is unambiguous, double-quoted otherwise. Anything with a colon is quoted so
 * the lenient `key:value` reading can never split it; JSON string escapes are valid YAML double-quoted escapes.
 */
export function yamlScalar(value: string): string {
  const plain =
    value !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/[:\n\r\t]|\s#|\s$/.test(value) &&
    !/^(~|null)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

function bool(value: boolean): string {
  return value ? 'yes' : 'no';
}

function line(out: string[], indent: string, key: string, value: string | undefined): void {
  if (value !== undefined) out.push(`${indent}${yamlScalar(key)}: ${yamlScalar(value)}`);
}

function map(out: string[], indent: string, key: string, value: Record<string, string> | undefined): void {
  if (value === undefined) return;
  out.push(`${indent}${key}:`);
  for (const [k, v] of Object.entries(value)) line(out, indent + INDENT, k, v);
}

function address(out: string[], value: ReturnAddress): void {
  out.push('returnAddress:');
  for (const part of ADDRESS_FIELDS) line(out, INDENT, part, value[part]);
}

function customs(out: string[], value: Customs | undefined): void {
  if (value === undefined) return;
  out.push('customs:');
  for (const name of CUSTOMS_FIELDS) {
    const v = value[name];
    if (v === undefined) continue;
    line(out, INDENT, name, typeof v === 'boolean' ? bool(v) : String(v));
  }
}

function scalarOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return bool(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function formatManifest(manifest: Manifest): string {
  const out: string[] = [];
  out.push(`manifestVersion: ${manifest.manifestVersion}`);
  line(out, '', 'generator', manifest.generator);
  line(out, '', 'accessKeyId', manifest.accessKeyId);
  if (manifest.kind === 's3-import') {
    line(out, '', 'bucket', manifest.bucket);
    line(out, '', 'prefix', manifest.prefix);
  }
  line(out, '', 'logBucket', manifest.logBucket);
  line(out, '', 'logPrefix', manifest.logPrefix);
  line(out, '', 'deviceId', manifest.deviceId);
  if (manifest.kind === 's3-export') line(out, '', 'fileSystem', manifest.fileSystem);
  if (manifest.eraseDevice !== undefined) line(out, '', 'eraseDevice', bool(manifest.eraseDevice));
  if (manifest.notificationEmail !== undefined && manifest.notificationEmail.length > 0) {
    line(out, '', 'notificationEmail', manifest.notificationEmail.join(';'));
  }
  line(out, '', 'serviceLevel', manifest.serviceLevel);
  if (manifest.kind === 's3-import') {
    line(out, '', 'acl', manifest.acl);
    line(out, '', 'cacheControl', manifest.cacheControl);
    line(out, '', 'contentDisposition', manifest.contentDisposition);
    line(out, '', 'contentLanguage', manifest.contentLanguage);
    map(out, '', 'contentTypes', manifest.contentTypes);
    line(out, '', 'defaultContentType', manifest.defaultContentType);
    if (manifest.setContentEncodingForGzFiles !== undefined) {
      line(out, '', 'setContentEncodingForGzFiles', bool(manifest.setContentEncodingForGzFiles));
    }
    line(out, '', 'expires', manifest.expires);
  }
  line(out, '', 'trueCryptPassword', manifest.trueCryptPassword);
  line(out, '', 'pinCode', manifest.pinCode);
  if (manifest.kind === 's3-export') line(out, '', 'recoveryDirectory', manifest.recoveryDirectory);
  if (manifest.kind === 's3-import' && manifest.ignore !== undefined && manifest.ignore.length > 0) {
    out.push('ignore:');
    for (const pattern of manifest.ignore) out.push(`  - ${yamlScalar(pattern)}`);
  }
  if (manifest.kind === 's3-import' || manifest.kind === 's3-export')
    map(out, '', 'substitutions', manifest.substitutions);
  if (manifest.kind === 's3-export') {
    out.push('operations:');
    for (const op of manifest.operations) {
      const fields: [string, string | undefined][] = [
        ['exportBucket', op.exportBucket],
        ['prefix', op.prefix],
        ['beginMarker', op.beginMarker],
        ['endMarker', op.endMarker],
        ['targetDirectory', op.targetDirectory],
      ];
      writeItem(out, fields);
    }
  }
  if (manifest.kind === 'ebs-import' || manifest.kind === 'glacier-import') {
    out.push('operations:');
    for (const op of manifest.operations) {
      const fields: [string, string | undefined][] = [
        ['destination', op.destination],
        ['source', op.source],
        ['region', op.region],
        ['vaultName', op.vaultName],
        ['archiveComment', op.archiveComment],
      ];
      for (const [k, v] of Object.entries(op)) {
        if (!['destination', 'source', 'region', 'vaultName', 'archiveComment'].includes(k))
          fields.push([k, scalarOf(v)]);
      }
      writeItem(out, fields);
    }
  }
  customs(out, manifest.customs);
  address(out, manifest.returnAddress);
  return `${out.join('\n')}\n`;
}

function writeItem(out: string[], fields: [string, string | undefined][]): void {
  let first = true;
  for (const [k, v] of fields) {
    if (v === undefined) continue;
    out.push(`${first ? '  - ' : '    '}${k}: ${yamlScalar(v)}`);
    first = false;
  }
}
