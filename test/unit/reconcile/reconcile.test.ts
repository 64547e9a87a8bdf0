import { describe, expect, it } from 'vitest';
import { reconcile, upgradeOutcomes, type Outcome } from '../../../electron/inventory/reconcile';
import { filterOutcomes, sortForDisplay } from '../../../electron/inventory/reconcile-order';
import { checkExport } from '../../../electron/inventory/reconcile-export';
import type { LogRow } from '../../../electron/protocol/log-report';
import type { InventoryEntry } from '../../../electron/inventory/types';

const entry = (path: string, md5: string | null, size = 10): InventoryEntry => ({
  path,
  md5,
  size,
  mtimeMs: 0,
  imported: md5 !== null,
});
const row = (file: string, status: number, code: string, md5 = '', bytes = 10): LogRow => ({
  dateTime: 'Tue 03 Feb 2009 21:57:43 GMT',
  file,
  status,
  code,
  key: status === 200 ? `b/${file}` : '',
  md5,
  bytes,
  contentType: '',
});

describe('reconcile', () => {
  it('gives every file and every row exactly one outcome', () => {
    const inventory = {
      entries: [
        entry('SIGNATURE', null, 90),
        entry('a.txt', 'aa'),
        entry('b.txt', 'bb'),
        entry('c.swp', null),
        entry('d.txt', 'dd'),
        entry('e.txt', 'ee'),
        entry('big.bin', null),
        entry('x\uFFFD', null),
      ],
    };
    const rows = [
      row('SIGNATURE', 103, 'Ignored', '', 90),
      row('/a.txt', 200, 'OK', 'AA'),
      row('b.txt', 200, 'OK', 'b2'),
      row('c.swp', 103, 'Ignored'),
      row('d.txt', 500, 'InternalError'),
      row('big.bin', 104, 'FileTooLarge'),
      row('x\uFFFD', 105, 'InvalidFileName'),
      row('new.txt', 200, 'OK', 'nn', 7),
    ];
    const { outcomes, summary } = reconcile(inventory, rows);
    expect(
      Object.fromEntries(
        outcomes.map((o) => [
          o.path,
          o.kind === 'skipped' || o.kind === 'not-imported' ? `${o.kind}:${o.why}` : o.kind,
        ]),
      ),
    ).toEqual({
      SIGNATURE: 'skipped:signature-file',
      'a.txt': 'imported',
      'b.txt': 'md5-mismatch',
      'c.swp': 'skipped:ignored',
      'd.txt': 'failed',
      'e.txt': 'missing-from-log',
      'big.bin': 'not-imported:file-too-large',
      'x\uFFFD': 'not-imported:name-not-utf8',
      'new.txt': 'unexpected',
    });
    // A file of the person's that is not in the bucket is a discrepancy unless their ignore rules skipped it.
    expect(summary).toMatchObject({ total: 9, discrepancies: 6 });
    expect(summary.bytes.unexpected).toBe(7);
    expect(summary.bytes.skipped).toBe(100);
    expect(summary.files['not-imported']).toBe(2);
  });

  it("calls a 103 Ignored a loss when no ignore rule of the person's matched the file", () => {
    const entries = [
      { ...entry('kept.txt', 'kk'), imported: true },
      { ...entry('notes.swp', null), skipped: 'ignored' as const },
    ];
    const { outcomes } = reconcile({ entries }, [
      row('kept.txt', 103, 'Ignored'),
      row('notes.swp', 103, 'Ignored'),
    ]);
    expect(outcomes.map((o) => [o.path, o.kind])).toEqual([
      ['kept.txt', 'not-imported'],
      ['notes.swp', 'skipped'],
    ]);
  });

  it('reads reconciliations saved before "not imported" existed as they are reconciled now', () => {
    const legacy = [
      {
        kind: 'skipped',
        path: 'caf\uFFFD',
        bytes: 1,
        why: 'name-not-utf8',
        status: 105,
        code: 'InvalidFileName',
      },
      { kind: 'skipped', path: 'a.swp', bytes: 1, why: 'ignored', status: 103, code: 'Ignored' },
    ] as unknown as Outcome[];
    const { outcomes, changed } = upgradeOutcomes(legacy);
    expect(changed).toBe(true);
    expect(outcomes.map((o) => o.kind)).toEqual(['not-imported', 'skipped']);
  });

  it('reconciles 100,000 rows in well under a second', () => {
    const n = 100_000;
    const entries = Array.from({ length: n }, (_, i) => entry(`d${i % 100}/f${i}`, `m${i}`));
    const rows = entries.map((e) => row(e.path, 200, 'OK', e.md5 ?? ''));
    const t0 = performance.now();
    const { summary } = reconcile({ entries }, rows.reverse());
    expect(summary.files.imported).toBe(n);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('display order', () => {
  it('puts failures and files not in the bucket first, then what changed, then skips and imports', () => {
    const outcomes: Outcome[] = [
      { kind: 'imported', path: 'a', bytes: 1, key: 'a', md5: '' },
      { kind: 'skipped', path: 'b', bytes: 1, why: 'ignored', status: 103, code: 'Ignored' },
      { kind: 'unexpected', path: 'c', bytes: 1, status: 200, code: 'OK' },
      {
        kind: 'not-imported',
        path: 'd',
        bytes: 1,
        why: 'key-too-long',
        status: 400,
        code: 'KeyTooLongError',
      },
      { kind: 'failed', path: 'e', bytes: 1, status: 500, code: 'InternalError' },
      { kind: 'missing-from-log', path: 'f', bytes: 1 },
    ];
    const sorted = sortForDisplay(outcomes);
    expect(sorted.map((o) => o.path)).toEqual(['e', 'd', 'f', 'c', 'b', 'a']);
    expect(sortForDisplay(sorted)).toBe(sorted); // already in order: no copy, no sort
    expect(filterOutcomes(sorted, 'discrepancies').map((o) => o.path)).toEqual(['e', 'd', 'f', 'c']);
    expect(filterOutcomes(sorted, 'all', 'D').map((o) => o.path)).toEqual(['d']);
  });
});

describe('checkExport', () => {
  it('names missing, resized and changed files', () => {
    const rows = [
      row('b/a', 200, 'OK', 'aa', 1),
      row('b/b', 200, 'OK', 'bb', 2),
      row('b/c', 200, 'OK', 'cc', 3),
      row('b/d', 500, 'WriteFailed'),
    ];
    const observed = new Map([
      ['b/a', { size: 1, md5: 'aa' }],
      ['b/b', { size: 5, md5: 'bb' }],
      ['b/c', { size: 3, md5: 'zz' }],
    ]);
    const check = checkExport([...rows, row('b/e', 200, 'OK', 'ee', 1)], observed);
    expect(check.checked).toBe(4);
    expect(check.notWritten).toBe(1);
    expect(check.problems.map((p) => `${p.kind}:${p.path}`)).toEqual([
      'size-mismatch:b/b',
      'md5-mismatch:b/c',
      'missing:b/e',
    ]);
  });
});
