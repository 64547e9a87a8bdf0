// @vitest-environment jsdom
/** The Create step asks before making a second live job for the same drive (issue 11). */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedJob } from '../../../electron/shared/contract';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { CreateStep } from '../../../renderer/src/wizard/CreateStep';
import { fakeClient, type FakeClient, type FakeHandlers } from './fake-client';
import { drive } from './fixtures';

afterEach(cleanup);

function renderStep(handlers: FakeHandlers): { client: FakeClient; created: CreatedJob[] } {
  const client = fakeClient(handlers);
  const created: CreatedJob[] = [];
  const d = drive();
  render(
    <ClientContext.Provider value={client}>
      <CreateStep
        jobType="Import"
        manifestText={`deviceId: ${d.serial}\n`}
        chosen={{ drive: d, mountpoint: '/media/usb' }}
        inventoryRunId={null}
        created={null}
        onCreated={(c) => created.push(c)}
      />
    </ClientContext.Provider>,
  );
  return { client, created };
}

const LIVE = [{ jobId: 'OLD01', createdAt: '2026-11-30T10:00:00Z', status: 'NotReceived/Pending' }];
const handlers: FakeHandlers = {
  'jobs.liveForDevice': () => LIVE,
  'jobs.validate': () => ({ warning: null }),
  'jobs.create': () => ({ jobId: 'NEW01', jobType: 'Import', warning: null, signature: null }),
};

describe('CreateStep with a drive that already has a live job', () => {
  it('names the job and creates nothing until the person says yes', async () => {
    const user = userEvent.setup();
    const { client, created } = renderStep(handlers);
    await user.click(screen.getByRole('button', { name: 'Create job' }));
    expect((await screen.findByRole('alert')).textContent).toContain('OLD01');
    expect(client.calls.map((c) => c.op)).toEqual(['jobs.liveForDevice']);

    await user.click(screen.getByRole('button', { name: 'Create another job for this drive' }));
    await screen.findByRole('button', { name: 'Create job' });
    const create = client.calls.find((c) => c.op === 'jobs.create');
    expect(create?.args).toMatchObject({ allowDuplicateDevice: true });
    expect(created.map((c) => c.jobId)).toEqual(['NEW01']);
  });

  it('"Don\'t create" sends nothing', async () => {
    const user = userEvent.setup();
    const { client } = renderStep(handlers);
    await user.click(screen.getByRole('button', { name: 'Create job' }));
    await user.click(await screen.findByRole('button', { name: "Don't create" }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(client.calls.map((c) => c.op)).toEqual(['jobs.liveForDevice']);
  });
});
