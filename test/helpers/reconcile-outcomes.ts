/** Reconciliation outcomes at the scale of a real import, shared by the dashboard e2e and its bench. */
import type { Outcome } from '../../electron/inventory/reconcile';

/** 100,000 outcomes as a real import's: nearly all imported, a few of every discrepancy among them. */
export function manyOutcomes(n: number): Outcome[] {
  const out: Outcome[] = [];
  for (let i = 0; i < n; i++) {
    const p = `archive/${String(i % 500).padStart(3, '0')}/scan-${String(i).padStart(6, '0')}.tif`;
    if (i % 20_000 === 7)
      out.push({ kind: 'failed', path: p, bytes: 4096, status: 500, code: 'InternalError' });
    else if (i % 25_000 === 11)
      out.push({
        kind: 'not-imported',
        path: p,
        bytes: 10,
        why: 'key-too-long',
        status: 400,
        code: 'KeyTooLongError',
      });
    else
      out.push({
        kind: 'imported',
        path: p,
        bytes: 4096 + (i % 977),
        key: `scans/${p}`,
        md5: 'd41d8cd98f00b204e9800998ecf8427e',
      });
  }
  return out;
}
