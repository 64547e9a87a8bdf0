/**
 * The one contract between the UI and the privileged side: every operation (with a zod schema for its
 * arguments) and every event. Electron IPC and the station's HTTP/WebSocket are two thin transports for it.
 *
 * The renderer imports this file with `import type` only, so zod never reaches the UI bundle; the hosts
 * import the schemas to validate arguments before any handler runs.
 */
import { z } from 'zod';
import type { JobType } from '../protocol/api';
import type { JobKind, ManifestIssue, ReturnAddress } from '../protocol/manifest/types';
import type { DriveBus } from '../drives/types';
import type { Finding, InventoryProgress } from '../inventory/types';
import type { NotImportedWhy, Outcome, ReconcileSummary, SkipWhy } from '../inventory/reconcile';
import type { Leftover } from '../signature/leftovers';
import type { CopyProgress, NotCopied, VerifyMismatch } from '../copy/types';

/** Secrets and manifests are small; anything bigger is a mistake or an attack, refused before parsing. */
export const MAX_MANIFEST_CHARS = 64 * 1024;
const MAX_FIELD_CHARS = 1024;
/** Outcomes per jobs.reconcile answer at most; the window asks for the rows it shows. */
export const MAX_RECONCILE_PAGE = 1000;
/** Outcomes per answer when the caller does not say. */
export const DEFAULT_RECONCILE_PAGE = 200;

const text = (max = MAX_FIELD_CHARS) => z.string().max(max);
const jobId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a job ID is letters, digits and dashes');
const jobType = z.enum(['Import', 'Export']);
/**
 * A drive's device path as drivelist reports it on each platform: `/dev/sdb`, `/dev/nvme0n1` (Linux),
 * `/dev/disk4` (macOS), `\\.\PHYSICALDRIVE1` (Windows). The contract cannot know the host's platform (the
 * renderer shares it), so every form passes here; the handlers then look the device up in the drive list.
 */
export const DEVICE_PATH_PATTERN = /^(\/dev\/(?!.*\.\.)[A-Za-z0-9_./-]{1,64}|\\\\\.\\PHYSICALDRIVE\d{1,3})$/;
const devicePath = z
  .string()
  .regex(
    DEVICE_PATH_PATTERN,
    'a device is a path under /dev (Linux, macOS) or \\\\.\\PHYSICALDRIVEn (Windows)',
  );
const runId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

export const returnAddressSchema = z.object({
  name: text(),
  company: text().optional(),
  street1: text(),
  street2: text().optional(),
  street3: text().optional(),
  city: text(),
  stateOrProvince: text().optional(),
  postalCode: text(),
  phoneNumber: text(),
  country: text(),
});

/** What identifies a drive between choosing it and writing to it: any change means another drive. */
export const driveIdentitySchema = z.object({
  device: devicePath,
  serial: text(),
  sizeBytes: z.number().int().nonnegative(),
  mountpoint: text(4096),
  fsUuid: text().optional(),
});
export type DriveIdentity = z.infer<typeof driveIdentitySchema>;

/** The manifest form; the handler fills accessKeyId, generator and manifestVersion. */
export const manifestFormSchema = z.object({
  kind: z.enum(['s3-import', 's3-export']),
  deviceId: text(),
  bucket: text().optional(),
  prefix: text().optional(),
  exportBucket: text().optional(),
  exportPrefix: text().optional(),
  fileSystem: text().optional(),
  logBucket: text().optional(),
  notificationEmail: text().optional(),
  returnAddress: returnAddressSchema,
});
export type ManifestForm = z.infer<typeof manifestFormSchema>;

const empty = z.object({}).strict();

// ---- Wizard drafts (electron/jobs/drafts.ts) ---------------------------------------------------------

/** One preparation's id: each station tab keeps its own in the URL and sessionStorage. */
const draftId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a draft ID is 8 to 64 letters, digits and dashes');
/** A draft is a form and a few facts; anything near this size is a mistake, refused before it is stored. */
export const MAX_DRAFT_FINDINGS = 200;

/** The drive a preparation is for, as remembered: enough to recognise it when it comes back (serial, size, label). */
export const rememberedDriveSchema = z.object({
  device: devicePath,
  serial: text(),
  sizeBytes: z.number().int().nonnegative(),
  label: text(),
  displayName: text(),
  mountpoint: text(4096),
});
export type RememberedDrive = z.infer<typeof rememberedDriveSchema>;

const findingSchema = z.object({
  kind: z.enum([
    'file-too-large',
    'name-not-utf8',
    'key-too-long',
    'symlink',
    'special-file',
    'ignored',
    'unreadable',
    'unsupported-file-system',
    'device-too-large',
  ]),
  path: text(4096).optional(),
  message: text(4096),
  fix: text(4096),
});

/** What the wizard keeps in the journal; the renderer's state minus what is live (the drive list, progress). */
export const wizardDraftSchema = z.object({
  /** A wizard step name; the renderer checks it against its own steps when it loads the draft. */
  step: z.string().regex(/^[a-z-]{1,32}$/),
  jobType,
  form: manifestFormSchema,
  source: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('form') }),
    z.object({ mode: z.literal('yaml'), text: text(MAX_MANIFEST_CHARS) }),
  ]),
  drive: rememberedDriveSchema.nullable(),
  inventory: z
    .object({
      runId,
      files: z.number().int().nonnegative(),
      bytes: z.number().nonnegative(),
      importedFiles: z.number().int().nonnegative(),
      importedBytes: z.number().nonnegative(),
      /** The first findings only (the whole list is in the journal's inventory once the job exists). */
      findings: z.array(findingSchema).max(MAX_DRAFT_FINDINGS),
      findingsTotal: z.number().int().nonnegative().optional(),
    })
    .nullable(),
  erasedAcknowledged: z.boolean(),
  /** The job whose SIGNATURE the person typed to replace on this drive, if any. */
  replaceConfirmed: jobId.nullable(),
  created: z
    .object({ jobId, jobType, warning: text(4096).nullable(), signature: text(4096).nullable() })
    .nullable(),
  signature: z
    .object({
      path: text(4096),
      bytes: z.number().int().nonnegative(),
      backupPath: text(4096).optional(),
      replacedJobId: jobId.optional(),
      verified: z.boolean(),
      safeToUnplug: z.boolean(),
      unmountProblem: text(4096).optional(),
      /** True when this page did not write it: the journal says it was written (the dashboard, the CLI). */
      fromJournal: z.boolean().optional(),
    })
    .nullable(),
  label: z
    .object({ printedTo: text().optional(), savedPath: text(4096).optional(), downloaded: z.boolean() })
    .nullable(),
  /** The packing checklist's ticks, in order. */
  checklist: z.array(z.boolean()).max(16),
});
export type WizardDraft = z.infer<typeof wizardDraftSchema>;
/** Files and folders on the preparation machine to copy onto the chosen drive (electron/copy). */
const copyRequestSchema = z
  .object({
    sources: z
      .array(text(4096).regex(/^\//, 'a source is an absolute path on this computer'))
      .min(1)
      .max(1000),
    drive: driveIdentitySchema,
    /** Folder on the drive, '' for its root. */
    targetDir: text(4096),
    /** Its ignore rules, prefix and substitutions decide what is copied. */
    manifestText: text(MAX_MANIFEST_CHARS).optional(),
  })
  .strict();

export const OPERATION_SCHEMAS = {
  'app.info': empty,
  'settings.get': empty,
  'settings.set': z
    .object({
      endpointUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).optional(),
      /** S3 for bucket checks with a configured Import/Export endpoint; '' means AWS S3 in the bucket's region. */
      s3EndpointUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).optional(),
      returnAddress: returnAddressSchema.optional(),
      printer: text().optional(),
    })
    .strict(),
  'credentials.status': empty,
  'credentials.save': z
    .object({
      accessKeyId: z
        .string()
        .regex(/^[A-Z0-9]{16,128}$/, 'an access key ID is 16 or more capital letters and digits'),
      secretAccessKey: z.string().min(16).max(256),
    })
    .strict(),
  'credentials.clear': empty,
  'manifest.lint': z.object({ text: text(MAX_MANIFEST_CHARS), jobType }).strict(),
  'manifest.format': z.object({ form: manifestFormSchema }).strict(),
  'drives.list': z
    .object({ jobKind: z.enum(['s3-import', 's3-export', 'ebs-import', 'glacier-import']).optional() })
    .strict(),
  'inventory.start': z
    .object({ runId, drive: driveIdentitySchema, manifestText: text(MAX_MANIFEST_CHARS), jobType })
    .strict(),
  'inventory.cancel': z.object({ runId }).strict(),
  'jobs.validate': z.object({ jobType, manifestText: text(MAX_MANIFEST_CHARS) }).strict(),
  'jobs.create': z
    .object({
      jobType,
      manifestText: text(MAX_MANIFEST_CHARS),
      drive: driveIdentitySchema,
      inventoryRunId: runId.optional(),
      /** The person answered yes to "this drive already has a live job; create another?" (jobs.liveForDevice). */
      allowDuplicateDevice: z.boolean().optional(),
    })
    .strict(),
  /** The journal's live jobs (not cancelled, returned, expired or lost) whose manifest names this deviceId. */
  'jobs.liveForDevice': z.object({ deviceId: text() }).strict(),
  'jobs.list': empty,
  'jobs.status': z.object({ jobId }).strict(),
  'jobs.update': z
    .object({ jobId, jobType, manifestText: text(MAX_MANIFEST_CHARS), validateOnly: z.boolean() })
    .strict(),
  'jobs.cancel': z.object({ jobId }).strict(),
  /**
   * The saved reconciliation, or (none saved, or `refresh`) fetch the log and reconcile it with the saved
   * inventory. A real import has 100,000 files: the answer carries the summary and one page of outcomes
   * (discrepancies first), narrowed by `filter` and `search`, from `offset`.
   */
  'jobs.reconcile': z
    .object({
      jobId,
      refresh: z.boolean().optional(),
      filter: z
        .enum([
          'all',
          'discrepancies',
          'imported',
          'skipped',
          'failed',
          'not-imported',
          'missing-from-log',
          'md5-mismatch',
          'unexpected',
        ])
        .optional(),
      search: text().optional(),
      offset: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(MAX_RECONCILE_PAGE).optional(),
    })
    .strict(),
  'signature.write': z
    .object({
      jobId,
      drive: driveIdentitySchema,
      /** Replace another job's SIGNATURE on the drive (a copy is kept in the app's data, not on the drive). */
      confirmReplace: z.boolean().optional(),
    })
    .strict(),
  /** Removes Dockhand's own leftovers (InventorySummary.leftovers) from the chosen drive; nothing else. */
  'device.removeLeftovers': z
    .object({ drive: driveIdentitySchema, paths: z.array(text(4096)).min(1).max(10_000) })
    .strict(),
  'device.eject': z.object({ drive: driveIdentitySchema }).strict(),
  'labels.fetch': z.object({ jobId, returnAddress: returnAddressSchema.optional() }).strict(),
  'labels.print': z.object({ jobId, printer: text() }).strict(),
  'labels.save': z.object({ jobId }).strict(),
  'printers.list': empty,
  'drafts.save': z.object({ draftId, draft: wizardDraftSchema }).strict(),
  'drafts.load': z.object({ draftId }).strict(),
  /** Open drafts and created-but-unfinished jobs (no SIGNATURE or no label), newest first. */
  'drafts.list': empty,
  'drafts.discard': z.object({ draftId }).strict(),
  /** The draft that prepares this job, or a new one built from the journal's record of it. */
  'drafts.resume': z.object({ jobId, draftId }).strict(),
  /** The account's buckets on the S3 endpoint that goes with the Import/Export endpoint. */
  'buckets.list': empty,
  /** Does this bucket exist, is it the account's, and in which region (HeadBucket). */
  'buckets.check': z.object({ bucket: text(255) }).strict(),
  /** The preparation machine's folders (the station's person browses them to choose what to copy). */
  'folders.list': z.object({ path: text(4096).optional() }).strict(),
  /** What copying these sources onto the drive would do: how much, does it fit, what is not copied. Writes nothing. */
  'copy.plan': copyRequestSchema,
  'copy.start': copyRequestSchema.extend({ runId, verify: z.boolean() }).strict(),
  'copy.cancel': z.object({ runId }).strict(),
} as const;

export type OperationName = keyof typeof OPERATION_SCHEMAS;
export const OPERATION_NAMES = Object.keys(OPERATION_SCHEMAS) as OperationName[];
export type OperationArgs<K extends OperationName> = z.input<(typeof OPERATION_SCHEMAS)[K]>;

export function isOperationName(value: string): value is OperationName {
  return Object.prototype.hasOwnProperty.call(OPERATION_SCHEMAS, value);
}

// ---- Results ----------------------------------------------------------------------------------------

export interface ContractError {
  /** Stable and machine-readable: `InvalidArguments`, `NotAvailable`, an Import/Export error code... */
  code: string;
  /** For a person: what went wrong, naming the field, file or drive, and what to do next. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export interface AppInfo {
  version: string;
  host: 'electron' | 'station';
  endpointUrl: string;
  /** True when the endpoint is the embedded one this process started: the UI says "Local test endpoint". */
  localTestEndpoint: boolean;
  /** Where the endpoint choice came from, e.g. "AWS_ENDPOINT_URL" or "no endpoint configured". */
  endpointSource: string;
}

export interface Settings {
  endpointUrl?: string;
  /** The S3 endpoint that goes with a configured Import/Export endpoint; absent means AWS S3. */
  s3EndpointUrl?: string;
  /** Remembered from the last label; any field may be missing. */
  returnAddress?: Partial<ReturnAddress>;
  printer?: string;
}

export interface CredentialsStatus {
  /** Where signing keys come from now; never the secret. */
  source: string | null;
  accessKeyId: string | null;
  /** True when the key pair in use is the one saved in the OS keychain. */
  fromKeychain: boolean;
  /**
   * True when the key pair in use was entered in Settings while the keychain was unavailable: it is held in
   * memory until the app closes and never written anywhere.
   */
  fromSession?: boolean;
  keychainAvailable: boolean;
  /** Why there are no credentials, or why the keychain is unavailable, with what to do. */
  problem?: string;
}

export interface LintResult {
  kind: JobKind | null;
  /** Errors first; each names the field and the fix. */
  issues: ManifestIssue[];
  /** True when the endpoint would accept it as far as the local checks know (warnings allowed). */
  valid: boolean;
}

export interface FormatResult {
  text: string;
  lint: LintResult;
}

/** Why a drive cannot be chosen, in words. */
export interface DriveBlock {
  code: string;
  sentence: string;
}

export interface DriveView {
  device: string;
  displayName: string;
  model: string;
  serial: string;
  sizeBytes: number;
  mountpoints: string[];
  fileSystem: string;
  label: string;
  usedBytes: number | null;
  bus: DriveBus;
  /** Empty when the drive can be chosen. */
  blocks: DriveBlock[];
  /** The drive holds files: choosing it asks for typed confirmation. */
  hasFiles: boolean;
  /** Job ID of a SIGNATURE already on the drive, if any. */
  signatureJobId: string | null;
}

export interface InventorySummary {
  runId: string;
  files: number;
  bytes: number;
  importedFiles: number;
  importedBytes: number;
  findings: Finding[];
  /**
   * Files of Dockhand's own on the drive that are not this job's SIGNATURE (old backups, temporary files
   * of an interrupted write or copy): they would be imported into the bucket, so Preflight offers to remove them.
   */
  leftovers?: Leftover[];
}

export interface ValidateResult {
  warning: string | null;
}

export interface CreatedJob {
  jobId: string;
  jobType: JobType;
  warning: string | null;
  /** The job's signature, for the record; the SIGNATURE file itself is written by signature.write. */
  signature: string | null;
}

/** A job in the journal that still holds a device (one device, one live job). */
export interface LiveDeviceJob {
  jobId: string;
  createdAt: string;
  /** `Location/Progress` as last seen, or null when never checked. */
  status: string | null;
}

export interface TimelineEntry {
  at: string;
  location: string;
  progress: string;
  message: string;
}

export interface JobRow {
  jobId: string;
  jobType: JobType;
  createdAt: string;
  isCanceled: boolean;
  /** Whether this machine's journal knows the job (drive, SIGNATURE, label). */
  local: boolean;
  location: string | null;
  progress: string | null;
  statusMessage: string | null;
  /** The drive this job went on: its label (what a person reads on it), with device and serial. */
  drive: { device?: string; serial?: string; label?: string } | null;
  /**
   * The job whose SIGNATURE later replaced this one's on the same drive: the drive is no longer this job's
   * (one drive, one live job), and this job will not ship on it.
   */
  driveTakenBy?: string;
  signatureWrittenAt: string | null;
  labelAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  /** https link to the carrier's tracking page, when the carrier is known. */
  trackingUrl: string | null;
  /** When the job expires if no device arrives; null once it has arrived or is over. */
  expiresAt: string | null;
  canUpdateOrCancel: boolean;
}

export interface JobDetail extends JobRow {
  locationMessage: string;
  progressMessage: string;
  errorCount: number;
  manifest: string;
  timeline: TimelineEntry[];
}

/** A finished import's log report against the inventory taken before shipping, file by file. */
export interface ReconciliationView {
  jobId: string;
  reconciledAt: string;
  logBucket: string;
  logKey: string;
  /** True when this came from the journal (saved earlier), false when the log was fetched just now. */
  saved: boolean;
  summary: ReconcileSummary;
  /** Expected skips by reason (SIGNATURE, the person's ignore rules), most first. */
  skipped: Array<{ why: SkipWhy; files: number }>;
  /** The person's files the service left out, by reason, most first: each is a discrepancy. */
  notImported: Array<{ why: NotImportedWhy; files: number }>;
  /** How many outcomes the filter and search leave (all of them: summary.total). */
  matching: number;
  /** Where this page starts among those. */
  offset: number;
  /**
   * One page of outcomes in display order (discrepancies first, by path within a kind). Together the
   * pages hold one per inventory file plus one per log row the inventory did not have.
   */
  outcomes: Outcome[];
}

export interface SignatureWriteResult {
  path: string;
  bytes: number;
  /** Where another job's SIGNATURE was kept when it was replaced: in the app's data, never on the drive. */
  backupPath?: string;
  /** The job whose SIGNATURE was replaced: the app offers to cancel it. */
  replacedJobId?: string;
  verified: boolean;
  /** Flushed and unmounted: only then does the UI say "safe to unplug". */
  safeToUnplug: boolean;
  /** Why it is not yet safe to unplug, with what to do. */
  unmountProblem?: string;
}

export interface EjectResult {
  safeToUnplug: boolean;
}

export interface LabelFetched {
  url: string;
  /** The PDF, base64; the UI previews it and can save it as a file. */
  pdfBase64: string;
  warning: string | null;
}

export interface Printer {
  name: string;
  isDefault: boolean;
}

export interface DraftRecord {
  draftId: string;
  updatedAt: string;
  draft: WizardDraft;
  /**
   * Whether this process still holds the Preflight inventory the draft names (it is kept in memory until the
   * job is created); after a restart it is gone and Preflight runs again.
   */
  inventoryKept: boolean;
}

export interface DraftSummary {
  draftId: string;
  updatedAt: string;
  step: string;
  jobId: string | null;
  /** The drive's label or name, when one was chosen. */
  driveName: string | null;
  bucket: string | null;
}

export interface UnfinishedJob {
  jobId: string;
  createdAt: string;
  signatureWritten: boolean;
  labelFetched: boolean;
  driveSerial: string | null;
}

export interface DraftList {
  drafts: DraftSummary[];
  unfinishedJobs: UnfinishedJob[];
}

export interface BucketInfo {
  name: string;
  /** Unknown when the listing did not say and HeadBucket was not asked. */
  region: string | null;
}

export interface BucketList {
  /** Where the buckets were listed: the local test endpoint's S3, the Settings' S3 endpoint, or AWS S3. */
  s3Endpoint: string;
  buckets: BucketInfo[];
  /** Set when listing was refused (AccessDenied...): the person types the name and HeadBucket checks it. */
  listProblem: string | null;
}

export interface BucketCheck {
  bucket: string;
  /** `unknown`: S3 could not be asked (network, endpoint); the Job step says so but does not block on it. */
  verdict: 'ok' | 'invalid-name' | 'missing' | 'not-owned' | 'unknown';
  exists: boolean;
  /** The bucket exists and these credentials may use it. */
  owned: boolean;
  region: string | null;
  /** For a person: what is wrong and what to do; null when the bucket is fine. */
  problem: string | null;
}

export interface FolderEntry {
  name: string;
  path: string;
  isFolder: boolean;
  /** Files only. */
  sizeBytes: number | null;
}

export interface FolderListing {
  path: string;
  /** null at the file system's root. */
  parent: string | null;
  /** Folders first, then files, each by name; hidden entries left out. */
  entries: FolderEntry[];
}

/** The most "not copied" entries a view carries; `notCopiedCount` says how many there were. */
export const MAX_NOT_COPIED_SHOWN = 200;

export interface CopyPlanView {
  files: number;
  bytes: number;
  /** Copied by an earlier run and unchanged: not copied again. */
  alreadyOnDrive: number;
  alreadyOnDriveBytes: number;
  fits: boolean;
  neededBytes: number;
  freeBytes: number;
  /** Why it does not fit, with what to do; empty when it fits. */
  problems: string[];
  notCopied: NotCopied[];
  notCopiedCount: number;
  /** A rough figure before any byte moves (see ASSUMED_COPY_BYTES_PER_SECOND); progress gives the real one. */
  estimatedSeconds: number;
}

export interface CopyResultView {
  copied: number;
  copiedBytes: number;
  skippedUnchanged: number;
  leftoversRemoved: number;
  notCopied: NotCopied[];
  notCopiedCount: number;
  /** True when something the person wanted is not on the drive (a by-design skip does not count). */
  failed: boolean;
  cancelled: boolean;
  verify: { files: number; bytes: number; mismatches: VerifyMismatch[]; method: string } | null;
}

export interface OperationResults {
  'app.info': AppInfo;
  'settings.get': Settings;
  'settings.set': Settings;
  'credentials.status': CredentialsStatus;
  'credentials.save': CredentialsStatus;
  'credentials.clear': CredentialsStatus;
  'manifest.lint': LintResult;
  'manifest.format': FormatResult;
  'drives.list': DriveView[];
  'inventory.start': InventorySummary;
  'inventory.cancel': { cancelled: boolean };
  'jobs.validate': ValidateResult;
  'jobs.create': CreatedJob;
  'jobs.liveForDevice': LiveDeviceJob[];
  'jobs.list': JobRow[];
  'jobs.status': JobDetail;
  'jobs.update': { success: boolean; warning: string | null };
  'jobs.cancel': { success: boolean };
  'jobs.reconcile': ReconciliationView;
  'signature.write': SignatureWriteResult;
  'device.removeLeftovers': {
    removed: string[];
    kept: Array<{ path: string; reason: string }>;
  };
  'device.eject': EjectResult;
  'labels.fetch': LabelFetched;
  'labels.print': { printJobId: string | null };
  'labels.save': { path: string };
  'printers.list': Printer[];
  'drafts.save': { draftId: string; updatedAt: string };
  'drafts.load': DraftRecord | null;
  'drafts.list': DraftList;
  'drafts.discard': { discarded: boolean };
  'drafts.resume': DraftRecord;
  'buckets.list': BucketList;
  'buckets.check': BucketCheck;
  'folders.list': FolderListing;
  'copy.plan': CopyPlanView;
  'copy.start': CopyResultView;
  'copy.cancel': { cancelled: boolean };
}

// ---- Events -----------------------------------------------------------------------------------------

export interface JobChange {
  jobId: string;
  location: string;
  progress: string;
  /** One sentence for a notification: "Job ABC12 was returned by UPS (tracking 1Z...)". */
  message: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
}

export interface EventPayloads {
  'drives.changed': DriveView[];
  'inventory.progress': { runId: string; progress: InventoryProgress };
  'jobs.changed': JobChange;
  'copy.progress': { runId: string; progress: CopyProgress };
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = [
  'drives.changed',
  'inventory.progress',
  'jobs.changed',
  'copy.progress',
];

/** What the renderer holds: the same shape over Electron's bridge and over the station's HTTP/WS. */
export interface ContractClient {
  call<K extends OperationName>(op: K, args: OperationArgs<K>): Promise<Result<OperationResults[K]>>;
  /** Returns an unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export type HandlerMap = {
  [K in OperationName]: (args: z.output<(typeof OPERATION_SCHEMAS)[K]>) => Promise<OperationResults[K]>;
};

export type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
