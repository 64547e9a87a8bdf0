// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDetail, JobRow } from '../../../electron/shared/contract';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { JobsDashboard } from '../../../renderer/src/jobs/JobsDashboard';
import { fakeClient, type FakeClient } from './fake-client';
import { jobDetail, jobRow } from './fixtures';

afterEach(cleanup);

const RETURNED = jobRow({
  jobId: 'RETRN',
  location: 'Returned',
  progress: 'Complete',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
  expiresAt: null,
  canUpdateOrCancel: false,
});
const CANCELED = jobRow({
  jobId: 'CANCD',
  isCanceled: true,
  canUpdateOrCancel: false,
  expiresAt: null,
  jobType: 'Export',
});
const OPEN = jobRow({ jobId: 'OPENJ' });

function setup(rows: JobRow[], details: Record<string, JobDetail> = {}): FakeClient {
  let current = rows;
  const client = fakeClient({
    'jobs.list': () => current,
    'jobs.status': ({ jobId }) => details[jobId] ?? jobDetail({ ...current.find((r) => r.jobId === jobId) }),
    'jobs.cancel': ({ jobId }) => {
      current = current.map((r) =>
        r.jobId === jobId ? { ...r, isCanceled: true, canUpdateOrCancel: false } : r,
      );
      details[jobId] = jobDetail({
        ...current.find((r) => r.jobId === jobId),
        progressMessage: 'The job was canceled.',
      });
      return { success: true };
    },
    'printers.list': () => [],
    'settings.get': () => ({}),
  });
  render(
    <ClientContext.Provider value={client}>
      <JobsDashboard />
    </ClientContext.Provider>,
  );
  return client;
}

const rowIds = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('button')[0]?.textContent);

describe('Jobs dashboard', () => {
  it('lists every job and filters by status, type and search', async () => {
    const user = userEvent.setup();
    setup([OPEN, RETURNED, CANCELED]);
    await screen.findByText('OPENJ');
    expect(rowIds()).toEqual(['OPENJ', 'RETRN', 'CANCD']);
    await user.click(screen.getByRole('radio', { name: 'Returned' }));
    expect(rowIds()).toEqual(['RETRN']);
    await user.click(screen.getByRole('radio', { name: 'All' }));
    await user.selectOptions(screen.getByLabelText('Type'), 'Export');
    expect(rowIds()).toEqual(['CANCD']);
    await user.selectOptions(screen.getByLabelText('Type'), 'any');
    await user.type(screen.getByLabelText('Search'), 'open');
    expect(rowIds()).toEqual(['OPENJ']);
  });

  it('shows the carrier, tracking number and link of a returned job, and no cancel', async () => {
    const user = userEvent.setup();
    setup([RETURNED]);
    await user.click(await screen.findByRole('button', { name: 'RETRN' }));
    const link = await screen.findByRole('link', { name: 'track the parcel' });
    expect(link.getAttribute('href')).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(screen.getByText('1Z999AA10123456784')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Cancel job/ })).toBeNull();
  });

  it('shows the 30-day expiry, and cancels only after confirmation', async () => {
    const user = userEvent.setup();
    const client = setup([OPEN]);
    await user.click(await screen.findByRole('button', { name: 'OPENJ' }));
    expect(await screen.findByText(/unless the device reaches AWS/)).toBeTruthy();
    expect(screen.getByText('Possible until the transfer starts')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel job…' }));
    expect(client.calls.map((c) => c.op)).not.toContain('jobs.cancel');
    await user.click(screen.getByRole('button', { name: 'Yes, cancel the job' }));
    await waitFor(() => expect(screen.getByText('No longer possible')).toBeTruthy());
    expect(client.calls.filter((c) => c.op === 'jobs.cancel')).toHaveLength(1);
  });

  it('refreshes when a job changes state', async () => {
    const client = setup([OPEN]);
    await screen.findByText('OPENJ');
    const before = client.calls.filter((c) => c.op === 'jobs.list').length;
    act(() =>
      client.emit('jobs.changed', {
        jobId: 'OPENJ',
        location: 'AtAWS',
        progress: 'InProgress',
        message: 'Job OPENJ: Your device is at AWS.',
        carrier: null,
        trackingNumber: null,
        trackingUrl: null,
      }),
    );
    await waitFor(() => expect(client.calls.filter((c) => c.op === 'jobs.list').length).toBe(before + 1));
  });

  it('says why jobs could not be listed', async () => {
    const client = fakeClient({});
    render(
      <ClientContext.Provider value={client}>
        <JobsDashboard />
      </ClientContext.Provider>,
    );
    expect(await screen.findByText('Jobs could not be listed')).toBeTruthy();
  });
});

describe('Jobs dashboard: updating a manifest', () => {
  it('lints as typed, checks with ValidateOnly, then updates', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'jobs.list': () => [OPEN],
      'jobs.status': () => jobDetail({ ...OPEN, manifest: 'manifestVersion: 2.0\nbucket: old\n' }),
      'manifest.lint': ({ text }) =>
        text.includes('bucket: new')
          ? { kind: 's3-import', issues: [], valid: true }
          : {
              kind: null,
              issues: [
                {
                  field: 'bucket',
                  code: 'InvalidManifestFieldException',
                  message: 'bucket old is not yours',
                  fix: 'Name one of your buckets.',
                  severity: 'error',
                },
              ],
              valid: false,
            },
      'jobs.update': () => ({ success: true, warning: null }),
    });
    render(
      <ClientContext.Provider value={client}>
        <JobsDashboard />
      </ClientContext.Provider>,
    );
    await user.click(await screen.findByRole('button', { name: 'OPENJ' }));
    await user.click(await screen.findByRole('button', { name: 'Update manifest…' }));
    expect(await screen.findByText(/bucket old is not yours/)).toBeTruthy();
    const send = screen.getByRole('button', { name: 'Check and update' });
    expect((send as HTMLButtonElement).disabled).toBe(true);
    const area = screen.getByLabelText(/Manifest of job OPENJ/);
    await user.clear(area);
    await user.type(area, 'manifestVersion: 2.0{enter}bucket: new');
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    await user.click(send);
    expect(await screen.findByText('Manifest updated.')).toBeTruthy();
    const updates = client.calls
      .filter((c) => c.op === 'jobs.update')
      .map((c) => (c.args as { validateOnly: boolean }).validateOnly);
    expect(updates).toEqual([true, false]);
  });
});
