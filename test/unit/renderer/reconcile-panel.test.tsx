// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconciliationView } from '../../../electron/shared/contract';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { JobsDashboard } from '../../../renderer/src/jobs/JobsDashboard';
import { visibleOutcomes } from '../../../renderer/src/jobs/reconcile-view';
import { FakeError, fakeClient } from './fake-client';
import { jobDetail, jobRow } from './fixtures';

afterEach(cleanup);

const DONE = jobRow({
  jobId: 'DONEJ',
  location: 'AtAWS',
  progress: 'SuccessWithErrors',
  expiresAt: null,
  canUpdateOrCancel: false,
});

const OUTCOMES: ReconciliationView['outcomes'] = [
  { kind: 'imported', path: 'a/photo.jpg', bytes: 2000, key: 'e2e/a/photo.jpg', md5: 'aa' },
  { kind: 'imported', path: 'b.txt', bytes: 10, key: 'e2e/b.txt', md5: 'bb' },
  { kind: 'skipped', path: 'SIGNATURE', bytes: 300, why: 'signature-file', status: 103, code: 'Ignored' },
  { kind: 'skipped', path: 'cache/x.tmp', bytes: 5, why: 'ignored', status: 103, code: 'Ignored' },
  { kind: 'skipped', path: 'cache/y.tmp', bytes: 5, why: 'ignored', status: 103, code: 'Ignored' },
  { kind: 'failed', path: 'broken.bin', bytes: 70, status: 500, code: 'InternalError' },
  { kind: 'missing-from-log', path: 'gone.txt', bytes: 3 },
  { kind: 'md5-mismatch', path: 'changed.txt', bytes: 4, inventoryMd5: '11', loggedMd5: '22', key: 'k' },
  { kind: 'unexpected', path: 'late.txt', bytes: 9, status: 200, code: 'OK' },
];

const VIEW: ReconciliationView = {
  jobId: 'DONEJ',
  reconciledAt: '2026-11-20T10:00:00.000Z',
  logBucket: 'logs',
  logKey: 'DONEJ-log.txt',
  saved: false,
  summary: {
    files: {
      imported: 2,
      skipped: 3,
      failed: 1,
      'missing-from-log': 1,
      'md5-mismatch': 1,
      unexpected: 1,
    },
    bytes: {
      imported: 2010,
      skipped: 310,
      failed: 70,
      'missing-from-log': 3,
      'md5-mismatch': 4,
      unexpected: 9,
    },
    total: 9,
    discrepancies: 4,
  },
  outcomes: OUTCOMES,
};

function setup(reconcile: () => ReconciliationView) {
  const client = fakeClient({
    'jobs.list': () => [DONE],
    'jobs.status': () => jobDetail({ ...DONE }),
    'jobs.reconcile': reconcile,
  });
  render(
    <ClientContext.Provider value={client}>
      <JobsDashboard />
    </ClientContext.Provider>,
  );
  return client;
}

const fileRows = () =>
  within(screen.getByRole('table', { name: 'Files, discrepancies first' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('rowheader')[0]?.textContent);

describe('Jobs dashboard: reconciliation of a finished import', () => {
  it('shows the counts by outcome, skips with why, and the files with discrepancies first', async () => {
    const user = userEvent.setup();
    setup(() => VIEW);
    await user.click(await screen.findByRole('button', { name: 'DONEJ' }));
    expect(await screen.findByText('4 of 9 files need a look.')).toBeTruthy();
    const summary = screen.getByRole('table', { name: 'Files by outcome' });
    const count = (name: RegExp) =>
      within(within(summary).getByRole('rowheader', { name }).closest('tr') as HTMLElement).getAllByRole(
        'cell',
      )[0]?.textContent;
    expect(count(/^Imported/)).toBe('2');
    expect(count(/^Skipped/)).toBe('3');
    expect(count(/^Failed/)).toBe('1');
    expect(count(/^Missing from log/)).toBe('1');
    expect(count(/^MD5 mismatch/)).toBe('1');
    expect(count(/^Unexpected/)).toBe('1');
    // Each reason for skipping on its own line.
    const reasons = within(summary)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(reasons).toEqual(['2 × matched an ignore rule', '1 × the SIGNATURE file (never imported)']);

    expect(fileRows()).toEqual([
      'broken.bin',
      'gone.txt',
      'changed.txt',
      'late.txt',
      'SIGNATURE',
      'cache/x.tmp',
      'cache/y.tmp',
      'a/photo.jpg',
      'b.txt',
    ]);
    await user.selectOptions(screen.getByLabelText('Show'), 'discrepancies');
    expect(fileRows()).toEqual(['broken.bin', 'gone.txt', 'changed.txt', 'late.txt']);
    await user.selectOptions(screen.getByLabelText('Show'), 'md5-mismatch');
    expect(fileRows()).toEqual(['changed.txt']);
    expect(screen.getByText(/MD5 22 at the service, 11 in the inventory/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Show'), 'all');
    await user.type(screen.getByLabelText('File'), 'cache/');
    expect(fileRows()).toEqual(['cache/x.tmp', 'cache/y.tmp']);
  });

  it('fetches the log again on request, and says why when it cannot', async () => {
    const user = userEvent.setup();
    let fail = false;
    const client = setup(() => {
      if (fail) {
        throw new FakeError({
          code: 'LogFetchFailed',
          message: 'could not fetch the log s3://logs/DONEJ-log.txt: AccessDenied',
        });
      }
      return { ...VIEW, saved: true };
    });
    await user.click(await screen.findByRole('button', { name: 'DONEJ' }));
    await screen.findByText(/, saved /);
    fail = true;
    await user.click(screen.getByRole('button', { name: 'Fetch the log again' }));
    expect(await screen.findByText('The log could not be reconciled')).toBeTruthy();
    expect(screen.getByText(/AccessDenied/)).toBeTruthy();
    const calls = client.calls.filter((c) => c.op === 'jobs.reconcile').map((c) => c.args);
    expect(calls).toEqual([{ jobId: 'DONEJ' }, { jobId: 'DONEJ', refresh: true }]);
  });

  it('is not offered before the import has finished', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'jobs.list': () => [jobRow({ jobId: 'OPENJ' })],
      'jobs.status': () => jobDetail({ jobId: 'OPENJ' }),
    });
    render(
      <ClientContext.Provider value={client}>
        <JobsDashboard />
      </ClientContext.Provider>,
    );
    await user.click(await screen.findByRole('button', { name: 'OPENJ' }));
    await screen.findByText(/unless the device reaches AWS/);
    await waitFor(() => expect(screen.queryByText(/Reconciliation/)).toBeNull());
    expect(client.calls.map((c) => c.op)).not.toContain('jobs.reconcile');
  });

  it('keeps a large reconciliation readable: discrepancies stay on top of 100,000 files', () => {
    const many: ReconciliationView['outcomes'] = Array.from({ length: 100_000 }, (_, i) => ({
      kind: 'imported' as const,
      path: `f/${String(i).padStart(6, '0')}`,
      bytes: 1,
      key: `f/${i}`,
      md5: 'x',
    }));
    many.push({ kind: 'missing-from-log', path: 'zzz-last', bytes: 1 });
    const shown = visibleOutcomes(many, 'all');
    expect(shown[0]?.path).toBe('zzz-last');
    expect(shown).toHaveLength(100_001);
  });
});
