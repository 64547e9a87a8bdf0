/**
 * What the service would do with each file and with the device as a whole (reference 2.4, 3, 7, 8.1).
 * Pure rules: the walker gathers facts, these decide, tests feed them tables.
 */
import {
  isFileSystemSupported,
  MAX_DEVICE_BYTES,
  MAX_FILE_BYTES,
  MAX_KEY_BYTES,
  SUPPORTED_FILE_SYSTEMS,
} from '../protocol/manifest/limits';
import type { JobKind } from '../protocol/manifest/types';
import { SIGNATURE_FILE_NAME } from '../protocol/signature-file';
import { assertNever } from '../protocol/status-codes';
import type { Finding, SkipReason } from './types';

/** Without a manifest or --job-kind we check against the S3 import rules: our choice, the common case. */
export const DEFAULT_JOB_KIND: JobKind = 's3-import';

/**
 * The 16 TB device limit is documented for S3 and EBS jobs (reference 8.1). Glacier is not mentioned;
 * our choice is to leave Glacier devices unchecked rather than warn on a rule we cannot cite.
 */
export const DEVICE_SIZE_LIMITED_KINDS: readonly JobKind[] = ['s3-import', 's3-export', 'ebs-import'];

export interface FileFacts {
  /** Device-relative path with forward slashes (U+FFFD where the bytes are not UTF-8). */
  path: string;
  nameIsUtf8: boolean;
  size: number;
}

export interface FileRules {
  kind: JobKind;
  /** The `ignore` pattern (as written in the manifest) that skips this path, if any. */
  ignoredBy?: (path: string) => string | undefined;
  /** The S3 key this path becomes; defaults to the path itself (no prefix, no substitutions). */
  keyFor?: (path: string) => string;
}

export interface FileVerdict {
  skipped?: SkipReason;
  key?: string;
  finding?: Finding;
}

/** Decides one regular file. The first reason that applies wins; a skipped file gets one finding at most. */
export function classifyFile(file: FileFacts, rules: FileRules): FileVerdict {
  switch (rules.kind) {
    case 's3-import':
      return classifyImportFile(file, rules);
    // EBS and Glacier devices are imaged block by block: every file goes along, no per-file rules.
    // Export devices are formatted by AWS before the export: what is on them now does not matter.
    case 's3-export':
    case 'ebs-import':
    case 'glacier-import':
      return {};
    default:
      return assertNever(rules.kind);
  }
}

function classifyImportFile(file: FileFacts, rules: FileRules): FileVerdict {
  // The service lists SIGNATURE as "103 Ignored" and never uploads it (reference 3).
  if (file.path === SIGNATURE_FILE_NAME) return { skipped: 'signature-file' };
  if (!file.nameIsUtf8) {
    return {
      skipped: 'name-not-utf8',
      finding: {
        kind: 'name-not-utf8',
        path: file.path,
        message: `${file.path}: the name is not valid UTF-8, so the service will skip this file.`,
        fix: 'Rename the file (or its folder) using UTF-8 characters, e.g. with "convmv -f latin1 -t utf8 --notest", then take the inventory again.',
      },
    };
  }
  const pattern = rules.ignoredBy?.(file.path);
  if (pattern !== undefined) {
    return {
      skipped: 'ignored',
      finding: {
        kind: 'ignored',
        path: file.path,
        message: `${file.path} matches the manifest's ignore pattern \`${pattern}\`, so it will not be imported.`,
        fix: 'Nothing to do if that is intended; otherwise change or remove that ignore pattern.',
      },
    };
  }
  if (file.size > MAX_FILE_BYTES) {
    return {
      skipped: 'file-too-large',
      finding: {
        kind: 'file-too-large',
        path: file.path,
        message: `${file.path} is ${formatBytes(file.size)}; the service skips files over ${formatBytes(MAX_FILE_BYTES)}.`,
        fix: 'Split the file into parts under 5 TiB (e.g. "split -b 4T"), or upload it another way.',
      },
    };
  }
  const key = (rules.keyFor ?? ((p: string) => p))(file.path);
  const keyBytes = Buffer.byteLength(key, 'utf8');
  if (keyBytes > MAX_KEY_BYTES) {
    return {
      key,
      skipped: 'key-too-long',
      finding: {
        kind: 'key-too-long',
        path: file.path,
        message: `${file.path} becomes an S3 key of ${keyBytes} bytes (with the manifest's prefix and substitutions); S3 keys can be at most ${MAX_KEY_BYTES} bytes.`,
        fix: 'Shorten the path on the device (fewer or shorter folder names), or a shorter manifest prefix.',
      },
    };
  }
  return { key };
}

export function symlinkFinding(path: string, target: string): Finding {
  return {
    kind: 'symlink',
    path,
    message: `${path} is a symbolic link (to ${target}); it is not followed, and what it points to is not imported through it.`,
    fix: 'If the target should be imported, copy the file itself onto the device in place of the link.',
  };
}

export function specialFileFinding(path: string, what: string): Finding {
  return {
    kind: 'special-file',
    path,
    message: `${path} is a ${what}, not a regular file; it cannot be imported.`,
    fix: 'Remove it from the device, or ignore it with an ignore pattern in the manifest.',
  };
}

export function unreadableFinding(path: string, reason: string): Finding {
  return {
    kind: 'unreadable',
    path,
    message: `${path || '(device root)'} could not be read: ${reason}.`,
    fix: 'Check its permissions (run as a user who can read every file on the device), then take the inventory again.',
  };
}

export interface DeviceFacts {
  kind: JobKind;
  /** As the OS reports it (`ext4`, `vfat`, `ntfs`...). */
  fileSystem?: string;
  deviceSizeBytes?: number;
}

/** Findings about the device as a whole: its file system for this job kind, and its capacity. */
export function deviceFindings(device: DeviceFacts): Finding[] {
  const findings: Finding[] = [];
  if (device.fileSystem !== undefined && !isFileSystemSupported(device.kind, device.fileSystem)) {
    const supported = SUPPORTED_FILE_SYSTEMS[device.kind];
    findings.push({
      kind: 'unsupported-file-system',
      message: `The device's file system is ${device.fileSystem}, which the service cannot use for ${device.kind} jobs.`,
      fix: `Format the device with one of ${supported === 'any' ? 'any file system' : supported.join(', ')} and copy the data again.`,
    });
  }
  if (
    device.deviceSizeBytes !== undefined &&
    device.deviceSizeBytes > MAX_DEVICE_BYTES &&
    DEVICE_SIZE_LIMITED_KINDS.includes(device.kind)
  ) {
    findings.push({
      kind: 'device-too-large',
      message: `The device holds ${formatBytes(device.deviceSizeBytes)}; ${device.kind} jobs take devices of at most ${formatBytes(MAX_DEVICE_BYTES)}.`,
      fix: 'Use a smaller device, or split the data over several devices with one job each.',
    });
  }
  return findings;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
