/**
 * The endpoint's job store: SQLite (electron/sqlite), WAL, synchronous=FULL so that an answered
 * CreateJob survives kill -9, and busy_timeout so `dockhand service dock` (another process) can change
 * jobs while the endpoint runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WalSync } from './wal-sync';
import { CommitGroup } from './commit-group';
import { CommittedReadCache } from './read-cache';
import {
  openDatabase,
  type RunResult,
  type SqlValue,
  type SqliteDatabase,
  type Statement,
} from '../../sqlite/index';
import type { LocationCode, ProgressCode } from '../../protocol/status-codes';
import { summaryPageSql, toListPage } from './list-page';
import {
  JOB_AS_JSON,
  recordOf,
  type CreateJobOutcome,
  type JobEvent,
  type JobPatch,
  type JobRecord,
  type LabelRecord,
  type ListPage,
  type ManifestReplacement,
  type NewJob,
} from './records';

export type * from './records';
import { MIGRATIONS } from './migrations';

export const STORE_FILE_NAME = 'endpoint.sqlite';
/** How long a writer waits for the other process's lock before giving up. */
export const BUSY_TIMEOUT_MS = 5_000;
/** Tries before giving up on finding an unused job id (34^5 ids; collisions are rare). */
export const JOB_ID_ATTEMPTS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The daily quota a create is held to: `dayStartMs` is 00:00 UTC of the create's day (operations/context.ts). */
export interface CreateQuota {
  account: string;
  limit: number;
  dayStartMs: number;
}

/** 00:00 UTC of the day holding `ms` (floored, so it is right before 1970 too). */
function utcDayStart(ms: number): number {
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

export class JobStore {
  readonly db: SqliteDatabase;

  /** Set when commits are fsynced in groups (the endpoint's connection): see ./wal-sync.ts. */
  private readonly walSync: WalSync | undefined;
  /** Set with walSync: creates that arrive together share a transaction (./commit-group.ts). */
  private readonly creates: CommitGroup | undefined;
  /** Jobs as last read, while no connection has committed since (./read-cache.ts). */
  private readonly jobs: CommittedReadCache<JobRecord>;

  constructor(
    readonly file: string,
    options: StoreOptions = {},
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // durable: WAL + synchronous=FULL, so an answered CreateJob is on disk before the answer leaves.
    this.db = openDatabase(file, { busyTimeoutMs: BUSY_TIMEOUT_MS, durable: true, foreignKeys: true });
    migrate(this.db);
    this.jobs = new CommittedReadCache(this.db, freezeJob);
    if (options.groupCommit) {
      // The fsync moves from each commit to durable(), which the endpoint awaits before answering.
      this.db.exec('PRAGMA synchronous = NORMAL');
      const changes = this.db.prepare('SELECT total_changes() AS n');
      const walSync = new WalSync(`${file}-wal`, () => Number((changes.get() as { n: number }).n));
      this.walSync = walSync;
      this.creates = new CommitGroup(this.db, () => walSync.sync());
    }
  }

  /**
   * Resolves once every write this connection committed so far is on disk. With group commit, concurrent
   * callers share one fsync; without it, every commit was already synced and this resolves at once.
   */
  async durable(): Promise<void> {
    await this.walSync?.sync();
  }

  close(): void {
    this.jobs.close();
    this.walSync?.close();
    this.db.close();
  }

  private readonly statements = new Map<string, Statement>();

  /** Prepared once per SQL text: preparing is a large part of a small query's cost. */
  private stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * The job as last committed. Shared between callers while nothing changes (./read-cache.ts), so it is
   * frozen: a caller that wants another state asks the store to apply it.
   *
   * @param commitsChecked the request asking has waited for commitsChecked() (true): its read may rely on
   *   that look for other processes' commits (./read-cache.ts). Without it, this read looks itself.
   */
  getJob(id: string, commitsChecked = false): JobRecord | undefined {
    return this.jobs.get(
      id,
      () => {
        const row = this.stmt(`SELECT ${JOB_AS_JSON} AS job FROM jobs WHERE id = ?`).get(id) as
          { job: string } | undefined;
        return row ? recordOf(row.job) : undefined;
      },
      commitsChecked,
    );
  }

  /**
   * Resolves once the store has looked for commits made anywhere (another process's included) after this
   * call; the requests that arrive in one turn of the event loop share the look. Pass the result to getJob.
   */
  commitsChecked(): Promise<boolean> {
    return this.jobs.checkedAfter();
  }

  hasJob(id: string): boolean {
    return this.stmt('SELECT 1 FROM jobs WHERE id = ?').get(id) !== undefined;
  }

  /**
   * Jobs an account created on the UTC day starting at `dayStartMs`: the daily quota's counter row, kept
   * by every insert in the insert's own transaction (migration 2), so the check reads one row.
   */
  createdOnDay(account: string, dayStartMs: number): number {
    const row = this.stmt('SELECT created FROM creates_per_day WHERE account = ? AND day_start = ?').get(
      account,
      dayStartMs,
    ) as { created: number } | undefined;
    return row?.created ?? 0;
  }

  /**
   * Inserts a job under a fresh id, inside one IMMEDIATE transaction with the quota check and count so
   * two writers cannot both take the last slot.
   */
  createJob(build: (id: string) => NewJob, nextId: () => string, quota?: CreateQuota): CreateJobOutcome {
    return this.db.immediate(() => this.createInTransaction(build, nextId, quota));
  }

  /**
   * createJob, resolved once the job is on disk. On the endpoint's connection (group commit) the creates
   * that arrive together share one transaction and one fsync (./commit-group.ts); elsewhere every commit
   * was already synced and this is createJob.
   */
  async createJobDurably(
    build: (id: string) => NewJob,
    nextId: () => string,
    quota?: CreateQuota,
  ): Promise<CreateJobOutcome> {
    if (!this.creates) return this.createJob(build, nextId, quota);
    return this.creates.run(() => this.createInTransaction(build, nextId, quota));
  }

  private createInTransaction(
    build: (id: string) => NewJob,
    nextId: () => string,
    quota: CreateQuota | undefined,
  ): CreateJobOutcome {
    if (quota && this.createdOnDay(quota.account, quota.dayStartMs) >= quota.limit) {
      return { ok: false, reason: 'quota' };
    }
    for (let attempt = 0; attempt < JOB_ID_ATTEMPTS; attempt++) {
      const id = nextId();
      if (this.hasJob(id)) continue;
      const job = build(id);
      const seq = Number(this.insert(job).lastInsertRowid);
      this.countCreate(job.account, utcDayStart(job.createdAt), 1);
      this.recordEvent(id, job.createdAt, 'create', 'NotReceived', 'Pending', null);
      // The row as inserted (the INSERT's defaults), without reading it back.
      const record: JobRecord = {
        id,
        account: job.account,
        type: job.type,
        kind: job.kind,
        manifest: job.manifest,
        deviceId: job.deviceId,
        createdAt: job.createdAt,
        plannedLogBucket: job.plannedLogBucket,
        plannedLogKey: job.plannedLogKey,
        signature: job.signature,
        artifacts: job.artifacts,
        seq,
        updatedAt: job.createdAt,
        location: 'NotReceived',
        progress: 'Pending',
        carrier: null,
        tracking: null,
        errorCount: 0,
        logBucket: null,
        logKey: null,
        canceled: false,
      };
      return { ok: true, job: record };
    }
    return { ok: false, reason: 'no-free-id' };
  }

  /**
   * Inserts many jobs in one transaction with one prepared statement (no events; counted for the quota,
   * not held to it): for benchmarks and fixtures that need 100,000 jobs. Ids must be unique.
   */
  insertJobsBulk(jobs: readonly NewJob[]): void {
    this.db.transaction(() => {
      const perDay = new Map<string, { account: string; dayStartMs: number; n: number }>();
      for (const job of jobs) {
        this.insert(job);
        const dayStartMs = utcDayStart(job.createdAt);
        const key = `${dayStartMs} ${job.account}`;
        const day = perDay.get(key);
        if (day) day.n++;
        else perDay.set(key, { account: job.account, dayStartMs, n: 1 });
      }
      for (const day of perDay.values()) this.countCreate(day.account, day.dayStartMs, day.n);
    });
  }

  private countCreate(account: string, dayStartMs: number, n: number): void {
    this.stmt(
      `INSERT INTO creates_per_day (account, day_start, created) VALUES (?, ?, ?)
         ON CONFLICT (account, day_start) DO UPDATE SET created = created + excluded.created`,
    ).run(account, dayStartMs, n);
  }

  private insert(job: NewJob): RunResult {
    return this.stmt(
      `INSERT INTO jobs (id, account, type, kind, manifest, device_id, created_at, updated_at, location, progress,
           planned_log_bucket, planned_log_key, signature, artifacts)
         VALUES (@id, @account, @type, @kind, @manifest, @deviceId, @createdAt, @createdAt, 'NotReceived', 'Pending',
           @plannedLogBucket, @plannedLogKey, @signature, @artifacts)`,
    ).run({ ...job, artifacts: JSON.stringify(job.artifacts) });
  }

  /**
   * One page of an account's jobs, newest first; ties on created_at are broken by insertion order
   * (newer seq first). `afterId` is exclusive; undefined when that job is not the account's.
   */
  listJobs(account: string, limit: number, afterId?: string): ListPage | undefined {
    let page: string;
    if (afterId === undefined) {
      page = (this.stmt(summaryPageSql('account = ?')).get(account, limit + 1) as { page: string }).page;
    } else {
      const marker = this.stmt('SELECT created_at, seq FROM jobs WHERE id = ? AND account = ?').get(
        afterId,
        account,
      ) as { created_at: number; seq: number } | undefined;
      if (!marker) return undefined;
      page = (
        this.stmt(summaryPageSql('account = ? AND (created_at, seq) < (?, ?)')).get(
          account,
          marker.created_at,
          marker.seq,
          limit + 1,
        ) as { page: string }
      ).page;
    }
    return toListPage(page, limit);
  }

  /**
   * Applies a change only if the job is still in the state the change was decided from, so the
   * endpoint and a dock command in another process cannot overwrite each other. Returns false when
   * the job moved in between (the caller re-reads and decides again).
   */
  applyPatch(
    job: Pick<JobRecord, 'id' | 'location' | 'progress' | 'canceled'>,
    patch: JobPatch,
    atMs: number,
    action: string,
    detail: string | null = null,
  ): boolean {
    return this.db.immediate((): boolean => {
      const sets: string[] = ['updated_at = @at'];
      const values: Record<string, SqlValue> = {
        at: atMs,
        id: job.id,
        fromLocation: job.location,
        fromProgress: job.progress,
        fromCanceled: job.canceled ? 1 : 0,
      };
      const columns: Record<keyof JobPatch, string> = {
        location: 'location',
        progress: 'progress',
        carrier: 'carrier',
        tracking: 'tracking',
        errorCount: 'error_count',
        logBucket: 'log_bucket',
        logKey: 'log_key',
        canceled: 'canceled',
      };
      for (const key of Object.keys(patch) as (keyof JobPatch)[]) {
        const value = patch[key];
        if (value === undefined) continue;
        sets.push(`${columns[key]} = @${key}`);
        values[key] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      }
      const result = this.stmt(
        `UPDATE jobs SET ${sets.join(', ')}
           WHERE id = @id AND location = @fromLocation AND progress = @fromProgress AND canceled = @fromCanceled`,
      ).run(values);
      if (result.changes !== 1) return false;
      this.recordEvent(
        job.id,
        atMs,
        action,
        patch.location ?? job.location,
        patch.progress ?? job.progress,
        detail,
      );
      return true;
    });
  }

  /** Replaces the manifest (UpdateJob) if the job is still in the state the caller checked. */
  replaceManifest(
    job: Pick<JobRecord, 'id' | 'location' | 'progress' | 'canceled'>,
    next: ManifestReplacement,
    atMs: number,
  ): boolean {
    return this.db.immediate((): boolean => {
      const result = this.stmt(
        `UPDATE jobs SET manifest = @manifest, kind = @kind, device_id = @deviceId,
             planned_log_bucket = @plannedLogBucket, planned_log_key = @plannedLogKey, signature = @signature,
             artifacts = @artifacts, updated_at = @at
           WHERE id = @id AND location = @fromLocation AND progress = @fromProgress AND canceled = @fromCanceled`,
      ).run({
        ...next,
        artifacts: JSON.stringify(next.artifacts),
        at: atMs,
        id: job.id,
        fromLocation: job.location,
        fromProgress: job.progress,
        fromCanceled: job.canceled ? 1 : 0,
      });
      if (result.changes !== 1) return false;
      this.recordEvent(job.id, atMs, 'update-manifest', job.location, job.progress, null);
      return true;
    });
  }

  private recordEvent(
    jobId: string,
    atMs: number,
    action: string,
    location: LocationCode,
    progress: ProgressCode,
    detail: string | null,
  ): void {
    this.stmt(
      'INSERT INTO job_events (job_id, at, action, location, progress, detail) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(jobId, atMs, action, location, progress, detail);
  }

  events(jobId: string): JobEvent[] {
    return this.stmt(
      'SELECT at, action, location, progress, detail FROM job_events WHERE job_id = ? ORDER BY id',
    ).all<JobEvent>(jobId);
  }

  insertLabel(label: LabelRecord): void {
    this.stmt(
      'INSERT INTO labels (id, account, job_ids, address, tracking, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      label.id,
      label.account,
      JSON.stringify(label.jobIds),
      JSON.stringify(label.address),
      label.tracking,
      label.createdAt,
    );
  }

  getLabel(id: string): LabelRecord | undefined {
    const row = this.stmt('SELECT * FROM labels WHERE id = ?').get(id) as
      | {
          id: string;
          account: string;
          job_ids: string;
          address: string;
          tracking: string;
          created_at: number;
        }
      | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      account: row.account,
      jobIds: JSON.parse(row.job_ids) as string[],
      address: JSON.parse(row.address) as Record<string, string>,
      tracking: row.tracking,
      createdAt: row.created_at,
    };
  }
}

function freezeJob(job: JobRecord): JobRecord {
  for (const artifact of job.artifacts) Object.freeze(artifact);
  Object.freeze(job.artifacts);
  return Object.freeze(job);
}

function migrate(db: SqliteDatabase): void {
  db.migrate(
    MIGRATIONS,
    (version) =>
      new Error(
        `${db.file} has schema version ${version}, newer than this Dockhand knows (${MIGRATIONS.length}); ` +
          'upgrade Dockhand or use another --data-dir',
      ),
  );
}

export interface StoreOptions {
  /**
   * Commit without an fsync each and fsync the WAL in groups through durable() (the endpoint, which awaits
   * it before every answer). Off for every other opener: their commits stay synced one by one.
   */
  groupCommit?: boolean;
}

export function openStore(dataDir: string, options: StoreOptions = {}): JobStore {
  return new JobStore(path.join(dataDir, STORE_FILE_NAME), options);
}
