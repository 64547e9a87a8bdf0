/**
 * Reconciliation (functional core): the inventory taken before shipping against the service's import log.
 * Every inventory file and every log row ends in exactly one outcome; Maps by path keep 100,000 rows linear.
 */
import { LOG_STATUS, type LogRow } from '../protocol/log-report';
import type { Inventory, InventoryEntry } from './types';

export type SkipWhy =
  'signature-file' | 'ignored' | 'file-too-large' | 'name-not-utf8' | 'key-too-long' | 'other';

export type Outcome =
  | { kind: 'imported'; path: string; bytes: number; key: string; md5: string }
  | { kind: 'skipped'; path: string; bytes: number; why: SkipWhy; status: number; code: string }
  | { kind: 'failed'; path: string; bytes: number; status: number; code: string }
  | { kind: 'missing-from-log'; path: string; bytes: number }
  | {
      kind: 'md5-mismatch';
      path: string;
      bytes: number;
      inventoryMd5: string;
      loggedMd5: string;
      key: string;
    }
  | { kind: 'unexpected'; path: string; bytes: number; status: number; code: string };

export type OutcomeKind = Outcome['kind'];
export const OUTCOME_KINDS: readonly OutcomeKind[] = [
  'imported',
  'skipped',
  'failed',
  'missing-from-log',
  'md5-mismatch',
  'unexpected',
];

export interface ReconcileSummary {
  files: Record<OutcomeKind, number>;
  bytes: Record<OutcomeKind, number>;
  /** Inventory files plus unexpected log rows: every one is in exactly one outcome. */
  total: number;
  /** Outcomes someone should look at: failed, missing-from-log, md5-mismatch, unexpected. */
  discrepancies: number;
}

export interface Reconciliation {
  outcomes: Outcome[];
  summary: ReconcileSummary;
}

/** The outcomes that mean something did not arrive as prepared. */
export function isDiscrepancy(kind: OutcomeKind): boolean {
  switch (kind) {
    case 'imported':
    case 'skipped':
      return false;
    case 'failed':
    case 'missing-from-log':
    case 'md5-mismatch':
    case 'unexpected':
      return true;
    default: {
      const never: never = kind;
      throw new Error(`unknown outcome ${String(never)}`);
    }
  }
}

/** Why a row with a 1xx status was skipped, from its code (our LOG_STATUS codes and the DG's 103 Ignored). */
export function skipWhy(row: Pick<LogRow, 'file' | 'code'>): SkipWhy {
  switch (row.code) {
    case LOG_STATUS.ignored.code:
      return row.file === 'SIGNATURE' ? 'signature-file' : 'ignored';
    case LOG_STATUS.tooLarge.code:
      return 'file-too-large';
    case LOG_STATUS.invalidName.code:
      return 'name-not-utf8';
    case LOG_STATUS.keyTooLong.code:
      return 'key-too-long';
    default:
      return 'other';
  }
}

/** The DG's column says `/images/image.jpg`, its sample rows `Notice.txt`: compare without a leading slash. */
export function logPath(file: string): string {
  return file.startsWith('/') ? file.slice(1) : file;
}

function outcomeFor(entry: InventoryEntry, row: LogRow | undefined): Outcome {
  const base = { path: entry.path, bytes: entry.size };
  if (row === undefined) return { kind: 'missing-from-log', ...base };
  if (row.status >= 400) return { kind: 'failed', ...base, status: row.status, code: row.code };
  if (row.status < 200)
    return { kind: 'skipped', ...base, why: skipWhy(row), status: row.status, code: row.code };
  const logged = row.md5.toLowerCase();
  if (entry.md5 !== null && logged !== '' && entry.md5.toLowerCase() !== logged) {
    return { kind: 'md5-mismatch', ...base, inventoryMd5: entry.md5, loggedMd5: logged, key: row.key };
  }
  return { kind: 'imported', ...base, key: row.key, md5: logged || (entry.md5 ?? '') };
}

export function reconcile(inventory: Pick<Inventory, 'entries'>, rows: readonly LogRow[]): Reconciliation {
  const byPath = new Map<string, LogRow>();
  // A path logged twice (a retried file): the last row is the outcome.
  for (const row of rows) byPath.set(logPath(row.file), row);
  const outcomes: Outcome[] = [];
  const seen = new Set<string>();
  for (const entry of inventory.entries) {
    outcomes.push(outcomeFor(entry, byPath.get(entry.path)));
    seen.add(entry.path);
  }
  for (const [path, row] of byPath) {
    if (!seen.has(path)) {
      outcomes.push({ kind: 'unexpected', path, bytes: row.bytes, status: row.status, code: row.code });
    }
  }
  return { outcomes, summary: summarize(outcomes) };
}

export function summarize(outcomes: readonly Outcome[]): ReconcileSummary {
  const zero = (): Record<OutcomeKind, number> =>
    Object.fromEntries(OUTCOME_KINDS.map((k) => [k, 0])) as Record<OutcomeKind, number>;
  const files = zero();
  const bytes = zero();
  let discrepancies = 0;
  for (const o of outcomes) {
    files[o.kind]++;
    bytes[o.kind] += o.bytes;
    if (isDiscrepancy(o.kind)) discrepancies++;
  }
  return { files, bytes, total: outcomes.length, discrepancies };
}

/** One line per outcome worth a person's attention (skips included: they explain what is not in the bucket). */
export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'imported':
      return `${o.path}: imported as ${o.key}`;
    case 'skipped':
      return `${o.path}: skipped (${o.why}, ${o.status} ${o.code})`;
    case 'failed':
      return `${o.path}: failed (${o.status} ${o.code})`;
    case 'missing-from-log':
      return `${o.path}: not in the log (the service never saw it; was it removed after the inventory?)`;
    case 'md5-mismatch':
      return `${o.path}: MD5 ${o.loggedMd5} at the service, ${o.inventoryMd5} in the inventory (changed after the inventory)`;
    case 'unexpected':
      return `${o.path}: in the log (${o.status} ${o.code}) but not in the inventory (added after the inventory)`;
    default: {
      const never: never = o;
      throw new Error(`unknown outcome ${String(never)}`);
    }
  }
}
