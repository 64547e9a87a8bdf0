// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, useReducer, useState } from 'react';
import type { DriveView } from '../../../electron/shared/contract';
import type { JobKind } from '../../../electron/protocol/manifest/types';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientContext, useClient } from '../../../renderer/src/client/client-context';
import { DeviceStep } from '../../../renderer/src/wizard/DeviceStep';
import {
  initialWizardState,
  replugCandidate,
  wizardReducer,
} from '../../../renderer/src/wizard/wizard-state';
import { checked, description, disabled, fakeClient, type FakeClient } from './fake-client';
import { drive, SYSTEM_DRIVE } from './fixtures';

afterEach(cleanup);

function Harness({ jobKind }: { jobKind: JobKind }) {
  const client = useClient();
  const [state, dispatch] = useReducer(wizardReducer, undefined, () => initialWizardState('device'));
  const [drives, setDrives] = useState<DriveView[] | null>(null);
  useEffect(() => {
    const take = (list: DriveView[]) => {
      setDrives(list);
      dispatch({ type: 'drives', drives: list });
    };
    const off = client.on('drives.changed', take);
    void client.call('drives.list', { jobKind }).then((r) => r.ok && take(r.value));
    return off;
  }, [client, jobKind]);
  return (
    <>
      <DeviceStep
        jobKind={jobKind}
        drives={drives}
        drivesError={null}
        chosen={state.chosen}
        remembered={state.remembered}
        replug={drives ? replugCandidate(state, drives) : null}
        onChoose={(chosen, replaceConfirmed) =>
          dispatch({
            type: 'choose',
            chosen,
            ...(replaceConfirmed !== undefined ? { replaceConfirmed } : {}),
          })
        }
      />
      <output data-testid="device-id">{state.chosen ? state.form.deviceId : ''}</output>
    </>
  );
}

function setup(drives = [drive(), SYSTEM_DRIVE], jobKind: JobKind = 's3-import'): FakeClient {
  const client = fakeClient({ 'drives.list': () => drives });
  render(
    <ClientContext.Provider value={client}>
      <Harness jobKind={jobKind} />
    </ClientContext.Provider>,
  );
  return client;
}

describe('Device step', () => {
  it('names a drive once, and puts each reason it cannot be chosen on its own line', async () => {
    const virtio = drive({
      device: '/dev/vda',
      displayName: '0x1af4 (/dev/vda)',
      model: '0x1af4',
      serial: 'VDA-1',
      mountpoints: ['/'],
      blocks: [
        { code: 'system', sentence: '/dev/vda is the system drive: Dockhand never writes to it.' },
        { code: 'app-data', sentence: "/dev/vda holds Dockhand's own data." },
      ],
    });
    setup([virtio]);
    const radio = await screen.findByRole('radio', { name: /0x1af4/ });
    const row = radio.closest('label') as HTMLElement;
    expect(row.querySelector('.drive-name')?.textContent?.trim()).toBe('0x1af4 (/dev/vda)');
    const reasons = [...row.querySelectorAll('.drive-why > *')].map((r) => r.textContent);
    expect(reasons).toEqual([
      '/dev/vda is the system drive: Dockhand never writes to it.',
      "/dev/vda holds Dockhand's own data.",
    ]);
    expect(description(radio)).toMatch(/system drive.*own data/);
  });

  it('lists every drive with nothing pre-selected, greying the unusable one with its reason in words', async () => {
    setup();
    const usable = await screen.findByRole('radio', { name: /SanDisk Extreme/ });
    const system = screen.getByRole('radio', { name: /Samsung 980/ });
    expect(checked(usable)).toBe(false);
    expect(checked(system)).toBe(false);
    expect(disabled(system)).toBe(true);
    expect(description(system)).toMatch(/system drive: Dockhand never writes to it/);
    expect(screen.getByTestId('device-id').textContent).toBe('');
  });

  it('chooses an empty drive in one step and takes deviceId from its serial', async () => {
    setup();
    await userEvent.click(await screen.findByRole('radio', { name: /SanDisk Extreme/ }));
    expect(screen.getByTestId('device-id').textContent).toBe('SN-4C530001');
    expect(screen.getByText(/Chosen:/).textContent).toMatch(/Chosen: SanDisk Extreme/);
  });

  it('chooses an import drive that holds files without typing: the files are only read', async () => {
    setup([drive({ hasFiles: true })]);
    await userEvent.click(await screen.findByRole('radio', { name: /SanDisk Extreme/ }));
    expect(screen.getByTestId('device-id').textContent).toBe('SN-4C530001');
    expect(screen.queryByLabelText(/Type the drive label/)).toBeNull();
    expect(screen.getByText(/they are what gets imported. Dockhand only reads them/)).toBeTruthy();
  });

  it('asks to type the label before choosing an export drive that holds files (AWS writes it)', async () => {
    setup([drive({ hasFiles: true })], 's3-export');
    await userEvent.click(await screen.findByRole('radio', { name: /SanDisk Extreme/ }));
    expect(screen.getByTestId('device-id').textContent).toBe('');
    const use = screen.getByRole('button', { name: 'Use this drive' });
    expect(disabled(use)).toBe(true);
    await userEvent.type(screen.getByLabelText(/Type the drive label/), 'BACKU');
    expect(disabled(use)).toBe(true);
    await userEvent.type(screen.getByLabelText(/Type the drive label/), 'P');
    await userEvent.click(use);
    expect(screen.getByTestId('device-id').textContent).toBe('SN-4C530001');
  });

  it("asks for the serial when the drive has another job's SIGNATURE and no label", async () => {
    setup([drive({ label: '', signatureJobId: 'OLDJOB' })]);
    await userEvent.click(await screen.findByRole('radio', { name: /SanDisk Extreme/ }));
    expect(screen.getByText(/holds the SIGNATURE of another job \(OLDJOB\)/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText(/Type the serial number/), 'SN-4C530001');
    await userEvent.click(screen.getByRole('button', { name: 'Use this drive' }));
    expect(screen.getByTestId('device-id').textContent).toBe('SN-4C530001');
  });

  it('drops the selection when the drive goes away, says so, and offers it back only when asked', async () => {
    const client = setup();
    await userEvent.click(await screen.findByRole('radio', { name: /SanDisk Extreme/ }));
    expect(screen.getByTestId('device-id').textContent).toBe('SN-4C530001');
    act(() => client.emit('drives.changed', [SYSTEM_DRIVE]));
    expect(screen.queryByRole('radio', { name: /SanDisk Extreme/ })).toBeNull();
    expect(screen.getByTestId('device-id').textContent).toBe('');
    expect(screen.getByText(/is not connected or not mounted any more/)).toBeTruthy();
    // Another drive is not offered.
    act(() => client.emit('drives.changed', [drive({ device: '/dev/sdd', serial: 'OTHER' }), SYSTEM_DRIVE]));
    expect(screen.queryByText(/is back as/)).toBeNull();
    const back = drive({ device: '/dev/sdc', displayName: 'SanDisk Extreme (/dev/sdc)' });
    act(() => client.emit('drives.changed', [back, SYSTEM_DRIVE]));
    expect(checked(screen.getByRole('radio', { name: /SanDisk Extreme/ }))).toBe(false);
    expect(screen.getByTestId('device-id').textContent).toBe('');
    expect(screen.getByText(/is back as/).textContent).toMatch(/BACKUP is back as \/dev\/sdc/);
    await userEvent.click(screen.getByRole('button', { name: 'Use BACKUP at /dev/sdc' }));
    expect(checked(screen.getByRole('radio', { name: /SanDisk Extreme/ }))).toBe(true);
    expect(screen.getByTestId('device-id').textContent).toBe('SN-4C530001');
  });

  it('says what to do when no drive is plugged in', async () => {
    setup([]);
    expect(await screen.findByText(/No drives found/)).toBeTruthy();
  });
});
