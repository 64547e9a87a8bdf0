/**
 * The wizard's own contract operations: drafts kept in the journal (electron/jobs/drafts.ts) and the
 * account's buckets (electron/importexport/buckets.ts). Kept out of handlers.ts so that file stays about jobs.
 */
import type { Drive } from '../drives/types';
import { checkBucket, listBuckets, type S3Target } from '../importexport/buckets';
import type { Credentials } from '../importexport/types';
import { expiresAt } from '../jobs/deadlines';
import { openDrafts, type DraftStore, type StoredDraft } from '../jobs/drafts';
import type { JobListing, Journal } from '../jobs/journal';
import { isLocationCode, isProgressCode } from '../protocol/status-codes';
import type { DraftRecord, HandlerMap, Settings, UnfinishedJob, WizardDraft } from './contract';
import { PortError } from './core-ports';

type WizardOps =
  | 'drafts.save'
  | 'drafts.load'
  | 'drafts.list'
  | 'drafts.discard'
  | 'drafts.resume'
  | 'buckets.list'
  | 'buckets.check';

export interface WizardSessionView {
  endpointUrl: string;
  embedded: boolean;
  credentials: Credentials;
  journal: Journal;
}

export interface WizardHandlerDeps {
  journalFile: string;
  /** The open session; throws a PortError naming what to do when there is none. */
  session: () => WizardSessionView;
  /** The session if there is one: drafts are kept even while no endpoint is reachable. */
  sessionIfAny: () => WizardSessionView | undefined;
  settings: () => Promise<Settings>;
  /** Whether this process still holds the finished Preflight inventory of this run. */
  inventoryKept: (runId: string) => boolean;
  /** The drives now attached, to name a resumed job's drive by its label. */
  drives: () => Promise<Drive[]>;
}

/** A job created here that still needs its SIGNATURE or its label, and can still ship. */
export function unfinishedJob(j: JobListing, now: Date): UnfinishedJob | undefined {
  if (j.lost) return undefined;
  if (j.signature && j.label) return undefined;
  const st = j.status;
  if (st && (st.location !== 'NotReceived' || st.progress !== 'Pending')) return undefined;
  const known =
    st && isLocationCode(st.location) && isProgressCode(st.progress)
      ? { location: st.location, progress: st.progress }
      : undefined;
  const expiry = expiresAt(j.createdAt, known);
  if (expiry && expiry.getTime() <= now.getTime()) return undefined;
  return {
    jobId: j.jobId,
    createdAt: j.createdAt,
    signatureWritten: j.signature !== undefined,
    labelFetched: j.label !== undefined,
    driveSerial: j.drive?.serial ?? null,
  };
}

/** A draft for a job the journal knows but no draft prepares (created by the CLI, or the draft was lost). */
export function draftFromJournal(j: JobListing, attached: readonly Drive[]): WizardDraft {
  const seen = attached.find((d) => j.drive?.serial && d.serial === j.drive.serial);
  const drive =
    j.drive?.device && j.drive.serial
      ? {
          device: j.drive.device,
          serial: j.drive.serial,
          sizeBytes: j.drive.sizeBytes ?? seen?.sizeBytes ?? 0,
          label: seen?.label ?? '',
          displayName: seen?.displayName ?? j.drive.device,
          mountpoint: j.drive.mountpoint ?? seen?.mountpoints[0]?.path ?? '',
        }
      : null;
  return {
    step: 'ship',
    jobType: j.jobType,
    form: {
      kind: j.jobType === 'Export' ? 's3-export' : 's3-import',
      deviceId: j.drive?.serial ?? '',
      returnAddress: { name: '', street1: '', city: '', postalCode: '', phoneNumber: '', country: '' },
    },
    // The journal's copy (secrets redacted): what was sent, shown read-only once the job exists.
    source: { mode: 'yaml', text: j.manifest },
    drive,
    inventory: null,
    erasedAcknowledged: true,
    replaceConfirmed: null,
    created: { jobId: j.jobId, jobType: j.jobType, warning: null, signature: null },
    signature: j.signature
      ? {
          path: j.signature.path,
          bytes: j.signature.bytes,
          verified: true,
          safeToUnplug: false,
          fromJournal: true,
        }
      : null,
    label: j.label
      ? {
          downloaded: true,
          ...(j.label.savedPath ? { savedPath: j.label.savedPath } : {}),
          ...(j.label.printer ? { printedTo: j.label.printer } : {}),
        }
      : null,
    checklist: [],
  };
}

export function wizardHandlers(deps: WizardHandlerDeps): {
  handlers: Pick<HandlerMap, WizardOps>;
  close(): void;
} {
  let opened: { store: DraftStore; close(): void } | undefined;
  const drafts = (): DraftStore => (opened ??= openDrafts(deps.journalFile)).store;

  const record = (d: StoredDraft): DraftRecord => ({
    draftId: d.draftId,
    updatedAt: d.updatedAt,
    draft: d.draft,
    inventoryKept: d.inventoryRunId !== null && deps.inventoryKept(d.inventoryRunId),
  });

  async function s3Target(): Promise<S3Target> {
    const s = deps.session();
    if (s.embedded) return { endpoint: s.endpointUrl, credentials: s.credentials };
    const settings = await deps.settings();
    return { endpoint: settings.s3EndpointUrl || undefined, credentials: s.credentials };
  }

  const handlers: Pick<HandlerMap, WizardOps> = {
    async 'drafts.save'(args) {
      const s = deps.sessionIfAny();
      return drafts().save(args.draftId, args.draft, {
        ...(s ? { endpoint: s.endpointUrl } : {}),
        inventoryRunId: args.draft.inventory?.runId ?? null,
      });
    },
    async 'drafts.load'(args) {
      const d = drafts().load(args.draftId);
      return d ? record(d) : null;
    },
    async 'drafts.list'() {
      const s = deps.sessionIfAny();
      const now = new Date();
      const unfinishedJobs = s
        ? s.journal
            .listJobs()
            .map((j) => unfinishedJob(j, now))
            .filter((j): j is UnfinishedJob => j !== undefined)
        : [];
      const list = drafts()
        .list()
        .filter((d) => d.draft.step !== 'done')
        .map((d) => ({
          draftId: d.draftId,
          updatedAt: d.updatedAt,
          step: d.draft.step,
          jobId: d.jobId,
          driveName: d.draft.drive ? d.draft.drive.label || d.draft.drive.displayName : null,
          bucket: d.draft.form.bucket?.trim() || d.draft.form.exportBucket?.trim() || null,
        }));
      return { drafts: list, unfinishedJobs };
    },
    async 'drafts.discard'(args) {
      return { discarded: drafts().discard(args.draftId) };
    },
    async 'drafts.resume'(args) {
      const existing = drafts().forJob(args.jobId);
      if (existing) return record(existing);
      const s = deps.session();
      const job = s.journal.listJobs().find((j) => j.jobId === args.jobId);
      if (!job) {
        throw new PortError(
          'UnknownJob',
          `Job ${args.jobId} was not created on this machine for ${s.endpointUrl}, so there is nothing to continue here; its SIGNATURE can be written with "dockhand write-signature --job-id ${args.jobId}".`,
        );
      }
      const attached = await deps.drives().catch(() => []);
      const draft = draftFromJournal(job, attached);
      drafts().save(args.draftId, draft, { endpoint: s.endpointUrl });
      const saved = drafts().load(args.draftId);
      if (!saved) throw new PortError('DraftLost', `The draft for job ${args.jobId} could not be read back.`);
      return record(saved);
    },
    async 'buckets.list'() {
      return listBuckets(await s3Target());
    },
    async 'buckets.check'(args) {
      return checkBucket(await s3Target(), args.bucket);
    },
  };

  return {
    handlers,
    close() {
      opened?.close();
      opened = undefined;
    },
  };
}
