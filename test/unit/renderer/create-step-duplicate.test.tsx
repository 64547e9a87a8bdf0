// @vitest-environment jsdom
/** Check & create asks before making a second live job for the same drive (issue 11), and offers the live one. */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useReducer } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedJob } from '../../../electron/shared/contract';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { CheckStep, useCreateJob } from '../../../renderer/src/wizard/CheckStep';
import { initialWizardState, wizardReducer } from '../../../renderer/src/wizard/wizard-state';
import { fakeClient, type FakeClient, type FakeHandlers } from './fake-client';
import { drive } from './fixtures';

afterEach(cleanup);

function Harness({ created, continued }: { created: CreatedJob[]; continued: string[] }) {
  const d = drive();
  const [state, dispatch] = useReducer(wizardReducer, undefined, () => {
    let s = initialWizardState('check');
    s = wizardReducer(s, { type: 'choose', chosen: { drive: d, mountpoint: '/media/usb' } });
    s = wizardReducer(s, {
      type: 'inventory',
      inventory: { runId: 'run-1', files: 1, bytes: 1, importedFiles: 1, importedBytes: 1, findings: [] },
    });
    return wizardReducer(s, { type: 'acknowledge', value: true });
  });
  const run = useCreateJob();
  const args = {
    jobType: 'Import' as const,
    manifestText: `deviceId: ${d.serial}\n`,
    chosen: state.chosen ?? { drive: d, mountpoint: '/media/usb' },
    inventoryRunId: 'run-1',
  };
  const create = async (allow = false) => {
    const job = await run.create(args, allow);
    if (job) created.push(job);
  };
  return (
    <>
      <CheckStep
        state={state}
        manifestText={args.manifestText}
        replug={null}
        run={run}
        dispatch={dispatch}
        onCreateAnother={() => void create(true)}
        onContinueJob={(jobId) => continued.push(jobId)}
      />
      <button type="button" disabled={run.duplicates !== null} onClick={() => void create()}>
        Create job
      </button>
    </>
  );
}

function renderStep(handlers: FakeHandlers): {
  client: FakeClient;
  created: CreatedJob[];
  continued: string[];
} {
  const client = fakeClient(handlers);
  const created: CreatedJob[] = [];
  const continued: string[] = [];
  render(
    <ClientContext.Provider value={client}>
      <Harness created={created} continued={continued} />
    </ClientContext.Provider>,
  );
  return { client, created, continued };
}

const LIVE = [{ jobId: 'OLD01', createdAt: '2026-11-30T10:00:00Z', status: 'NotReceived/Pending' }];
const handlers: FakeHandlers = {
  'jobs.liveForDevice': () => LIVE,
  'jobs.validate': () => ({ warning: null }),
  'jobs.create': () => ({ jobId: 'NEW01', jobType: 'Import', warning: null, signature: null }),
};

describe('Check & create with a drive that already has a live job', () => {
  it('names the job and creates nothing until the person says yes', async () => {
    const user = userEvent.setup();
    const { client, created } = renderStep(handlers);
    await user.click(screen.getByRole('button', { name: 'Create job' }));
    expect((await screen.findByRole('alert')).textContent).toContain('OLD01');
    expect(client.calls.map((c) => c.op)).toEqual(['jobs.liveForDevice']);

    await user.click(screen.getByRole('button', { name: 'Create another job for this drive' }));
    await screen.findByRole('button', { name: 'Create job' });
    await expect.poll(() => created.map((c) => c.jobId)).toEqual(['NEW01']);
    const create = client.calls.find((c) => c.op === 'jobs.create');
    expect(create?.args).toMatchObject({ allowDuplicateDevice: true });
  });

  it('offers to continue preparing the live job instead', async () => {
    const user = userEvent.setup();
    const { client, continued } = renderStep(handlers);
    await user.click(screen.getByRole('button', { name: 'Create job' }));
    await user.click(await screen.findByRole('button', { name: 'Continue preparing OLD01' }));
    expect(continued).toEqual(['OLD01']);
    expect(client.calls.map((c) => c.op)).toEqual(['jobs.liveForDevice']);
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
