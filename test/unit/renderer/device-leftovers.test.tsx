// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { DeviceLeftovers } from '../../../renderer/src/components/DeviceLeftovers';
import { fakeClient } from './fake-client';

afterEach(cleanup);

const DRIVE = { device: '/dev/sdb', serial: 'SN-1', sizeBytes: 1_000_000, mountpoint: '/media/ops/SHIPME' };
const LEFTOVERS = [
  {
    path: 'SIGNATURE.J8PSW.bak',
    bytes: 120,
    kind: 'signature-backup' as const,
    description: "another job's SIGNATURE, kept on the drive by an earlier Dockhand",
  },
  {
    path: 'photos/.dockhand-copy-a.jpg',
    bytes: 2048,
    kind: 'copy-temp' as const,
    description: 'the temporary file of an interrupted copy onto the drive',
  },
];

describe("Preflight's block for Dockhand's leftovers on the drive", () => {
  it('names each file and why it would be imported, removes exactly those, then checks again', async () => {
    const user = userEvent.setup();
    let checkedAgain = 0;
    const client = fakeClient({
      'device.removeLeftovers': ({ paths }) => ({ removed: [...paths], kept: [] }),
    });
    render(
      <ClientContext.Provider value={client}>
        <DeviceLeftovers drive={DRIVE} leftovers={LEFTOVERS} onRemoved={() => checkedAgain++} />
      </ClientContext.Provider>,
    );
    expect(screen.getByRole('heading', { name: "2 files of Dockhand's own are on the drive" })).toBeTruthy();
    expect(screen.getByText(/would be imported into your bucket/)).toBeTruthy();
    expect(screen.getByText('SIGNATURE.J8PSW.bak')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove these 2 files' }));
    expect(client.calls.find((c) => c.op === 'device.removeLeftovers')?.args).toEqual({
      drive: DRIVE,
      paths: ['SIGNATURE.J8PSW.bak', 'photos/.dockhand-copy-a.jpg'],
    });
    expect(checkedAgain).toBe(1);
  });

  it('shows nothing when the drive is clean', () => {
    const { container } = render(
      <ClientContext.Provider value={fakeClient({})}>
        <DeviceLeftovers drive={DRIVE} leftovers={[]} onRemoved={() => undefined} />
      </ClientContext.Provider>,
    );
    expect(container.textContent).toBe('');
  });
});
