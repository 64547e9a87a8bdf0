// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App';
import { ClientContext } from '../../../renderer/src/client/client-context';
import { fakeClient } from './fake-client';

afterEach(cleanup);

describe('job change notifications in the page', () => {
  it('announces a returned device with carrier, tracking number and the tracking link', async () => {
    const client = fakeClient({
      'app.info': () => ({
        version: '0.1.0',
        host: 'station',
        endpointUrl: 'http://127.0.0.1:1',
        localTestEndpoint: true,
        endpointSource: 'no endpoint configured',
      }),
    });
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
    );
    await screen.findAllByText('Local test endpoint');
    act(() =>
      client.emit('jobs.changed', {
        jobId: 'RETRN',
        location: 'Returned',
        progress: 'Complete',
        message: 'Job RETRN: Your device has been returned.',
        carrier: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      }),
    );
    const status = screen.getByRole('status', { name: 'Job notifications' });
    expect(within(status).getByText('Job RETRN: Your device has been returned.')).toBeTruthy();
    expect(status.textContent).toContain('UPS tracking number 1Z999AA10123456784');
    expect(within(status).getByRole('link', { name: 'Track the parcel' }).getAttribute('href')).toBe(
      'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    );
    act(() => within(status).getByRole('button', { name: 'Dismiss' }).click());
    expect(status.textContent).toBe('');
  });
});
