/**
 * Reconciling 100,000 log rows (parse the CSV with protocol/log-report, Map by path, compare with the
 * inventory) against the anchor: a plain `split('\n')` + `split(',')` loop over the same CSV that only
 * counts 200 rows (no quoting, no comparison), in the same run. Ratio = reconcile time / anchor time.
 *
 * Run: node build/run-ts.js test/bench/reconcile.ts
 */
import { reconcile } from '../../electron/inventory/reconcile';
import type { InventoryEntry } from '../../electron/inventory/types';
import { formatLogReport, parseLogReport, type LogRow } from '../../electron/protocol/log-report';

const ROWS = 100_000;
const ROUNDS = 5;

const entries: InventoryEntry[] = [];
const rows: LogRow[] = [];
for (let i = 0; i < ROWS; i++) {
  const p = `dir${i % 300}/sub${i % 7}/file-${i}.dat`;
  const md5 = (i * 2654435761).toString(16).padStart(32, '0').slice(-32);
  entries.push({ path: p, size: i, md5, mtimeMs: 0, imported: true });
  rows.push({
    dateTime: 'Tue 03 Feb 2009 21:57:43 GMT',
    file: p,
    status: 200,
    code: 'OK',
    key: `b/${p}`,
    md5,
    bytes: i,
    contentType: 'binary/octet-stream',
  });
}
rows.reverse(); // the log's order need not be the inventory's
const csv = formatLogReport(rows);

function anchor(): number {
  let ok = 0;
  for (const line of csv.split('\n')) {
    const f = line.split(',');
    if (f[2] === '200') ok++;
  }
  return ok;
}

function ours(): number {
  return reconcile({ entries }, parseLogReport(csv)).summary.files.imported;
}

function best(fn: () => number): number {
  let min = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    if (fn() !== ROWS) throw new Error('wrong count');
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const anchorMs = best(anchor);
const oursMs = best(ours);
console.log(
  [
    `| ${ROWS.toLocaleString('en')} rows | ms (best of ${ROUNDS}) | ratio to anchor |`,
    '| --- | ---: | ---: |',
    `| anchor: split('\\n') loop | ${anchorMs.toFixed(1)} | 1.00 |`,
    `| parseLogReport + reconcile | ${oursMs.toFixed(1)} | ${(oursMs / anchorMs).toFixed(2)} |`,
  ].join('\n'),
);
