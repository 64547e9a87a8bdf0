// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from '@testing-library/react';
import { useReducer } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CredentialsStatus, DriveView } from '../../../electron/shared/contract';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { SettingsPage } from '../../../renderer/src/settings/SettingsPage';
import { SignatureSection } from '../../../renderer/src/wizard/SignatureSection';
import {
  initialWizardState,
  replugCandidate,
  wizardReducer,
  type ChosenDrive,
  type WizardAction,
} from '../../../renderer/src/wizard/wizard-state';
import { disabled, fakeClient, FakeError, type FakeHandlers } from './fake-client';
import { drive } from './fixtures';

afterEach(cleanup);

/** The SIGNATURE part of the last screen, with the wizard's reducer; `drives` stands for the live list. */
let pushDrives: (d: DriveView[]) => void = () => undefined;
function Harness({
  chosen,
  replaceConfirmed = null,
}: {
  chosen: ChosenDrive;
  replaceConfirmed?: string | null;
}) {
  const [state, dispatch] = useReducer(wizardReducer, undefined, () => {
    let s = initialWizardState('ship');
    s = wizardReducer(s, { type: 'choose', chosen, replaceConfirmed });
    return wizardReducer(s, {
      type: 'created',
      created: { jobId: 'JOB42', jobType: 'Import', warning: null, signature: null },
    });
  });
  const [drives, setDrives] = useReducer((_: DriveView[], d: DriveView[]) => d, [chosen.drive]);
  pushDrives = (d) => {
    setDrives(d);
    dispatch({ type: 'drives', drives: d } as WizardAction);
  };
  return <SignatureSection state={state} replug={replugCandidate(state, drives)} dispatch={dispatch} />;
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function renderWith(handlers: FakeHandlers, ui: React.ReactElement) {
  const client = fakeClient(handlers);
  render(<ClientContext.Provider value={client}>{ui}</ClientContext.Provider>);
  return client;
}

describe('Settings', () => {
  const base: FakeHandlers = {
    'app.info': () => ({
      version: '0.1.0',
      host: 'station',
      endpointUrl: 'http://127.0.0.1:1',
      localTestEndpoint: true,
      endpointSource: 'x',
    }),
    'settings.get': () => ({ returnAddress: { name: 'Ada', city: 'Seattle' } }),
    'printers.list': () => [{ name: 'label-printer', isDefault: true }],
  };

  it('hands the secret over once, clears it from the form, and shows only the key ID afterwards', async () => {
    const user = userEvent.setup();
    let status: CredentialsStatus = {
      source: null,
      accessKeyId: null,
      fromKeychain: false,
      keychainAvailable: true,
      problem: 'No credentials found.',
    };
    const client = renderWith(
      {
        ...base,
        'credentials.status': () => status,
        'credentials.save': ({ accessKeyId }) => {
          status = { source: 'the OS keychain', accessKeyId, fromKeychain: true, keychainAvailable: true };
          return status;
        },
      },
      <SettingsPage />,
    );
    await screen.findByText('No credentials found.');
    const secret = screen.getByLabelText('Secret access key') as HTMLInputElement;
    expect(secret.type).toBe('password');
    await user.type(screen.getByLabelText('Access key ID'), 'AKIAIOSFODNN7EXAMPLE');
    await user.type(secret, SECRET);
    await user.click(screen.getByRole('button', { name: 'Save in keychain' }));
    await screen.findByText('Credentials saved in the OS keychain.');
    expect(secret.value).toBe('');
    expect(document.body.textContent).not.toContain(SECRET);
    expect(screen.getByText('AKIAIOSFODNN7EXAMPLE')).toBeTruthy();
    expect(client.calls.filter((c) => c.op === 'credentials.save')).toHaveLength(1);
  });

  it('clears the secret from the form even when saving fails, and says why', async () => {
    const user = userEvent.setup();
    renderWith(
      {
        ...base,
        'credentials.status': () => ({
          source: null,
          accessKeyId: null,
          fromKeychain: false,
          keychainAvailable: true,
        }),
        'credentials.save': () => {
          throw new FakeError({
            code: 'KeychainUnavailable',
            message: 'The OS keychain is not available (locked).',
          });
        },
      },
      <SettingsPage />,
    );
    await user.type(await screen.findByLabelText('Access key ID'), 'AKIAIOSFODNN7EXAMPLE');
    await user.type(screen.getByLabelText('Secret access key'), SECRET);
    await user.click(screen.getByRole('button', { name: 'Save in keychain' }));
    expect(await screen.findByText(/keychain is not available/)).toBeTruthy();
    expect((screen.getByLabelText('Secret access key') as HTMLInputElement).value).toBe('');
  });

  it('shows the remembered return address for editing', async () => {
    renderWith(
      {
        ...base,
        'credentials.status': () => ({
          source: 'x',
          accessKeyId: 'AKIA',
          fromKeychain: false,
          keychainAvailable: true,
        }),
      },
      <SettingsPage />,
    );
    await waitFor(() => expect((screen.getByLabelText('City') as HTMLInputElement).value).toBe('Seattle'));
  });
});

describe('Write SIGNATURE step', () => {
  const chosen = { drive: drive(), mountpoint: '/media/ops/BACKUP' };

  it('says "safe to unplug" only once the drive is flushed and unmounted', async () => {
    const user = userEvent.setup();
    const written = { safeToUnplug: false, unmountProblem: 'umount: target is busy.' };
    const client = renderWith(
      {
        'signature.write': () => ({
          path: '/media/ops/BACKUP/SIGNATURE',
          bytes: 120,
          verified: true,
          ...written,
        }),
        'device.eject': () => ({ safeToUnplug: true }),
      },
      <Harness chosen={chosen} />,
    );
    await user.click(screen.getByRole('button', { name: 'Write SIGNATURE' }));
    expect(await screen.findByText(/Not yet safe to unplug/)).toBeTruthy();
    expect(screen.queryByText('Safe to unplug.')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Eject' }));
    expect(await screen.findByText('Safe to unplug.')).toBeTruthy();
    const args = client.calls.find((c) => c.op === 'signature.write')?.args as {
      drive: { serial: string; mountpoint: string };
    };
    expect(args.drive).toMatchObject({ serial: 'SN-4C530001', mountpoint: '/media/ops/BACKUP' });
  });

  it('after a failed write does not invite the same write again; the same drive back under a new name is offered', async () => {
    const user = userEvent.setup();
    const client = renderWith(
      {
        'jobs.status': () => {
          throw new FakeError({ code: 'NotInFake', message: 'x' });
        },
        'signature.write': ({ drive: d }) => {
          if (d.device === '/dev/sdb') {
            throw new FakeError({
              code: 'DeviceGone',
              message:
                '/dev/sdb (serial SN-4C530001) is no longer connected. Plug it back in and choose it again.',
            });
          }
          return { path: '/media/ops/BACKUP2/SIGNATURE', bytes: 120, verified: true, safeToUnplug: true };
        },
      },
      <Harness chosen={chosen} />,
    );
    await user.click(screen.getByRole('button', { name: 'Write SIGNATURE' }));
    expect(await screen.findByText(/no longer connected/)).toBeTruthy();
    expect(screen.getByText('SIGNATURE was not written')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Write SIGNATURE' })).toBeNull();
    expect(disabled(screen.getByRole('button', { name: 'Try again' }))).toBe(true);
    // The drive is unplugged, then comes back as /dev/sdc.
    act(() => pushDrives([]));
    expect(screen.getByText(/is not connected or not mounted any more/)).toBeTruthy();
    act(() => pushDrives([drive({ device: '/dev/sdc', serial: 'SOMEONE-ELSE' })]));
    expect(screen.queryByText(/is back as/)).toBeNull();
    const back = drive({ device: '/dev/sdc', mountpoints: ['/media/ops/BACKUP2'] });
    act(() => pushDrives([back]));
    await user.click(screen.getByRole('button', { name: 'Use BACKUP at /dev/sdc' }));
    await user.click(screen.getByRole('button', { name: 'Write SIGNATURE' }));
    expect(await screen.findByText('Safe to unplug.')).toBeTruthy();
    const last = client.calls.filter((c) => c.op === 'signature.write').pop()?.args as {
      drive: { device: string; mountpoint: string };
    };
    expect(last.drive).toEqual(
      expect.objectContaining({ device: '/dev/sdc', mountpoint: '/media/ops/BACKUP2' }),
    );
  });

  it('counts a SIGNATURE already written from the dashboard', async () => {
    renderWith(
      { 'jobs.status': () => ({ signatureWrittenAt: '2026-11-01T10:05:00.000Z' }) as never },
      <Harness chosen={chosen} />,
    );
    expect(await screen.findByText(/was already written from the Jobs dashboard/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Write SIGNATURE' })).toBeNull();
  });

  it("replaces another job's SIGNATURE only when asked, says where the old one is kept, and offers to cancel that job", async () => {
    const user = userEvent.setup();
    const client = renderWith(
      {
        'signature.write': (args) => {
          if (!args.confirmReplace) {
            throw new FakeError({
              code: 'OtherJobSignature',
              message: '/dev/sdb already holds the SIGNATURE of job OLDJB. Each device carries one job.',
            });
          }
          return {
            path: '/media/ops/BACKUP/SIGNATURE',
            bytes: 120,
            verified: true,
            safeToUnplug: true,
            backupPath: '/home/ops/.local/share/dockhand/signature-backups/SIGNATURE.OLDJB.SN-4C530001.bak',
            replacedJobId: 'OLDJB',
          };
        },
        'jobs.cancel': () => ({ success: true }),
      },
      <Harness chosen={chosen} />,
    );
    await user.click(screen.getByRole('button', { name: 'Write SIGNATURE' }));
    expect(await screen.findByText(/SIGNATURE of job OLDJB/)).toBeTruthy();
    const replace = screen.getByRole('button', { name: /Replace the other job's SIGNATURE/ });
    expect(disabled(replace)).toBe(true);
    await user.type(screen.getByLabelText('Type the drive label to replace'), 'BACKUP');
    await user.click(replace);
    expect(await screen.findByText('Safe to unplug.')).toBeTruthy();
    expect(
      screen.getByText('/home/ops/.local/share/dockhand/signature-backups/SIGNATURE.OLDJB.SN-4C530001.bak'),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel job OLDJB' }));
    expect(await screen.findByText('Job OLDJB is cancelled.')).toBeTruthy();
    expect(client.calls.find((c) => c.op === 'jobs.cancel')?.args).toEqual({ jobId: 'OLDJB' });
    const confirms = client.calls
      .filter((c) => c.op === 'signature.write')
      .map((c) => (c.args as { confirmReplace?: boolean }).confirmReplace);
    expect(confirms).toEqual([undefined, true]);
  });
});
