/**
 * How a reconciliation reads on the dashboard: the outcome names, why a file was skipped in words, and the
 * table's filter and order (discrepancies first). Pure, so it is tested without a DOM.
 */
import type { ReconciliationView } from '../../../electron/shared/contract';

export type ReconcileOutcome = ReconciliationView['outcomes'][number];
export type OutcomeKind = ReconcileOutcome['kind'];
type SkipWhy = Extract<ReconcileOutcome, { kind: 'skipped' }>['why'];

/** The summary's order: what arrived, what was left out on purpose, then what needs a look. */
export const OUTCOME_ORDER: readonly OutcomeKind[] = [
  'imported',
  'skipped',
  'failed',
  'missing-from-log',
  'md5-mismatch',
  'unexpected',
];

export function isDiscrepancy(kind: OutcomeKind): boolean {
  return kind !== 'imported' && kind !== 'skipped';
}

export function outcomeLabel(kind: OutcomeKind): string {
  switch (kind) {
    case 'imported':
      return 'Imported';
    case 'skipped':
      return 'Skipped';
    case 'failed':
      return 'Failed';
    case 'missing-from-log':
      return 'Missing from log';
    case 'md5-mismatch':
      return 'MD5 mismatch';
    case 'unexpected':
      return 'Unexpected';
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

export function skipWhyText(why: SkipWhy): string {
  switch (why) {
    case 'signature-file':
      return 'the SIGNATURE file (never imported)';
    case 'ignored':
      return 'matched an ignore rule';
    case 'file-too-large':
      return 'larger than 5 TB';
    case 'name-not-utf8':
      return 'name is not valid UTF-8';
    case 'key-too-long':
      return 'S3 key over 1024 bytes';
    case 'other':
      return 'skipped by the service';
    default: {
      const never: never = why;
      return String(never);
    }
  }
}

/** One sentence for the table's "What happened" column. */
export function outcomeDetail(o: ReconcileOutcome): string {
  switch (o.kind) {
    case 'imported':
      return `Imported as ${o.key}`;
    case 'skipped':
      return `${skipWhyText(o.why)} (${o.status} ${o.code})`;
    case 'failed':
      return `Failed at the service (${o.status} ${o.code}); copy it to S3 yourself or ship it again`;
    case 'missing-from-log':
      return 'Not in the log: the service never saw it (was it removed after the inventory?)';
    case 'md5-mismatch':
      return `MD5 ${o.loggedMd5} at the service, ${o.inventoryMd5} in the inventory: changed after the inventory`;
    case 'unexpected':
      return `In the log (${o.status} ${o.code}) but not in the inventory: added after the inventory`;
    default: {
      const never: never = o;
      return String(never);
    }
  }
}

/** Skips counted by reason, most first, for the summary's "skipped (why)". */
export function skipsByWhy(outcomes: readonly ReconcileOutcome[]): Array<{ why: SkipWhy; files: number }> {
  const counts = new Map<SkipWhy, number>();
  for (const o of outcomes) if (o.kind === 'skipped') counts.set(o.why, (counts.get(o.why) ?? 0) + 1);
  return [...counts].map(([why, files]) => ({ why, files })).sort((a, b) => b.files - a.files);
}

export type OutcomeFilter = 'all' | 'discrepancies' | OutcomeKind;

export function filterLabel(f: OutcomeFilter): string {
  if (f === 'all') return 'All files (discrepancies first)';
  if (f === 'discrepancies') return 'Only discrepancies';
  return outcomeLabel(f);
}

/** Discrepancies first (in OUTCOME_ORDER), then skipped, then imported; by path within a kind. */
export function rankOf(kind: OutcomeKind): number {
  if (isDiscrepancy(kind)) return OUTCOME_ORDER.indexOf(kind) - OUTCOME_ORDER.length;
  return kind === 'skipped' ? 0 : 1;
}

export function visibleOutcomes(
  outcomes: readonly ReconcileOutcome[],
  filter: OutcomeFilter,
  search = '',
): ReconcileOutcome[] {
  const needle = search.trim().toLowerCase();
  return outcomes
    .filter((o) =>
      filter === 'all' ? true : filter === 'discrepancies' ? isDiscrepancy(o.kind) : o.kind === filter,
    )
    .filter((o) => needle === '' || o.path.toLowerCase().includes(needle))
    .sort((a, b) => rankOf(a.kind) - rankOf(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
