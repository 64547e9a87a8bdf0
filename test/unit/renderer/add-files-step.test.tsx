// @vitest-environment jsdom
/**
 * The Add files step (issue 12): browse this machine's folders, choose, see the plan (how much, fits, how
 * long) before anything is written, copy with progress that never goes back, and the outcome; or say the data
 * is already on the drive.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CopyPlanView, CopyResultView, DriveIdentity } from '../../../electron/shared/contract';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { AddFilesStep, type AddFilesOutcome } from '../../../renderer/src/wizard/AddFilesStep';
import { disabled, fakeClient, type FakeClient, type FakeHandlers } from './fake-client';

afterEach(cleanup);

const DRIVE: DriveIdentity = {
  device: '/dev/sdb',
  serial: 'SER1',
  sizeBytes: 64e9,
  mountpoint: '/media/usb',
};
const PLAN: CopyPlanView = {
  files: 120,
  bytes: 3e9,
  alreadyOnDrive: 0,
  alreadyOnDriveBytes: 0,
  fits: true,
  neededBytes: 3.1e9,
  freeBytes: 60e9,
  problems: [],
  notCopied: [
    {
      source: '/home/jane/photos/link',
      reason: 'symlink',
      message: '/home/jane/photos/link is a symbolic link (to x); links are not followed or copied.',
      fix: 'Name the target itself.',
    },
  ],
  notCopiedCount: 1,
  estimatedSeconds: 31,
};

function renderStep(handlers: FakeHandlers): { client: FakeClient; done: AddFilesOutcome[] } {
  const client = fakeClient({
    'folders.list': (args) =>
      args.path === '/home/jane/photos'
        ? { path: '/home/jane/photos', parent: '/home/jane', entries: [] }
        : {
            path: '/home/jane',
            parent: '/home',
            entries: [
              { name: 'photos', path: '/home/jane/photos', isFolder: true, sizeBytes: null },
              { name: 'notes.txt', path: '/home/jane/notes.txt', isFolder: false, sizeBytes: 1200 },
            ],
          },
    ...handlers,
  });
  const done: AddFilesOutcome[] = [];
  render(
    <ClientContext.Provider value={client}>
      <AddFilesStep drive={DRIVE} driveName="SHIPME" manifestText="" onDone={(o) => done.push(o)} />
    </ClientContext.Provider>,
  );
  return { client, done };
}

describe('AddFilesStep', () => {
  it('shows the plan before writing, then copies with progress and reports the outcome', async () => {
    const user = userEvent.setup();
    let finish: (r: CopyResultView) => void = () => undefined;
    const { client, done } = renderStep({
      'copy.plan': () => PLAN,
      'copy.start': () => new Promise<CopyResultView>((resolve) => (finish = resolve)),
    });
    expect(disabled(screen.getByRole('button', { name: 'Check the plan' }))).toBe(true);
    await user.click(await screen.findByRole('button', { name: 'Add photos' }));
    await user.click(screen.getByRole('button', { name: 'Check the plan' }));
    const status = await screen.findByText(/120 files, 3.0 GB to copy/);
    expect(status.textContent).toContain('60 GB free; about 31 s.');
    expect(screen.getByText('1 will not be copied')).toBeTruthy();
    expect(client.calls.some((c) => c.op === 'copy.start')).toBe(false);
    expect(client.calls.find((c) => c.op === 'copy.plan')?.args).toMatchObject({
      sources: ['/home/jane/photos'],
      drive: DRIVE,
      targetDir: '',
    });

    await user.click(screen.getByRole('button', { name: 'Copy to the drive' }));
    const runId = (client.calls.find((c) => c.op === 'copy.start')?.args as { runId: string }).runId;
    const at = (bytesDone: number) => ({
      phase: 'copying' as const,
      filesDone: 1,
      filesTotal: 120,
      bytesDone,
      bytesTotal: 3e9,
      bytesPerSecond: 1e8,
      secondsLeft: 10,
    });
    act(() => client.emit('copy.progress', { runId, progress: at(1.5e9) }));
    act(() => client.emit('copy.progress', { runId, progress: at(1e9) }));
    expect(screen.getByText('1.5 GB of 3.0 GB')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel copy' })).toBeTruthy();

    await act(async () =>
      finish({
        copied: 120,
        copiedBytes: 3e9,
        skippedUnchanged: 0,
        leftoversRemoved: 0,
        notCopied: [],
        notCopiedCount: 0,
        failed: false,
        cancelled: false,
        verify: { files: 120, bytes: 3e9, mismatches: [], method: 'O_DIRECT' },
      }),
    );
    expect((await screen.findByText(/120 files \(3.0 GB\) copied/)).textContent).toContain(
      'all 120 read back and match',
    );
    await user.click(screen.getByRole('button', { name: 'Next: check the drive' }));
    expect(done).toEqual([expect.objectContaining({ mode: 'copied' })]);
  });

  it('a plan that does not fit cannot be started, and says why', async () => {
    const user = userEvent.setup();
    renderStep({
      'copy.plan': () => ({
        ...PLAN,
        fits: false,
        problems: ['The files need 3.1 GB on the drive but it has 1.0 GB free. Free 2.1 GB on it.'],
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Add notes.txt' }));
    await user.click(screen.getByRole('button', { name: 'Check the plan' }));
    expect(await screen.findByText(/it has 1.0 GB free/)).toBeTruthy();
    expect(disabled(screen.getByRole('button', { name: 'Copy to the drive' }))).toBe(true);
  });

  it('"the data is already on the drive" goes on without copying', async () => {
    const user = userEvent.setup();
    const { client, done } = renderStep({});
    await user.click(screen.getByRole('radio', { name: 'The data is already on the drive' }));
    await user.click(screen.getByRole('button', { name: 'Next: check the drive' }));
    expect(done).toEqual([{ mode: 'already-on-drive' }]);
    expect(client.calls.filter((c) => c.op.startsWith('copy.'))).toEqual([]);
  });
});
