/**
 * Reconciliations held in the privileged process and handed to the window one page at a time: 100,000
 * outcomes are megabytes of JSON, so the window asks only for the rows it shows. The latest few jobs are
 * kept sorted in memory, with the last filter's result, so scrolling and paging cost a slice.
 */
import { countByWhy, filterOutcomes, sortForDisplay, type OutcomeFilter } from '../inventory/reconcile-order';
import type { Outcome, ReconcileSummary } from '../inventory/reconcile';
import { DEFAULT_RECONCILE_PAGE, type ReconciliationView } from './contract';

/** Jobs whose reconciliation stays in memory (each 100,000-file job is tens of MB of objects). */
export const RECONCILE_CACHE_JOBS = 2;

export interface HeldReconciliation {
  jobId: string;
  reconciledAt: string;
  logBucket: string;
  logKey: string;
  summary: ReconcileSummary;
  /** In display order. */
  sorted: readonly Outcome[];
  counts: ReturnType<typeof countByWhy>;
  lastQuery?: { key: string; matching: readonly Outcome[] };
}

export interface PageQuery {
  filter?: OutcomeFilter | undefined;
  search?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export class ReconcilePages {
  private readonly held = new Map<string, HeldReconciliation>();

  get(key: string): HeldReconciliation | undefined {
    const h = this.held.get(key);
    if (h) {
      // Most recently used last: Map keeps insertion order.
      this.held.delete(key);
      this.held.set(key, h);
    }
    return h;
  }

  hold(
    key: string,
    rec: Omit<HeldReconciliation, 'sorted' | 'counts' | 'lastQuery'> & { outcomes: readonly Outcome[] },
  ): HeldReconciliation {
    const sorted = sortForDisplay(rec.outcomes);
    const h: HeldReconciliation = {
      jobId: rec.jobId,
      reconciledAt: rec.reconciledAt,
      logBucket: rec.logBucket,
      logKey: rec.logKey,
      summary: rec.summary,
      sorted,
      counts: countByWhy(sorted),
    };
    this.held.delete(key);
    this.held.set(key, h);
    while (this.held.size > RECONCILE_CACHE_JOBS) {
      const oldest = this.held.keys().next().value as string;
      this.held.delete(oldest);
    }
    return h;
  }

  clear(): void {
    this.held.clear();
  }
}

/** One answer of jobs.reconcile: the summary and the page the query asks for. */
export function pageOf(h: HeldReconciliation, q: PageQuery, saved: boolean): ReconciliationView {
  const filter = q.filter ?? 'all';
  const search = q.search ?? '';
  const key = `${filter}\u0000${search.trim().toLowerCase()}`;
  let matching: readonly Outcome[];
  if (h.lastQuery?.key === key) matching = h.lastQuery.matching;
  else {
    matching = filterOutcomes(h.sorted, filter, search);
    h.lastQuery = { key, matching };
  }
  const offset = Math.min(q.offset ?? 0, matching.length);
  const limit = q.limit ?? DEFAULT_RECONCILE_PAGE;
  return {
    jobId: h.jobId,
    reconciledAt: h.reconciledAt,
    logBucket: h.logBucket,
    logKey: h.logKey,
    saved,
    summary: h.summary,
    skipped: h.counts.skipped,
    notImported: h.counts.notImported,
    matching: matching.length,
    offset,
    outcomes: matching.slice(offset, offset + limit),
  };
}
