// @vitest-environment jsdom
/** The Settings page where the OS keychain is unavailable: it says so before a key is typed, and what happens to it. */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CredentialsStatus } from '../../../electron/shared/contract';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { SettingsPage } from '../../../renderer/src/settings/SettingsPage';
import { fakeClient, type FakeHandlers } from './fake-client';

afterEach(cleanup);

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PROBLEM =
  'The OS keychain is not available: keytar, the module Dockhand reaches it through, is not installed. To use the keychain, install libsecret-1-0 and libsecret-1-dev, then run npm install in the folder of Dockhand to build keytar.';

const base: FakeHandlers = {
  'app.info': () => ({
    version: '0.1.0',
    host: 'station',
    endpointUrl: 'https://importexport.example.com',
    localTestEndpoint: false,
    endpointSource: 'settings',
  }),
  'settings.get': () => ({}),
  'printers.list': () => [],
};

describe('Settings without a keychain', () => {
  it('says the keychain is unavailable and that a key is kept in memory for this session only', async () => {
    const user = userEvent.setup();
    let status: CredentialsStatus = {
      source: null,
      accessKeyId: null,
      fromKeychain: false,
      keychainAvailable: false,
      problem: PROBLEM,
    };
    const client = fakeClient({
      ...base,
      'credentials.status': () => status,
      'credentials.save': ({ accessKeyId }) => {
        status = {
          source: 'the key entered in Settings (kept in memory until Dockhand closes)',
          accessKeyId,
          fromKeychain: false,
          fromSession: true,
          keychainAvailable: false,
          problem: PROBLEM,
        };
        return status;
      },
      'credentials.clear': () => {
        status = {
          source: null,
          accessKeyId: null,
          fromKeychain: false,
          keychainAvailable: false,
          problem: PROBLEM,
        };
        return status;
      },
    });
    render(
      <ClientContext.Provider value={client}>
        <SettingsPage />
      </ClientContext.Provider>,
    );
    expect((await screen.findAllByText(PROBLEM)).length).toBeGreaterThan(0);
    expect(
      screen.getByText(/kept in memory only, until Dockhand closes; it is never written to a file/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save in keychain' })).toBeNull();

    await user.type(screen.getByLabelText('Access key ID'), 'AKIAIOSFODNN7EXAMPLE');
    await user.type(screen.getByLabelText('Secret access key'), SECRET);
    await user.click(screen.getByRole('button', { name: 'Use for this session' }));
    await screen.findByText(/Key in use until Dockhand closes\. It is held in memory only/);
    expect(screen.getByText('AKIAIOSFODNN7EXAMPLE')).toBeTruthy();
    expect(document.body.textContent).not.toContain(SECRET);

    await user.click(screen.getByRole('button', { name: 'Forget this key' }));
    await screen.findByText('The key held for this session is forgotten.');
    expect(client.calls.map((c) => c.op)).toContain('credentials.clear');
  });
});
