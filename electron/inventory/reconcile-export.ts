/** Checking a returned export device against the export log (functional core). */
import type { LogRow } from '../protocol/log-report';
import { logPath } from './reconcile';

export type ExportProblem =
  | { kind: 'missing'; path: string; key: string }
  | { kind: 'size-mismatch'; path: string; key: string; logged: number; found: number }
  | { kind: 'md5-mismatch'; path: string; key: string; logged: string; found: string };

export interface ExportCheck {
  /** Logged as written (status 200) and checked. */
  checked: number;
  /** Rows the service logged as not written (status ≥ 400): nothing to check on the device. */
  notWritten: number;
  problems: ExportProblem[];
}

export function checkExport(
  rows: readonly LogRow[],
  observed: ReadonlyMap<string, { size: number; md5: string } | undefined>,
): ExportCheck {
  const problems: ExportProblem[] = [];
  let checked = 0;
  let notWritten = 0;
  for (const row of rows) {
    if (row.status >= 400 || row.status < 200) {
      notWritten++;
      continue;
    }
    checked++;
    const p = logPath(row.file);
    const found = observed.get(p);
    if (found === undefined) problems.push({ kind: 'missing', path: p, key: row.key });
    else if (found.size !== row.bytes) {
      problems.push({ kind: 'size-mismatch', path: p, key: row.key, logged: row.bytes, found: found.size });
    } else if (row.md5 !== '' && found.md5 !== row.md5.toLowerCase()) {
      problems.push({ kind: 'md5-mismatch', path: p, key: row.key, logged: row.md5, found: found.md5 });
    }
  }
  return { checked, notWritten, problems };
}
