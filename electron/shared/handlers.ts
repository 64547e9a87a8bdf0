/**
 * The implementation of every contract operation over the core modules, shared by both hosts (Electron
 * main and the station). Plain Node; the renderer must never import this file.
 *
 * `dispatch` is the only way in: it validates the arguments with the contract's zod schema and turns every
 * failure into `{ ok: false, error }`, so nothing throws across a process or network boundary.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { describeJob, liveJobsForDevice } from '../jobs/device-jobs';
import { newRequestToken, stampRequestToken } from '../importexport/request-token';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { GetStatusOutput, JobType } from '../protocol/api';
import { formatManifest, readManifest } from '../protocol/manifest/index';
import type { JobKind, Manifest, ReturnAddress } from '../protocol/manifest/types';
import { parseSignatureFile, SIGNATURE_FILE_NAME } from '../protocol/signature-file';
import {
  isLocationCode,
  isProgressCode,
  locationMessage,
  progressMessage,
  type LocationCode,
  type ProgressCode,
} from '../protocol/status-codes';
import type { RunningService } from '../service/types';
import { appPaths, type AppPaths } from '../app-paths';
import { packageInfo } from '../runtime-layout';
import { chooseEndpoint, EMBEDDED_ENDPOINT_ID } from '../cli/session';
import {
  deleteFromKeychain,
  KeychainUnavailableError,
  readDefaultFromKeychain,
  resolveCredentials,
  saveToKeychain,
  systemKeychain,
  type Keychain,
} from '../credentials/index';
import type { Drive } from '../drives/types';
import { createClient } from '../importexport/client';
import { downloadLabel } from '../labels/download-label';
import type { Credentials, ImportExportClient } from '../importexport/types';
import { copiedFilesOn } from '../copy/known-md5';
import { copyHandlers } from './copy-handlers';
import { takeInventory } from '../inventory/inventory';
import {
  reconcile,
  summarize,
  upgradeOutcomes,
  type Outcome,
  type ReconcileSummary,
} from '../inventory/reconcile';
import { sortForDisplay } from '../inventory/reconcile-order';
import { fetchLogReport, LogFetchError } from '../inventory/reconcile-fetch';
import type { Inventory } from '../inventory/types';
import { canUpdateOrCancel, expiresAt } from '../jobs/deadlines';
import { drivesTakenOver } from '../jobs/drive-owner';
import { openJournal, type JobListing, type Journal, type StatusObservation } from '../jobs/journal';
import { findLeftovers } from '../signature/leftovers';
import { Tracker } from '../jobs/tracker';
import {
  isOperationName,
  OPERATION_SCHEMAS,
  type AppInfo,
  type ContractError,
  type CredentialsStatus,
  type DriveView,
  type Emit,
  type HandlerMap,
  type JobDetail,
  type JobRow,
  type LintResult,
  type ManifestForm,
  type ReconciliationView,
  type Result,
} from './contract';
import { defaultPorts, PortError, type CorePorts } from './core-ports';
import { pageOf, RECONCILE_CACHE_JOBS, ReconcilePages } from './reconcile-pages';
import { wizardHandlers } from './handlers-wizard';
import { trackingUrlFor } from './tracking-links';

const PACKAGE_VERSION: string = packageInfo().version;

/** Written into every manifest the app builds, so AWS support can tell which tool wrote it. */
export const GENERATOR = `Dockhand ${PACKAGE_VERSION}`;

/** Progress codes after which an import's log report exists (as `dockhand reconcile` checks). */
const LOG_READY_PROGRESS = new Set(['Complete', 'SuccessWithErrors']);

/** The folder under the app's data that keeps replaced SIGNATURE files (never the device). */
export const SIGNATURE_BACKUP_DIR_NAME = 'signature-backups';

/** Entries a freshly formatted file system has that are not the person's files. */
const FILE_SYSTEM_HOUSEKEEPING = new Set([
  'lost+found',
  '.Trash-1000',
  'System Volume Information',
  '$RECYCLE.BIN',
]);

// ---- The boundary -----------------------------------------------------------------------------------

/** Maps any failure to a ContractError; messages are the modules' own (they name the field and the fix). */
export function toContractError(err: unknown): ContractError {
  if (err instanceof z.ZodError) {
    const first = err.issues[0];
    const field = first && first.path.length > 0 ? first.path.join('.') : 'arguments';
    return { code: 'InvalidArguments', message: `${field}: ${first?.message ?? 'invalid'}` };
  }
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  if (e && e.name === 'AbortError') return { code: 'Cancelled', message: 'Cancelled.' };
  const code =
    typeof e?.code === 'string' && /^[A-Za-z][A-Za-z0-9_.]*$/.test(e.code) ? e.code : 'InternalError';
  const message = typeof e?.message === 'string' && e.message ? e.message : String(err);
  return { code, message };
}

/** Validates then runs one operation; never throws. */
export async function dispatch(handlers: HandlerMap, op: string, raw: unknown): Promise<Result<unknown>> {
  if (!isOperationName(op)) {
    return {
      ok: false,
      error: { code: 'UnknownOperation', message: `There is no operation "${op.slice(0, 64)}".` },
    };
  }
  const parsed = OPERATION_SCHEMAS[op].safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: toContractError(parsed.error) };
  try {
    const run = handlers[op] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await run(parsed.data) };
  } catch (err) {
    return { ok: false, error: toContractError(err) };
  }
}

// ---- Session: endpoint + credentials ----------------------------------------------------------------

interface Session {
  client: ImportExportClient;
  endpointUrl: string;
  endpointSource: string;
  embedded: boolean;
  credentials: Credentials;
  credentialsSource: string;
  journal: Journal;
  close(): Promise<void>;
}

export interface AppCoreOptions {
  host: AppInfo['host'];
  emit: Emit;
  env?: NodeJS.ProcessEnv;
  paths?: AppPaths;
  ports?: CorePorts;
  keychain?: Keychain;
  /** Where ~/.aws/credentials and ~/.aws/config are looked for; defaults to the user's home. */
  homeDir?: string;
  log?: (line: string) => void;
  /** The long-lived tracker's pace; tests shorten it. Defaults: the tracker's own interval, TRACKER_IDLE_CHECK_MS. */
  tracking?: { initialIntervalMs?: number; idleCheckMs?: number };
}

/** How often the app's tracker looks for new jobs in the journal while every known job is final. */
export const TRACKER_IDLE_CHECK_MS = 60_000;

export interface AppCore {
  handlers: HandlerMap;
  dispatch(op: string, raw: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

async function openAppSession(
  env: NodeJS.ProcessEnv,
  paths: AppPaths,
  ports: CorePorts,
  keychain: Keychain,
  homeDir: string,
  log?: (line: string) => void,
  sessionKey?: Credentials,
): Promise<Session> {
  const settings = await ports.settings.read();
  const choice = chooseEndpoint(undefined, env, {
    endpointUrl: settings.endpointUrl,
    file: paths.settingsFile,
  });
  let running: RunningService | undefined;
  let endpointUrl: string;
  let credentials: Credentials;
  let credentialsSource: string;
  switch (choice.kind) {
    case 'configured': {
      endpointUrl = choice.url;
      const resolved = await resolveCredentials({ env, homeDir, keychain, sessionKey });
      credentials = resolved.credentials;
      credentialsSource = resolved.source;
      break;
    }
    case 'embedded': {
      await mkdir(paths.endpointDir, { recursive: true });
      const { startService } = await import('../service/index');
      running = await startService({
        host: '127.0.0.1',
        port: 0,
        dataDir: paths.endpointDir,
        ...(log ? { log: (line: string) => log(`endpoint: ${line}`) } : {}),
      });
      const account = running.accounts[0];
      if (!account) {
        await running.close();
        throw new PortError(
          'EmbeddedEndpointFailed',
          `The local test endpoint in ${paths.endpointDir} has no account; delete that directory to start afresh.`,
        );
      }
      endpointUrl = running.url;
      credentials = { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
      credentialsSource = "the local test endpoint's demo account";
      break;
    }
  }
  const embedded = choice.kind === 'embedded';
  const journal = openJournal({
    endpoint: embedded ? EMBEDDED_ENDPOINT_ID : endpointUrl,
    file: paths.journalFile,
  });
  return {
    client: createClient({ endpoint: endpointUrl, credentials }),
    endpointUrl,
    endpointSource: choice.source,
    embedded,
    credentials,
    credentialsSource,
    journal,
    async close() {
      journal.close();
      await running?.close();
    },
  };
}

// ---- Pure mappers -----------------------------------------------------------------------------------

export function lintOf(text: string, jobType: JobType): LintResult {
  const result = readManifest(text, jobType);
  if (result.ok) return { kind: result.manifest.kind, issues: result.warnings, valid: true };
  const errorsFirst = [...result.issues].sort(
    (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'),
  );
  return { kind: null, issues: errorsFirst, valid: false };
}

function cleanAddress<T extends Partial<ReturnAddress>>(a: T): T {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  return out as unknown as T;
}

const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);

/** The manifest a form describes, with the fields the person never types filled in. */
export function manifestFromForm(form: ManifestForm, accessKeyId: string): Manifest {
  const emails = nonEmpty(form.notificationEmail)
    ?.split(/[,;\s]+/)
    .filter(Boolean);
  const common = {
    manifestVersion: '2.0' as const,
    accessKeyId,
    deviceId: form.deviceId,
    returnAddress: cleanAddress(form.returnAddress),
    generator: GENERATOR,
    // The wizard does not create a job until the person has acknowledged, in Preflight, that AWS erases the device.
    eraseDevice: true,
    ...(emails && emails.length > 0 ? { notificationEmail: emails } : {}),
  };
  switch (form.kind) {
    case 's3-import':
      return {
        ...common,
        kind: 's3-import',
        bucket: form.bucket?.trim() ?? '',
        ...(nonEmpty(form.prefix) ? { prefix: nonEmpty(form.prefix) } : {}),
        ...(nonEmpty(form.logBucket) ? { logBucket: nonEmpty(form.logBucket) } : {}),
      };
    case 's3-export':
      return {
        ...common,
        kind: 's3-export',
        fileSystem: form.fileSystem?.trim() || 'NTFS',
        logBucket: form.logBucket?.trim() ?? '',
        operations: [
          {
            exportBucket: form.exportBucket?.trim() ?? '',
            ...(nonEmpty(form.exportPrefix) ? { prefix: nonEmpty(form.exportPrefix) } : {}),
          },
        ],
      };
  }
}

function statusMessages(location: string, progress: string, s: Partial<StatusObservation>): string {
  const loc = isLocationCode(location)
    ? locationMessage(location, { carrier: s.carrier, trackingNumber: s.trackingNumber })
    : location;
  const prog = isProgressCode(progress)
    ? progressMessage(progress, { logBucket: s.logBucket, logKey: s.logKey, errorCount: s.errorCount })
    : progress;
  return `${loc} ${prog}`;
}

/** One dashboard row from the service's summary and/or the journal's record. */
export function jobRowOf(
  summary: { JobId: string; JobType: JobType; CreationDate: string; IsCanceled: boolean } | undefined,
  local: JobListing | undefined,
  latest?: StatusObservation,
  /** The job whose SIGNATURE later replaced this one's on its drive (electron/jobs/drive-owner.ts). */
  driveTakenBy?: string,
): JobRow {
  const jobId = summary?.JobId ?? (local?.jobId as string);
  const status = latest ?? local?.status;
  const knownStatus =
    status && isLocationCode(status.location) && isProgressCode(status.progress)
      ? { location: status.location as LocationCode, progress: status.progress as ProgressCode }
      : undefined;
  const isCanceled = summary?.IsCanceled ?? status?.progress === 'Canceled';
  const createdAt = summary?.CreationDate ?? (local?.createdAt as string);
  return {
    jobId,
    jobType: summary?.JobType ?? (local?.jobType as JobType),
    createdAt,
    isCanceled,
    local: local !== undefined,
    location: status?.location ?? null,
    progress: status?.progress ?? null,
    statusMessage: status ? statusMessages(status.location, status.progress, status) : null,
    drive:
      local?.drive && !driveTakenBy
        ? {
            ...(local.drive.device ? { device: local.drive.device } : {}),
            ...(local.drive.serial ? { serial: local.drive.serial } : {}),
            ...(local.drive.label ? { label: local.drive.label } : {}),
          }
        : null,
    ...(driveTakenBy ? { driveTakenBy } : {}),
    signatureWrittenAt: local?.signature?.at ?? null,
    labelAt: local?.label?.at ?? null,
    carrier: status?.carrier ?? null,
    trackingNumber: status?.trackingNumber ?? null,
    trackingUrl: trackingUrlFor(status?.carrier, status?.trackingNumber),
    expiresAt: isCanceled ? null : (expiresAt(createdAt, knownStatus)?.toISOString() ?? null),
    canUpdateOrCancel: !isCanceled && canUpdateOrCancel(knownStatus),
  };
}

function snapshotFields(out: GetStatusOutput) {
  return {
    location: out.LocationCode as LocationCode,
    progress: out.ProgressCode as ProgressCode,
    ...(out.Carrier ? { carrier: out.Carrier } : {}),
    ...(out.TrackingNumber ? { trackingNumber: out.TrackingNumber } : {}),
    errorCount: Number.isFinite(out.ErrorCount) ? out.ErrorCount : 0,
    ...(out.LogBucket ? { logBucket: out.LogBucket } : {}),
    ...(out.LogKey ? { logKey: out.LogKey } : {}),
  };
}

/** The return address in the manifest this machine created a job with, if it did. */
function manifestAddress(s: Session, jobId: string): ReturnAddress | undefined {
  const job = s.journal.getJob(jobId);
  if (!job) return undefined;
  const read = readManifest(job.manifest, job.jobType);
  return read.ok ? read.manifest.returnAddress : undefined;
}

/**
 * The wizard writes SIGNATURE after Preflight's inventory, so the log's row for it (skipped, never imported)
 * is not in the inventory; reconcile() alone would call it "unexpected" on every job. It is the expected skip.
 */
export function withSignatureSkipped(r: { outcomes: Outcome[]; summary: ReconcileSummary }): {
  outcomes: Outcome[];
  summary: ReconcileSummary;
} {
  let changed = false;
  const outcomes = r.outcomes.map((o): Outcome => {
    if (o.kind !== 'unexpected' || o.path !== SIGNATURE_FILE_NAME || o.status >= 200) return o;
    changed = true;
    return {
      kind: 'skipped',
      path: o.path,
      bytes: o.bytes,
      why: 'signature-file',
      status: o.status,
      code: o.code,
    };
  });
  return changed ? { outcomes, summary: summarize(outcomes) } : r;
}

// ---- The core ---------------------------------------------------------------------------------------

/** What is on a mounted drive that matters for choosing it: files of the person's, another job's SIGNATURE. */
async function driveContents(
  mountpoint: string | undefined,
): Promise<{ hasFiles: boolean; signatureJobId: string | null }> {
  if (!mountpoint) return { hasFiles: false, signatureJobId: null };
  let names: string[];
  try {
    names = await readdir(mountpoint);
  } catch {
    return { hasFiles: false, signatureJobId: null };
  }
  let signatureJobId: string | null = null;
  if (names.includes(SIGNATURE_FILE_NAME)) {
    try {
      signatureJobId = parseSignatureFile(
        await readFile(path.join(mountpoint, SIGNATURE_FILE_NAME), 'utf8'),
      ).jobId;
    } catch {
      signatureJobId = null;
    }
  }
  const hasFiles = names.some((n) => n !== SIGNATURE_FILE_NAME && !FILE_SYSTEM_HOUSEKEEPING.has(n));
  return { hasFiles, signatureJobId };
}

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const env = options.env ?? process.env;
  const paths = options.paths ?? appPaths(env);
  const ports = options.ports ?? defaultPorts(paths.settingsFile, env);
  const keychain = options.keychain ?? systemKeychain();
  const emit = options.emit;

  let session: Session | undefined;
  let sessionError: unknown;
  /** A key entered in Settings while the keychain is unavailable: memory only, gone when the app closes. */
  let sessionKey: Credentials | undefined;
  const inventories = new Map<string, { controller: AbortController; result?: Inventory }>();
  let trackerAbort: AbortController | undefined;
  let trackerRunning = false;
  let stopDriveWatch: (() => void) | undefined;
  const reconcilePages = new ReconcilePages();

  async function reopen(): Promise<void> {
    trackerAbort?.abort();
    trackerRunning = false; // the old loop ends on its own; the new session gets its own tracker
    const old = session;
    session = undefined;
    await old?.close();
    try {
      session = await openAppSession(
        env,
        paths,
        ports,
        keychain,
        options.homeDir ?? os.homedir(),
        options.log,
        sessionKey,
      );
      sessionError = undefined;
      startTracking();
    } catch (err) {
      sessionError = err;
    }
  }

  function current(): Session {
    if (session) return session;
    const e = toContractError(sessionError ?? new Error('The endpoint is not ready yet.'));
    throw new PortError(
      e.code === 'InternalError' ? 'NoSession' : e.code,
      `${e.message} Open Settings to choose an endpoint and save credentials.`,
    );
  }

  /** One notification-worthy change, from the tracker or from a status the dashboard fetched itself. */
  function announce(jobId: string, c: StatusObservation): void {
    emit('jobs.changed', {
      jobId,
      location: c.location,
      progress: c.progress,
      message: `Job ${jobId}: ${statusMessages(c.location, c.progress, c)}`,
      carrier: c.carrier ?? null,
      trackingNumber: c.trackingNumber ?? null,
      trackingUrl: trackingUrlFor(c.carrier, c.trackingNumber),
    });
  }

  /** Records a status fetched outside the tracker; a change seen here first is announced here. */
  function observeStatus(s: Session, jobId: string, out: GetStatusOutput): void {
    const previous = s.journal.lastStatus(jobId);
    if (s.journal.recordStatus(jobId, snapshotFields(out)) && previous) {
      const latest = s.journal.lastStatus(jobId);
      if (latest) announce(jobId, latest);
    }
  }

  /**
   * The app's long-lived tracker: started with the session by either host, it follows the journal's open
   * jobs and, when all are final, keeps looking for new ones every idleCheckMs until the host closes.
   */
  function startTracking(): void {
    if (trackerRunning || !session) return;
    const s = session;
    const abort = new AbortController();
    trackerAbort = abort;
    const tracker = new Tracker({
      journal: s.journal,
      client: s.client,
      idleCheckMs: options.tracking?.idleCheckMs ?? TRACKER_IDLE_CHECK_MS,
      ...(options.tracking?.initialIntervalMs !== undefined
        ? { initialIntervalMs: options.tracking.initialIntervalMs }
        : {}),
      onEvent: (event) => {
        // The first status seen after creating a job is not news; only changes are.
        if (event.type !== 'change' || event.previous === null) return;
        announce(event.jobId, event.current);
      },
    });
    trackerRunning = true;
    void tracker
      .run(abort.signal)
      .catch((err: unknown) => options.log?.(`tracker stopped: ${toContractError(err).message}`))
      .finally(() => {
        if (trackerAbort === abort) trackerRunning = false;
      });
  }

  let driveJobKind: JobKind | undefined;

  /** The label of the drive in the slot (what the dashboard shows for the job); undefined when unknown. */
  async function driveLabel(identity: { device: string; serial: string }): Promise<string | undefined> {
    try {
      const drives = await (await ports.drives()).list();
      const d = drives.find((x) => x.device === identity.device && x.serial === identity.serial);
      return d?.label || undefined;
    } catch {
      return undefined;
    }
  }

  async function driveViews(drives: Drive[]): Promise<DriveView[]> {
    const port = await ports.drives();
    return Promise.all(
      drives.map(async (d) => {
        const first = d.mountpoints[0]?.path;
        const contents = await driveContents(first);
        return {
          device: d.device,
          displayName: d.displayName,
          model: d.model,
          serial: d.serial,
          sizeBytes: d.sizeBytes,
          mountpoints: d.mountpoints.map((m) => m.path),
          fileSystem: d.fileSystem,
          label: d.label,
          usedBytes: d.usedBytes,
          bus: d.bus,
          blocks: await port.blocksOf(d, driveJobKind),
          ...contents,
        };
      }),
    );
  }

  /**
   * After the dashboard lists the jobs, the newest finished imports' saved reconciliations are read and
   * sorted in the background (RECONCILE_CACHE_JOBS of them), so opening one paints at once instead of
   * waiting for 100,000 outcomes to be parsed.
   */
  function warmReconciliations(s: Session, listings: readonly JobListing[]): void {
    const finished = listings
      .filter((j) => j.jobType === 'Import' && j.status && LOG_READY_PROGRESS.has(j.status.progress))
      .slice(0, RECONCILE_CACHE_JOBS);
    if (finished.length === 0) return;
    setTimeout(() => {
      for (const j of finished) {
        const key = `${s.journal.endpoint}\u0000${j.jobId}`;
        if (session !== s || reconcilePages.get(key)) continue;
        try {
          holdSaved(s, key, j.jobId);
        } catch (err) {
          options.log?.(`reconciliation of ${j.jobId}: ${toContractError(err).message}`);
        }
      }
    }, 0);
  }

  /** The saved reconciliation, upgraded and sorted, held for paging; undefined when none is saved. */
  function holdSaved(s: Session, key: string, jobId: string) {
    const saved = s.journal.loadReconciliation(jobId);
    if (!saved) return undefined;
    const upgraded = upgradeOutcomes(saved.outcomes as Outcome[]);
    return reconcilePages.hold(key, {
      jobId,
      reconciledAt: saved.reconciledAt,
      logBucket: saved.logBucket,
      logKey: saved.logKey,
      summary: upgraded.changed ? summarize(upgraded.outcomes) : (saved.summary as ReconcileSummary),
      outcomes: upgraded.outcomes,
    });
  }

  async function credentialsStatus(): Promise<CredentialsStatus> {
    let keychainAvailable = true;
    let saved: Credentials | undefined;
    let problem: string | undefined;
    try {
      saved = await readDefaultFromKeychain(keychain);
    } catch (err) {
      keychainAvailable = false;
      problem = toContractError(err).message;
    }
    if (!session) {
      return {
        source: null,
        accessKeyId: null,
        fromKeychain: false,
        keychainAvailable,
        problem: toContractError(sessionError).message,
      };
    }
    return {
      source: session.credentialsSource,
      accessKeyId: session.credentials.accessKeyId,
      fromKeychain: saved?.accessKeyId === session.credentials.accessKeyId && !session.embedded,
      fromSession: sessionKey?.accessKeyId === session.credentials.accessKeyId && !session.embedded,
      keychainAvailable,
      ...(problem ? { problem } : {}),
    };
  }

  async function labelFile(jobId: string): Promise<string> {
    const dir = path.join(paths.root, 'labels');
    await mkdir(dir, { recursive: true });
    return path.join(dir, `${jobId}.pdf`);
  }

  async function fetchLabel(jobId: string, address: Partial<ReturnAddress> | undefined) {
    const s = current();
    const out = await s.client.getShippingLabel({
      jobIds: [jobId],
      ...(address ? cleanAddress(address) : {}),
    });
    const file = await labelFile(jobId);
    // The labels module bounds size and time and checks it is a PDF.
    await downloadLabel(out.ShippingLabelURL, file);
    const bytes = await readFile(file);
    s.journal.recordLabel(jobId, { url: out.ShippingLabelURL, savedPath: file });
    return { url: out.ShippingLabelURL, bytes, file, warning: out.Warning ?? null };
  }

  const wizard = wizardHandlers({
    journalFile: paths.journalFile,
    session: current,
    sessionIfAny: () => session,
    settings: () => ports.settings.read(),
    inventoryKept: (runId) => inventories.get(runId)?.result !== undefined,
    drives: async () => (await ports.drives()).list(),
  });

  const copying = copyHandlers({
    emit,
    paths,
    env,
    listDrives: async () => (await ports.drives()).list(),
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
  });
  const handlers: HandlerMap = {
    ...wizard.handlers,
    ...copying,
    async 'app.info'() {
      const s = session;
      return {
        version: PACKAGE_VERSION,
        host: options.host,
        endpointUrl: s?.endpointUrl ?? '',
        localTestEndpoint: s?.embedded ?? false,
        endpointSource: s?.endpointSource ?? toContractError(sessionError).message,
      };
    },
    async 'settings.get'() {
      return ports.settings.read();
    },
    async 'settings.set'(args) {
      const before = await ports.settings.read();
      const next = { ...before, ...args };
      if (args.endpointUrl === '') delete next.endpointUrl;
      await ports.settings.write(next);
      if ((before.endpointUrl ?? '') !== (next.endpointUrl ?? '')) await reopen();
      return ports.settings.read();
    },
    async 'credentials.status'() {
      return credentialsStatus();
    },
    async 'credentials.save'(args) {
      try {
        await saveToKeychain(keychain, args);
        sessionKey = undefined;
      } catch (err) {
        if (!(err instanceof KeychainUnavailableError)) throw err;
        // No keychain (keytar not installed, no secret service): keep the key for this session only, as the
        // Settings page says before the person types it; never a file.
        sessionKey = { accessKeyId: args.accessKeyId, secretAccessKey: args.secretAccessKey };
      }
      await reopen();
      return credentialsStatus();
    },
    async 'credentials.clear'() {
      if (sessionKey) {
        sessionKey = undefined;
      } else {
        const saved = await readDefaultFromKeychain(keychain);
        if (saved) await deleteFromKeychain(keychain, saved.accessKeyId);
      }
      await reopen();
      return credentialsStatus();
    },
    async 'manifest.lint'(args) {
      return lintOf(args.text, args.jobType);
    },
    async 'manifest.format'(args) {
      const manifest = manifestFromForm(args.form, current().credentials.accessKeyId);
      const text = formatManifest(manifest);
      return { text, lint: lintOf(text, manifest.kind === 's3-export' ? 'Export' : 'Import') };
    },
    async 'drives.list'(args) {
      driveJobKind = args.jobKind;
      const port = await ports.drives();
      if (!stopDriveWatch) {
        stopDriveWatch = port.watch((drives) => {
          void driveViews(drives).then(
            (views) => emit('drives.changed', views),
            (err: unknown) => options.log?.(`drive list: ${toContractError(err).message}`),
          );
        });
      }
      return driveViews(await port.list());
    },
    async 'inventory.start'(args) {
      const lint = readManifest(args.manifestText, args.jobType);
      if (!lint.ok) {
        const first = lint.issues[0];
        throw new PortError(
          'InvalidManifest',
          `The manifest has problems (${first?.field || 'document'}: ${first?.message ?? 'invalid'}); fix them in the Job step first.`,
        );
      }
      const previous = inventories.get(args.runId);
      previous?.controller.abort();
      const controller = new AbortController();
      inventories.set(args.runId, { controller });
      const port = await ports.drives().catch(() => undefined);
      const drive = port ? (await port.list()).find((d) => d.device === args.drive.device) : undefined;
      const knownMd5 = await copiedFilesOn(args.drive.mountpoint, {
        journalFile: paths.journalFile,
        ...(drive ? { drive } : {}),
      });
      const inventory = await takeInventory({
        root: args.drive.mountpoint,
        manifest: lint.manifest,
        ...(knownMd5 ? { knownMd5 } : {}),
        ...(drive?.fileSystem ? { fileSystem: drive.fileSystem } : {}),
        deviceSizeBytes: args.drive.sizeBytes,
        signal: controller.signal,
        onProgress: (progress) => emit('inventory.progress', { runId: args.runId, progress }),
      });
      inventories.set(args.runId, { controller, result: inventory });
      return {
        runId: args.runId,
        files: inventory.totals.files,
        bytes: inventory.totals.bytes,
        importedFiles: inventory.totals.importedFiles,
        importedBytes: inventory.totals.importedBytes,
        findings: inventory.findings,
        leftovers: findLeftovers(inventory.entries),
      };
    },
    async 'inventory.cancel'(args) {
      const run = inventories.get(args.runId);
      if (!run || run.result) return { cancelled: false };
      run.controller.abort();
      inventories.delete(args.runId);
      return { cancelled: true };
    },
    async 'jobs.validate'(args) {
      const out = await current().client.createJob({
        JobType: args.jobType,
        Manifest: args.manifestText,
        ValidateOnly: true,
      });
      return { warning: out.WarningMessage ?? null };
    },
    async 'jobs.create'(args) {
      const s = current();
      const lint = readManifest(args.manifestText, args.jobType);
      if (!lint.ok) {
        const first = lint.issues[0];
        throw new PortError(
          'InvalidManifest',
          `${first?.field || 'manifest'}: ${first?.message}. ${first?.fix ?? ''}`,
        );
      }
      if (lint.manifest.deviceId !== args.drive.serial) {
        throw new PortError(
          'DeviceMismatch',
          `deviceId "${lint.manifest.deviceId}" is not the serial of the chosen drive (${args.drive.serial}); go back to the Device step and choose the drive again.`,
        );
      }
      if (!args.allowDuplicateDevice) {
        const live = liveJobsForDevice(s.journal.listJobs(), lint.manifest.deviceId);
        if (live.length > 0) {
          throw new PortError(
            'DuplicateDevice',
            `This drive (deviceId ${lint.manifest.deviceId}) already has live job ${live.map(describeJob).join(', ')}. One device goes with one job: finish or cancel that job, or confirm that you want another job for this drive.`,
          );
        }
      }
      const createdLabel = await driveLabel(args.drive);
      // This create's own token in the generator: after a network fault the client takes only a job carrying
      // it, never an earlier job with the same manifest (issue 11). The journal keeps the manifest as sent.
      const manifestText = stampRequestToken(args.manifestText, newRequestToken(), GENERATOR);
      const out = await s.client.createJob({
        JobType: args.jobType,
        Manifest: manifestText,
        ValidateOnly: false,
      });
      s.journal.recordJob({
        jobId: out.JobId,
        jobType: out.JobType ?? args.jobType,
        kind: lint.manifest.kind,
        manifest: manifestText,
        drive: { ...args.drive, ...(createdLabel ? { label: createdLabel } : {}) },
      });
      // The return address is remembered for the label step and the next job.
      const before = await ports.settings.read();
      await ports.settings.write({ ...before, returnAddress: lint.manifest.returnAddress });
      const inventory = args.inventoryRunId ? inventories.get(args.inventoryRunId)?.result : undefined;
      if (inventory) s.journal.saveInventory(out.JobId, inventory);
      startTracking();
      return {
        jobId: out.JobId,
        jobType: out.JobType ?? args.jobType,
        warning: out.WarningMessage ?? null,
        signature: out.Signature ?? null,
      };
    },
    async 'jobs.liveForDevice'(args) {
      return liveJobsForDevice(current().journal.listJobs(), args.deviceId).map((j) => ({
        jobId: j.jobId,
        createdAt: j.createdAt,
        status: j.status ? `${j.status.location}/${j.status.progress}` : null,
      }));
    },
    async 'jobs.list'() {
      const s = current();
      const listings = s.journal.listJobs();
      const local = new Map(listings.map((j) => [j.jobId, j]));
      const taken = drivesTakenOver(listings);
      const rows: JobRow[] = [];
      const seen = new Set<string>();
      for await (const page of s.client.listJobPages()) {
        for (const summary of page.Jobs) {
          seen.add(summary.JobId);
          rows.push(jobRowOf(summary, local.get(summary.JobId), undefined, taken.get(summary.JobId)));
        }
      }
      for (const [id, job] of local)
        if (!seen.has(id)) rows.push(jobRowOf(undefined, job, undefined, taken.get(id)));
      warmReconciliations(s, listings);
      return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async 'jobs.status'(args): Promise<JobDetail> {
      const s = current();
      const out = await s.client.getStatus(args.jobId);
      const known = s.journal.getJob(args.jobId) !== undefined;
      if (known) observeStatus(s, args.jobId, out);
      const listings = known ? s.journal.listJobs() : [];
      const listing = listings.find((j) => j.jobId === args.jobId);
      const statuses = known ? s.journal.jobHistory(args.jobId).statuses : [];
      const summary = {
        JobId: out.JobId,
        JobType: out.JobType,
        CreationDate: out.CreationDate,
        IsCanceled: out.ProgressCode === 'Canceled',
      };
      const snapshot = { ...snapshotFields(out), observedAt: new Date().toISOString() };
      const row = jobRowOf(summary, listing, snapshot, drivesTakenOver(listings).get(args.jobId));
      const timeline = (statuses.length > 0 ? statuses : [snapshot]).map((st) => ({
        at: st.observedAt,
        location: st.location,
        progress: st.progress,
        message: statusMessages(st.location, st.progress, st),
      }));
      return {
        ...row,
        local: known,
        locationMessage: out.LocationMessage,
        progressMessage: out.ProgressMessage,
        errorCount: out.ErrorCount,
        manifest: out.CurrentManifest,
        timeline,
      };
    },
    async 'jobs.update'(args) {
      const out = await current().client.updateJob({
        JobId: args.jobId,
        JobType: args.jobType,
        Manifest: args.manifestText,
        ValidateOnly: args.validateOnly,
      });
      return { success: out.Success, warning: out.WarningMessage ?? null };
    },
    async 'jobs.cancel'(args) {
      const out = await current().client.cancelJob(args.jobId);
      return { success: out.Success };
    },
    async 'jobs.reconcile'(args): Promise<ReconciliationView> {
      const s = current();
      const { jobId } = args;
      if (!s.journal.getJob(jobId)) {
        throw new PortError(
          'UnknownJob',
          `Job ${jobId} was not prepared on this machine, so there is no inventory to compare its log with.`,
        );
      }
      const key = `${s.journal.endpoint}\u0000${jobId}`;
      const held = args.refresh ? undefined : reconcilePages.get(key);
      if (held) return pageOf(held, args, true);
      const saved = args.refresh ? undefined : holdSaved(s, key, jobId);
      if (saved) return pageOf(saved, args, true);
      const inventory = s.journal.loadInventory(jobId);
      if (!inventory) {
        throw new PortError(
          'NoInventory',
          `No inventory was saved for job ${jobId}: it is taken in the wizard's Preflight step (or with "dockhand inventory MOUNTPOINT --job-id ${jobId}") before shipping.`,
        );
      }
      const status = await s.client.getStatus(jobId);
      observeStatus(s, jobId, status);
      if (LOG_READY_PROGRESS.has(status.ProgressCode) && (!status.LogBucket || !status.LogKey)) {
        throw new PortError(
          'NoLogReport',
          `Job ${jobId} is ${status.ProgressCode}, but the endpoint names no log report for it (no LogBucket/LogKey in GetStatus), so there is nothing to compare the inventory with. Ask the endpoint's operator for the job's log.`,
        );
      }
      if (!LOG_READY_PROGRESS.has(status.ProgressCode) || !status.LogBucket || !status.LogKey) {
        throw new PortError(
          'JobNotFinished',
          `Job ${jobId} is ${status.LocationCode}/${status.ProgressCode}; its log report exists once the import is Complete or SuccessWithErrors.`,
        );
      }
      let rows;
      try {
        rows = await fetchLogReport({
          endpoint: s.endpointUrl,
          credentials: s.credentials,
          bucket: status.LogBucket,
          key: status.LogKey,
        });
      } catch (err) {
        if (err instanceof LogFetchError) {
          throw new PortError(
            'LogFetchFailed',
            `${err.message}. Check that these credentials can read the log bucket, then press "Fetch the log again".`,
          );
        }
        throw err;
      }
      const result = withSignatureSkipped(reconcile(inventory, rows));
      // Saved in display order, so opening it later needs no sort of 100,000 outcomes.
      const sorted = sortForDisplay(result.outcomes);
      const reconciledAt = s.journal.saveReconciliation(jobId, {
        logBucket: status.LogBucket,
        logKey: status.LogKey,
        summary: result.summary,
        outcomes: sorted,
      });
      const h = reconcilePages.hold(key, {
        jobId,
        reconciledAt,
        logBucket: status.LogBucket,
        logKey: status.LogKey,
        summary: result.summary,
        outcomes: sorted,
      });
      return pageOf(h, args, false);
    },
    async 'signature.write'(args) {
      const s = current();
      const status = await s.client.getStatus(args.jobId);
      if (!status.SignatureFileContents) {
        throw new PortError(
          'NoSignature',
          `The endpoint sent no SIGNATURE for job ${args.jobId}; only S3 import and export jobs use one.`,
        );
      }
      const signature = await ports.signature();
      // electron/signature re-checks the drive's identity and eligibility, writes atomically and reads back.
      const written = await signature.write({
        identity: args.drive,
        contents: status.SignatureFileContents,
        jobId: args.jobId,
        ...(args.confirmReplace ? { confirmReplace: true } : {}),
        backupDir: path.join(paths.root, SIGNATURE_BACKUP_DIR_NAME),
      });
      if (s.journal.getJob(args.jobId)) {
        // The drive the SIGNATURE is on now is the job's drive (a rewrite may be onto another drive).
        const label = await driveLabel(args.drive);
        s.journal.recordDrive(args.jobId, {
          device: args.drive.device,
          serial: args.drive.serial,
          sizeBytes: args.drive.sizeBytes,
          mountpoint: args.drive.mountpoint,
          ...(label ? { label } : {}),
        });
        s.journal.recordSignature(args.jobId, { path: written.path, bytes: written.bytes });
      }
      const result = {
        path: written.path,
        bytes: written.bytes,
        verified: true,
        ...(written.backupPath ? { backupPath: written.backupPath } : {}),
        ...(written.replacedJobId ? { replacedJobId: written.replacedJobId } : {}),
      };
      try {
        await signature.flushAndUnmount(args.drive);
        return { ...result, safeToUnplug: true };
      } catch (err) {
        return {
          ...result,
          safeToUnplug: false,
          // electron/signature's message names the drive and what to do (close files, eject again).
          unmountProblem: toContractError(err).message,
        };
      }
    },
    async 'device.removeLeftovers'(args) {
      const signature = await ports.signature();
      return signature.removeLeftovers(args.drive, args.paths);
    },
    async 'device.eject'(args) {
      const signature = await ports.signature();
      await signature.flushAndUnmount(args.drive);
      return { safeToUnplug: true };
    },
    async 'labels.fetch'(args) {
      const settings = await ports.settings.read();
      const address = args.returnAddress ?? settings.returnAddress ?? manifestAddress(current(), args.jobId);
      if (args.returnAddress) await ports.settings.write({ ...settings, returnAddress: args.returnAddress });
      const label = await fetchLabel(args.jobId, address);
      return { url: label.url, pdfBase64: label.bytes.toString('base64'), warning: label.warning };
    },
    async 'labels.print'(args) {
      const s = current();
      const file = await labelFile(args.jobId);
      const exists = await readFile(file).then(
        () => true,
        () => false,
      );
      if (!exists) await fetchLabel(args.jobId, (await ports.settings.read()).returnAddress);
      const labels = await ports.labels();
      const printed = await labels.print(file, args.printer);
      const last = s.journal.listJobs().find((j) => j.jobId === args.jobId)?.label;
      if (last) {
        s.journal.recordLabel(args.jobId, {
          url: last.url,
          savedPath: file,
          printer: args.printer,
          ...(printed.printJobId ? { printJobId: printed.printJobId } : {}),
        });
      }
      const settings = await ports.settings.read();
      if (settings.printer !== args.printer)
        await ports.settings.write({ ...settings, printer: args.printer });
      return printed;
    },
    async 'labels.save'(args) {
      const file = await labelFile(args.jobId);
      const exists = await readFile(file).then(
        () => true,
        () => false,
      );
      if (!exists) await fetchLabel(args.jobId, (await ports.settings.read()).returnAddress);
      return { path: file };
    },
    async 'printers.list'() {
      return (await ports.labels()).listPrinters();
    },
  };

  await reopen();

  return {
    handlers,
    dispatch: (op, raw) => dispatch(handlers, op, raw),
    async close() {
      wizard.close();
      stopDriveWatch?.();
      trackerAbort?.abort();
      for (const run of inventories.values()) run.controller.abort();
      copying.close();
      await session?.close();
    },
  };
}
