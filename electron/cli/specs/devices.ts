/** Commands that work on drives and their files: metadata only (the implementations load on demand). */
import type { CommandSpec, OptionSpecs } from '../spec';

const JOB_KINDS = ['s3-import', 's3-export', 'ebs-import', 'glacier-import'] as const;

export const drivesOptions = {
  json: { type: 'boolean', help: 'Every field of every drive as JSON instead of the summary table.' },
  watch: {
    type: 'boolean',
    help: 'Keep running and print one JSON line per plug or unplug until Ctrl-C.',
  },
  'job-kind': {
    type: 'string',
    value: 'KIND',
    help: 'Judge the drives for this kind of job (limits differ).',
    choices: JOB_KINDS,
    defaultText: 's3-import',
  },
} as const satisfies OptionSpecs;

export const drives: CommandSpec = {
  name: 'drives',
  summary: 'List drives with why each can or cannot be used (--watch: one JSON line per plug/unplug)',
  options: drivesOptions,
  examples: [
    { title: 'Which drives can be used, and why not', command: 'dockhand drives' },
    { title: 'Follow plugs and unplugs', command: 'dockhand drives --watch' },
  ],
  load: () => import('../commands/drives'),
};

export const writeSignatureOptions = {
  'job-id': { type: 'string', value: 'ID', help: 'The job.', required: true, complete: 'job-id' },
  mountpoint: {
    type: 'string',
    value: 'DIR',
    help: 'The mounted drive to write to (give this or --device).',
    complete: 'directory',
  },
  device: {
    type: 'string',
    value: 'DEV',
    help: 'The drive by device path, e.g. /dev/sdb (give this or --mountpoint).',
    complete: 'file',
  },
  force: {
    type: 'boolean',
    help: "Replace another job's SIGNATURE (it is kept as SIGNATURE.<jobid>.bak).",
    defaultText: "refuse to replace another job's SIGNATURE",
  },
} as const satisfies OptionSpecs;

export const writeSignature: CommandSpec = {
  name: 'write-signature',
  summary: "Write a job's SIGNATURE file to a drive's root, atomically, and read it back",
  options: writeSignatureOptions,
  examples: [
    {
      title: 'Write the SIGNATURE',
      command: 'dockhand write-signature --job-id LSTFW --mountpoint /media/usb',
    },
  ],
  load: () => import('../commands/write-signature'),
};

export const copyOptions = {
  to: {
    type: 'string',
    value: 'MOUNTPOINT',
    help: 'Where the drive is mounted; it gets the same checks as a SIGNATURE write.',
    required: true,
    complete: 'directory',
  },
  'target-dir': {
    type: 'string',
    value: 'DIR',
    help: 'Folder on the drive to copy into (created as needed).',
    defaultText: "the drive's root",
  },
  manifest: {
    type: 'string',
    value: 'file://PATH',
    help: "Judge the plan by this manifest's rules (ignore, prefix, substitutions); ignored files are not copied.",
    defaultText: 'the S3 import rules without a manifest',
    complete: 'file',
  },
  verify: {
    type: 'boolean',
    help: 'After copying, read every file back from the device (not the page cache) and compare MD5s.',
  },
  resume: {
    type: 'boolean',
    help: 'Finish the last unfinished copy to this drive (its sources and target dir come from the journal).',
  },
  json: {
    type: 'boolean',
    help: 'The result as JSON: counts, every file not copied and why, verify mismatches.',
  },
} as const satisfies OptionSpecs;

export const copy: CommandSpec = {
  name: 'copy',
  summary: 'Copy files and folders onto a drive, hashing (MD5) as it writes: the inventory for free',
  description:
    'Places SOURCEs as `cp -r SOURCE... DEST/` does. The plan is checked (fit, limits, names, ignore rules) before ' +
    'the first byte is written; each file is written under a .dockhand-copy- temporary name, flushed and renamed, ' +
    'and recorded in the journal, which Preflight uses instead of reading the file again. Run it again (or with ' +
    '--resume) after an interruption. Exits 1 when any file was not copied or did not verify.',
  options: copyOptions,
  positionals: 'SOURCE...',
  examples: [
    {
      title: 'Copy two folders and verify',
      command: 'dockhand copy ~/photos ~/scans --to /media/usb --verify',
    },
    { title: 'Finish an interrupted copy', command: 'dockhand copy --resume --to /media/usb' },
  ],
  load: () => import('../commands/copy'),
};

export const inventoryOptions = {
  manifest: {
    type: 'string',
    value: 'file://PATH',
    help: "Apply this manifest's rules (ignore, prefix, substitutions).",
    defaultText: 'the S3 import rules without a manifest',
    complete: 'file',
  },
  'job-kind': {
    type: 'string',
    value: 'KIND',
    help: 'The kind of job the device is for.',
    choices: JOB_KINDS,
    defaultText: "the manifest's kind, else s3-import",
  },
  'file-system': {
    type: 'string',
    value: 'NAME',
    help: "The device's file system, e.g. NTFS.",
    defaultText: 'detected',
  },
  json: { type: 'boolean', help: 'Every file, its MD5 and its S3 key, as JSON.' },
  'job-id': {
    type: 'string',
    value: 'ID',
    help: 'Keep the inventory in the local journal for this job (reconcile uses it).',
    complete: 'job-id',
  },
} as const satisfies OptionSpecs;

export const inventory: CommandSpec = {
  name: 'inventory',
  summary: 'List and hash (MD5) the files on a mounted device; report what the service would skip',
  options: inventoryOptions,
  positionals: 'MOUNTPOINT',
  examples: [
    {
      title: 'Inventory a device for a job',
      command: 'dockhand inventory /media/usb --manifest file://manifest.yaml --job-id LSTFW',
    },
  ],
  load: () => import('../commands/inventory'),
};

export const verifyExportOptions = {
  'job-id': { type: 'string', value: 'ID', help: 'The export job.', required: true, complete: 'job-id' },
  mountpoint: {
    type: 'string',
    value: 'DIR',
    help: 'Where the returned device is mounted.',
    required: true,
    complete: 'directory',
  },
} as const satisfies OptionSpecs;

export const verifyExport: CommandSpec = {
  name: 'verify-export',
  summary: 'Check a returned export device against the export log (sizes and MD5s)',
  options: verifyExportOptions,
  examples: [
    {
      title: 'Check a returned device',
      command: 'dockhand verify-export --job-id LSTFW --mountpoint /media/usb',
    },
  ],
  load: () => import('../commands/verify-export'),
};

export const reconcileOptions = {
  'job-id': { type: 'string', value: 'ID', help: 'The import job.', required: true, complete: 'job-id' },
  json: { type: 'boolean', help: 'Every file and its outcome, as JSON.' },
} as const satisfies OptionSpecs;

export const reconcile: CommandSpec = {
  name: 'reconcile',
  summary: "Compare a finished import's log with the inventory taken before shipping",
  description: 'Exits 1 when some file was skipped, failed or is missing from the log.',
  options: reconcileOptions,
  examples: [{ title: 'After the import completed', command: 'dockhand reconcile --job-id LSTFW' }],
  load: () => import('../commands/reconcile'),
};
