/** The IPC sender check with the URL strings Electron reports; 'electron' itself is the only fake. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ ipcMain: {}, protocol: {}, session: {}, shell: {} }));
const { isAppUrl, isTrustedSender } = await import('../../../electron/main/ipc');

type Contents = Parameters<typeof isTrustedSender>[1];
const ours = { id: 1 } as unknown as Contents;
const other = { id: 2 } as unknown as Contents;
const top = (url: string) => ({ url, parent: null });

describe('isAppUrl', () => {
  it.each([
    ['app://dockhand/index.html', true],
    ['app://dockhand/', true],
    ['app://dockhand/assets/index-abc.js?x=1#y', true],
    // Chromium canonicalises a standard scheme's host to lower case before Electron reports it; Node keeps
    // a non-special URL's host as written, so anything else is not a URL Electron would give us.
    ['app://DOCKHAND/index.html', false],
    ['app://evil/index.html', false],
    ['app://dockhand.evil/index.html', false],
    ['app://evil@dockhand/index.html', false],
    ['app://dockhand:1/index.html', false],
    ['https://dockhand/index.html', false],
    ['file:///app/dockhand/index.html', false],
    ['blob:app://dockhand/0c9b', false],
    ['data:text/html,hi', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('does not rely on URL.origin, which is "null" for app:// in Node and the main process', () => {
    expect(new URL('app://dockhand/index.html').origin).toBe('null');
    expect(isAppUrl('app://dockhand/index.html')).toBe(true);
  });
});

describe('isTrustedSender', () => {
  it("accepts our window's top-level app page only", () => {
    expect(isTrustedSender(top('app://dockhand/index.html'), ours, ours)).toBe(true);
  });
  it.each([
    [
      'an iframe of our page',
      { url: 'app://dockhand/index.html', parent: top('app://dockhand/index.html') },
      ours,
    ],
    ['a frame that is gone (senderFrame null)', null, ours],
    ['another window', top('app://dockhand/index.html'), other],
    ['our window on another site', top('https://example.com/'), ours],
  ])('refuses %s', (_what, frame, sender) => {
    expect(isTrustedSender(frame, sender, ours)).toBe(false);
  });
  it('refuses everything while there is no window of ours', () => {
    expect(isTrustedSender(top('app://dockhand/index.html'), ours, null)).toBe(false);
  });
});
