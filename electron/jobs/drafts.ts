/**
 * Wizard drafts: one row per preparation in the journal's SQLite file (table `drafts`, migration 3 in
 * journal.ts), so a reload, a visit to Jobs or Settings, or a restart of the app brings the person back to
 * where they were. Each station tab prepares its own drive under its own draft id, so two tabs never
 * overwrite each other.
 *
 * Drafts are not scoped by endpoint (unlike jobs): changing the endpoint in Settings mid-preparation must not
 * lose the form. The state is JSON, read back whole and validated by the contract's schema on the way in.
 */
import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../sqlite/index';
import { redactManifest } from './redact-manifest';
import { openJournalDatabase } from './journal';
import { wizardDraftSchema, type WizardDraft } from '../shared/contract';

export interface StoredDraft {
  draftId: string;
  endpoint: string | null;
  jobId: string | null;
  createdAt: string;
  updatedAt: string;
  inventoryRunId: string | null;
  draft: WizardDraft;
}

/** Drafts not touched for this long are dropped when the list is read: a preparation abandoned a month ago. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

type Row = Record<string, unknown>;

export class DraftStore {
  private readonly now: () => Date;

  constructor(
    private readonly db: SqliteDatabase,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  /** A fresh id for a preparation that has none yet. */
  static newId(): string {
    return randomUUID();
  }

  /**
   * Saves the whole state; a YAML source is stored with manifest secrets redacted (the person types them
   * again after a restart rather than have them sit in a file).
   */
  save(
    draftId: string,
    draft: WizardDraft,
    extra: { endpoint?: string; inventoryRunId?: string | null } = {},
  ): { draftId: string; updatedAt: string } {
    const at = this.now().toISOString();
    const stored: WizardDraft =
      draft.source.mode === 'yaml'
        ? { ...draft, source: { mode: 'yaml', text: redactManifest(draft.source.text) } }
        : draft;
    this.db
      .prepare(
        `INSERT INTO drafts (draft_id, endpoint, job_id, created_at, updated_at, inventory_run_id, state)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (draft_id) DO UPDATE SET
           endpoint = COALESCE(excluded.endpoint, endpoint),
           job_id = excluded.job_id,
           updated_at = excluded.updated_at,
           inventory_run_id = excluded.inventory_run_id,
           state = excluded.state`,
      )
      .run(
        draftId,
        extra.endpoint ?? null,
        draft.created?.jobId ?? null,
        at,
        at,
        extra.inventoryRunId ?? null,
        JSON.stringify(stored),
      );
    return { draftId, updatedAt: at };
  }

  load(draftId: string): StoredDraft | undefined {
    const row = this.db.prepare(`SELECT * FROM drafts WHERE draft_id = ?`).get(draftId) as Row | undefined;
    return row ? this.fromRow(row) : undefined;
  }

  /** The newest draft that prepares this job, if any. */
  forJob(jobId: string): StoredDraft | undefined {
    const row = this.db
      .prepare(`SELECT * FROM drafts WHERE job_id = ? ORDER BY updated_at DESC, id DESC LIMIT 1`)
      .get(jobId) as Row | undefined;
    return row ? this.fromRow(row) : undefined;
  }

  /** Open drafts, newest first; drafts older than DRAFT_MAX_AGE_MS are dropped on the way. */
  list(): Array<StoredDraft> {
    const cutoff = new Date(this.now().getTime() - DRAFT_MAX_AGE_MS).toISOString();
    this.db.prepare(`DELETE FROM drafts WHERE updated_at < ?`).run(cutoff);
    const rows = this.db.prepare(`SELECT * FROM drafts ORDER BY updated_at DESC, id DESC`).all() as Row[];
    return rows.map((r) => this.fromRow(r)).filter((d): d is StoredDraft => d !== undefined);
  }

  discard(draftId: string): boolean {
    return this.db.prepare(`DELETE FROM drafts WHERE draft_id = ?`).run(draftId).changes > 0;
  }

  private fromRow(row: Row): StoredDraft | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(row.state));
    } catch {
      return undefined;
    }
    // A row an older or newer Dockhand wrote in another shape is treated as absent, never thrown.
    const checked = wizardDraftSchema.safeParse(parsed);
    if (!checked.success) return undefined;
    return {
      draftId: String(row.draft_id),
      endpoint: (row.endpoint as string | null) ?? null,
      jobId: (row.job_id as string | null) ?? null,
      createdAt: String(row.created_at),
      updatedAt: String(row.updated_at),
      inventoryRunId: (row.inventory_run_id as string | null) ?? null,
      draft: checked.data,
    };
  }
}

/** Opens the drafts in the journal file (migrating it if needed); close() when done. */
export function openDrafts(file: string, now?: () => Date): { store: DraftStore; close(): void } {
  const db = openJournalDatabase(file);
  return { store: new DraftStore(db, now), close: () => db.close() };
}
