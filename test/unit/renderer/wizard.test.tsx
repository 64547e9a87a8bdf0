// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryProgress } from '../../../electron/inventory/types';
import type { LintResult, ManifestForm } from '../../../electron/shared/contract';
import type { ManifestIssue } from '../../../electron/protocol/manifest/types';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { Wizard } from '../../../renderer/src/wizard/Wizard';
import {
  description,
  disabled,
  fakeClient,
  FakeError,
  type FakeClient,
  type FakeHandlers,
} from './fake-client';
import { drive } from './fixtures';

afterEach(cleanup);

const issue = (field: string, message: string, fix: string): ManifestIssue => ({
  field,
  code: 'MissingManifestFieldException',
  message,
  fix,
  severity: 'error',
});

/** A small stand-in for the manifest module's rules: enough to see messages reach the right fields. */
function lintForm(form: ManifestForm): LintResult {
  const issues: ManifestIssue[] = [];
  if (!form.deviceId) issues.push(issue('deviceId', 'deviceId is missing', 'Choose a drive.'));
  if (!form.bucket) issues.push(issue('bucket', 'bucket is missing', 'Name the S3 bucket to import into.'));
  if (!form.returnAddress.name)
    issues.push(
      issue(
        'returnAddress.name',
        'returnAddress.name is missing',
        'Give the name of the person receiving the device.',
      ),
    );
  return { kind: 's3-import', issues, valid: issues.length === 0 };
}

function setup(extra: FakeHandlers = {}): FakeClient {
  const client = fakeClient({
    'app.info': () => ({
      version: '0.1.0',
      host: 'station',
      endpointUrl: 'http://127.0.0.1:9',
      localTestEndpoint: true,
      endpointSource: 'x',
    }),
    'credentials.status': () => ({
      source: 'demo',
      accessKeyId: 'AKIADEMO',
      fromKeychain: false,
      keychainAvailable: true,
    }),
    'settings.get': () => ({}),
    'manifest.format': ({ form }) => ({
      text: `deviceId: ${form.deviceId}\nbucket: ${form.bucket ?? ''}\n`,
      lint: lintForm(form as ManifestForm),
    }),
    'drives.list': () => [drive()],
    ...extra,
  });
  render(
    <ClientContext.Provider value={client}>
      <Wizard onOpenSettings={() => undefined} onOpenJobs={() => undefined} />
    </ClientContext.Provider>,
  );
  return client;
}

const next = () => screen.getByRole('button', { name: 'Next' });

async function fillJob(user: ReturnType<typeof userEvent.setup>) {
  await user.click(next());
  await user.type(screen.getByLabelText(/^Bucket/), 'my-bucket');
  await user.type(screen.getByLabelText(/^Name/), 'Ada Ops');
  await user.type(screen.getByLabelText(/^Company/), 'Dock Ops Ltd');
  await waitFor(() => expect(disabled(next())).toBe(false));
}

describe('Wizard', () => {
  it('shows the local test endpoint on the Account step', async () => {
    setup();
    expect(await screen.findByText('Local test endpoint')).toBeTruthy();
    expect(screen.getByText('AKIADEMO')).toBeTruthy();
  });

  it('puts each lint message and its fix under its field, hides deviceId until a drive is chosen, and gates Next', async () => {
    const user = userEvent.setup();
    setup();
    await user.click(next());
    await screen.findByText(/bucket is missing/);
    const bucket = screen.getByLabelText(/^Bucket/);
    expect(bucket.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Name the S3 bucket to import into/)).toBeTruthy();
    expect(screen.queryByText(/deviceId is missing/)).toBeNull();
    expect(disabled(next())).toBe(true);
    await user.type(bucket, 'my-bucket');
    await user.type(screen.getByLabelText(/^Name/), 'Ada Ops');
    await waitFor(() => expect(screen.queryByText(/bucket is missing/)).toBeNull());
    // The manifest is valid now, but the shipping label would refuse an address without a company.
    const company = screen.getByLabelText(/^Company/);
    expect(company.getAttribute('aria-invalid')).toBe('true');
    expect(description(company)).toMatch(/shipping label needs it/);
    expect(disabled(next())).toBe(true);
    await user.type(company, 'Dock Ops Ltd');
    await waitFor(() => expect(disabled(next())).toBe(false));
  });

  it('runs preflight with progress that never goes backwards, then needs the erase acknowledgement', async () => {
    const user = userEvent.setup();
    let finish: (() => void) | undefined;
    const client = setup({
      'inventory.start': ({ runId }) =>
        new Promise((resolve) => {
          finish = () =>
            resolve({
              runId,
              files: 3,
              bytes: 3000,
              importedFiles: 2,
              importedBytes: 2000,
              findings: [
                {
                  kind: 'key-too-long',
                  path: 'deep/name.bin',
                  message: 'deep/name.bin makes a key over 1024 bytes.',
                  fix: 'Shorten the prefix.',
                },
              ],
            });
        }),
    });
    await fillJob(user);
    await user.click(next());
    await user.click(await screen.findByRole('radio', { name: /SanDisk Extreme/ }));
    await waitFor(() => expect(disabled(next())).toBe(false));
    await user.click(next());
    await waitFor(() => expect(client.calls.some((c) => c.op === 'inventory.start')).toBe(true));
    const runId = (client.calls.find((c) => c.op === 'inventory.start')?.args as { runId: string }).runId;
    const progress = (bytesDone: number, filesDone: number): InventoryProgress => ({
      phase: 'hashing',
      filesFound: 3,
      filesDone,
      filesTotal: 3,
      bytesDone,
      bytesTotal: 3000,
      bytesPerSecond: 1000,
      secondsLeft: 1,
    });
    act(() => client.emit('inventory.progress', { runId, progress: progress(2000, 2) }));
    expect(screen.getByText('2 of 3')).toBeTruthy();
    act(() => client.emit('inventory.progress', { runId, progress: progress(1000, 1) }));
    expect(screen.getByText('2 of 3')).toBeTruthy();
    expect(screen.getByText('66%')).toBeTruthy();
    act(() => client.emit('inventory.progress', { runId: 'another-run', progress: progress(3000, 3) }));
    expect(screen.getByText('2 of 3')).toBeTruthy();
    await act(async () => finish?.());
    expect(await screen.findByText(/makes a key over 1024 bytes/)).toBeTruthy();
    expect(disabled(next())).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /AWS erases this device/ }));
    expect(disabled(next())).toBe(false);
  });

  it('checks with ValidateOnly before creating, and creates nothing when validation fails', async () => {
    const user = userEvent.setup();
    const client = setup({
      'inventory.start': ({ runId }) => ({
        runId,
        files: 0,
        bytes: 0,
        importedFiles: 0,
        importedBytes: 0,
        findings: [],
      }),
      'jobs.validate': () => {
        throw new FakeError({
          code: 'InvalidAccessKeyIdException',
          message: 'The AWS Access Key Id you provided does not exist in our records.',
        });
      },
      'jobs.create': () => ({ jobId: 'NEVER', jobType: 'Import', warning: null, signature: null }),
    });
    await fillJob(user);
    await user.click(next());
    await user.click(await screen.findByRole('radio', { name: /SanDisk Extreme/ }));
    await waitFor(() => expect(disabled(next())).toBe(false));
    await user.click(next());
    await user.click(await screen.findByRole('checkbox', { name: /AWS erases this device/ }));
    await user.click(next());
    await user.click(screen.getByRole('button', { name: 'Create job' }));
    expect(await screen.findByText(/does not exist in our records/)).toBeTruthy();
    expect(screen.getByText('The endpoint did not accept the manifest')).toBeTruthy();
    expect(client.calls.map((c) => c.op)).not.toContain('jobs.create');
    expect(disabled(next())).toBe(true);
  });

  it('creates the job after a clean ValidateOnly, bound to the chosen drive', async () => {
    const user = userEvent.setup();
    const client = setup({
      'inventory.start': ({ runId }) => ({
        runId,
        files: 0,
        bytes: 0,
        importedFiles: 0,
        importedBytes: 0,
        findings: [],
      }),
      'jobs.validate': () => ({ warning: null }),
      'jobs.create': () => ({ jobId: 'JOB42', jobType: 'Import', warning: null, signature: 'sig' }),
    });
    await fillJob(user);
    await user.click(next());
    await user.click(await screen.findByRole('radio', { name: /SanDisk Extreme/ }));
    await waitFor(() => expect(disabled(next())).toBe(false));
    await user.click(next());
    await user.click(await screen.findByRole('checkbox', { name: /AWS erases this device/ }));
    await user.click(next());
    await user.click(screen.getByRole('button', { name: 'Create job' }));
    expect(await screen.findByText('JOB42')).toBeTruthy();
    const ops = client.calls.map((c) => c.op);
    expect(ops.indexOf('jobs.validate')).toBeLessThan(ops.indexOf('jobs.create'));
    const create = client.calls.find((c) => c.op === 'jobs.create')?.args as {
      drive: { serial: string };
      manifestText: string;
    };
    expect(create.drive.serial).toBe('SN-4C530001');
    expect(create.manifestText).toContain('deviceId: SN-4C530001');
    expect(disabled(screen.getByRole('button', { name: 'Back' }))).toBe(true);
  });
});
