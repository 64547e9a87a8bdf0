// @vitest-environment jsdom
/** "Continue preparing JOBID": from the dashboard's row, and from the wizard's fresh first screen. */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftRecord, WizardDraft } from '../../../electron/shared/contract';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { canContinuePreparing } from '../../../renderer/src/jobs/JobsDashboard';
import { Wizard } from '../../../renderer/src/wizard/Wizard';
import { fakeClient, type FakeHandlers } from './fake-client';
import { drive, jobRow } from './fixtures';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

const d = drive();
const RESUMED: WizardDraft = {
  step: 'ship',
  jobType: 'Import',
  form: {
    kind: 's3-import',
    deviceId: d.serial,
    returnAddress: { name: '', street1: '', city: '', postalCode: '', phoneNumber: '', country: '' },
  },
  source: { mode: 'yaml', text: `manifestVersion: 2.0\ndeviceId: ${d.serial}\n` },
  drive: {
    device: d.device,
    serial: d.serial,
    sizeBytes: d.sizeBytes,
    label: d.label,
    displayName: d.displayName,
    mountpoint: d.mountpoints[0] as string,
  },
  inventory: null,
  erasedAcknowledged: true,
  replaceConfirmed: null,
  created: { jobId: 'JOB77', jobType: 'Import', warning: null, signature: null },
  signature: null,
  label: null,
  checklist: [],
};

function handlers(extra: FakeHandlers = {}): FakeHandlers {
  return {
    'credentials.status': () => ({
      source: 'demo',
      accessKeyId: 'AKIADEMO',
      fromKeychain: false,
      keychainAvailable: true,
    }),
    'settings.get': () => ({}),
    'manifest.lint': () => ({ kind: 's3-import', issues: [], valid: true }),
    'drives.list': () => [d],
    'drafts.load': () => null,
    'drafts.save': ({ draftId }) => ({ draftId, updatedAt: '2026-11-30T11:00:00.000Z' }),
    'drafts.resume': ({ jobId, draftId }): DraftRecord => ({
      draftId,
      updatedAt: '2026-11-30T11:00:00.000Z',
      draft: { ...RESUMED, created: { ...RESUMED.created!, jobId } },
      inventoryKept: false,
    }),
    'jobs.status': () => ({ signatureWrittenAt: null, expiresAt: null }) as never,
    'printers.list': () => [],
    ...extra,
  };
}

describe('Continue preparing a created job', () => {
  it('is offered on a dashboard row that still needs its SIGNATURE or label, not on a shipped one', () => {
    expect(canContinuePreparing(jobRow({ signatureWrittenAt: null }))).toBe(true);
    expect(canContinuePreparing(jobRow({ labelAt: null }))).toBe(true);
    expect(canContinuePreparing(jobRow({ labelAt: '2026-11-01T11:00:00.000Z' }))).toBe(false);
    expect(canContinuePreparing(jobRow({ local: false, signatureWrittenAt: null }))).toBe(false);
    expect(canContinuePreparing(jobRow({ location: 'AtAWS', progress: 'InProgress' }))).toBe(false);
  });

  it('opens the SIGNATURE & label screen of the job from the dashboard, on the drive it was created for', async () => {
    render(
      <ClientContext.Provider value={fakeClient(handlers())}>
        <Wizard onOpenSettings={() => undefined} onOpenJobs={() => undefined} resumeJobId="JOB77" />
      </ClientContext.Provider>,
    );
    await screen.findByRole('heading', { name: 'SIGNATURE & label' });
    expect(screen.getAllByText('JOB77').length).toBeGreaterThan(0);
    expect(await screen.findByRole('button', { name: 'Write SIGNATURE' })).toBeTruthy();
  });

  it('offers an unfinished job on a fresh wizard, and resumes it when asked', async () => {
    const user = userEvent.setup();
    render(
      <ClientContext.Provider
        value={fakeClient(
          handlers({
            'drafts.list': () => ({
              drafts: [],
              unfinishedJobs: [
                {
                  jobId: 'JOB88',
                  createdAt: '2026-11-30T10:00:00.000Z',
                  signatureWritten: true,
                  labelFetched: false,
                  driveSerial: d.serial,
                },
              ],
            }),
            'manifest.format': () => ({ text: 'x', lint: { kind: 's3-import', issues: [], valid: true } }),
            'buckets.list': () => ({ s3Endpoint: 'x', buckets: [], listProblem: null }),
          }),
        )}
      >
        <Wizard onOpenSettings={() => undefined} onOpenJobs={() => undefined} />
      </ClientContext.Provider>,
    );
    await screen.findByRole('heading', { name: 'Job & manifest' });
    expect(await screen.findByText(/needs its label/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue preparing JOB88' }));
    await screen.findByRole('heading', { name: 'SIGNATURE & label' });
    expect(screen.getAllByText('JOB88').length).toBeGreaterThan(0);
  });
});
