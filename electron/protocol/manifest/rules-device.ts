/** Import to EBS (reference 2.6) and Glacier (reference 2.7): the device is imaged, never mounted. */
import type { FieldReader } from './field-reader';
import { REGION_PATTERN } from './values';
import type { DeviceOperation } from './types';

export const DEVICE_FIELDS = ['operations'] as const;

export const GLACIER_DESTINATION = 'glacier';
/** Our choice: the EBS `destination` token could not be read from the DG (reference 2.6, unconfirmed). */
export const EBS_DESTINATION = 'ebsSnapshot';
/** Our choice: the flag's name is remembered, not confirmed (reference 2.6). */
export const EBS_CAPACITY_FLAG = 'deviceCapacityGreaterThan1TB';
export const DEVICE_SOURCE = 'device';
/** Glacier archive descriptions are at most 1,024 bytes; the DG allows 997 characters for archiveComment. */
export const MAX_ARCHIVE_COMMENT_CHARS = 997;
/** Our choice: the whole device becomes one archive or one snapshot, so one operation per manifest. */
export const MAX_DEVICE_OPERATIONS = 1;

const GLACIER_OPERATION_FIELDS = new Set(['destination', 'source', 'region', 'vaultName', 'archiveComment']);
const EBS_OPERATION_FIELDS = new Set(['destination', 'source', 'region', EBS_CAPACITY_FLAG]);
/** Glacier vault names: 1–255 of letters, digits, `_`, `-`, `.`. */
const VAULT_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,255}$/;

export type DeviceDestination = 'glacier' | 'ebs';

/** The destination token of an operation map, as a kind, or undefined when it is neither. */
export function destinationOf(raw: unknown): DeviceDestination | undefined {
  if (typeof raw !== 'string') return undefined;
  const t = raw.trim().toLowerCase();
  if (t === GLACIER_DESTINATION.toLowerCase()) return 'glacier';
  if (t === EBS_DESTINATION.toLowerCase()) return 'ebs';
  return undefined;
}

export function readDeviceOperations(r: FieldReader, destination: DeviceDestination): DeviceOperation[] {
  const items = r.mapList('operations', {
    what: 'the operation says where the device image goes',
    fix:
      destination === 'glacier'
        ? 'Add `operations:` with `- destination: glacier`, `source: device`, `region:`, `vaultName:` and `archiveComment:`.'
        : `Add \`operations:\` with \`- destination: ${EBS_DESTINATION}\`, \`source: device\` and \`region:\`.`,
  });
  if (items === undefined) return [];
  if (items.length > MAX_DEVICE_OPERATIONS) {
    r.issues.invalid(
      r.at('operations'),
      `has ${items.length} entries; the whole device becomes one ${destination === 'glacier' ? 'archive' : 'snapshot'}, so give exactly ${MAX_DEVICE_OPERATIONS}`,
      'Use one device (and one job) per destination.',
    );
  }
  const out: DeviceOperation[] = [];
  for (const op of items) {
    const dest = op.text('destination', {
      what: 'where the device image goes',
      fix: `Add \`destination: ${destination === 'glacier' ? GLACIER_DESTINATION : EBS_DESTINATION}\`.`,
    });
    const source = op.text('source', { what: 'what is imported', fix: `Add \`source: ${DEVICE_SOURCE}\`.` });
    if (source !== undefined && source.toLowerCase() !== DEVICE_SOURCE) {
      op.issues.invalid(
        op.at('source'),
        `must be ${DEVICE_SOURCE}, not "${source}"`,
        `Write \`source: ${DEVICE_SOURCE}\`.`,
      );
    }
    const region = op.text('region', {
      what: 'the AWS region the data goes to',
      fix: 'Add `region:`, for example us-east-1.',
    });
    if (region !== undefined && !REGION_PATTERN.test(region)) {
      op.issues.invalid(
        op.at('region'),
        `"${region}" is not an AWS region name`,
        'Use a region name such as us-east-1.',
      );
    }
    const operation: DeviceOperation = {
      destination: destination === 'glacier' ? GLACIER_DESTINATION : EBS_DESTINATION,
      source: DEVICE_SOURCE,
      region: region ?? '',
    };
    if (dest === undefined) {
      // Already reported as missing.
    } else if (destinationOf(dest) !== destination) {
      op.issues.invalid(
        op.at('destination'),
        `"${dest}" does not match the job's destination (${destination === 'glacier' ? GLACIER_DESTINATION : EBS_DESTINATION})`,
        'All operations of one manifest go to the same destination.',
      );
    }
    if (destination === 'glacier') {
      const vaultName = op.text('vaultName', {
        what: 'the Glacier vault that receives the archive',
        fix: 'Add `vaultName:` with an existing vault in the region.',
      });
      if (vaultName !== undefined) {
        if (!VAULT_NAME_PATTERN.test(vaultName)) {
          op.issues.invalid(
            op.at('vaultName'),
            `"${vaultName}" is not a vault name`,
            'Vault names have 1 to 255 letters, digits, underscores, dashes or dots.',
          );
        }
        operation.vaultName = vaultName;
      }
      const comment = op.text('archiveComment', {
        what: 'the archive description',
        fix: 'Add `archiveComment:` with a short description of the archive, e.g. daily_2012-07-24.',
      });
      if (comment !== undefined) {
        if (comment.length > MAX_ARCHIVE_COMMENT_CHARS) {
          op.issues.invalid(
            op.at('archiveComment'),
            `is ${comment.length} characters; at most ${MAX_ARCHIVE_COMMENT_CHARS} are allowed`,
            'Shorten the comment.',
          );
        } else if (!/^[\x20-\x7e]*$/.test(comment)) {
          op.issues.invalid(
            op.at('archiveComment'),
            'must be printable ASCII (it becomes the Glacier archive description)',
            'Use only printable ASCII characters.',
          );
        }
        operation.archiveComment = comment;
      }
      op.warnUnknown(GLACIER_OPERATION_FIELDS, 'a Glacier operation');
    } else {
      const flag = op.boolean(EBS_CAPACITY_FLAG);
      if (flag !== undefined) operation[EBS_CAPACITY_FLAG] = flag;
      op.warnUnknown(EBS_OPERATION_FIELDS, 'an EBS operation');
    }
    out.push(operation);
  }
  return out;
}
