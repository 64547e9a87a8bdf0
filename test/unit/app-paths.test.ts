import { describe, expect, it } from 'vitest';
import { appDataDir, appPaths, type PlatformContext } from '../../electron/app-paths';

const linux: PlatformContext = { platform: 'linux', homedir: '/home/ada' };
const mac: PlatformContext = { platform: 'darwin', homedir: '/Users/ada' };
const win: PlatformContext = { platform: 'win32', homedir: 'C:\\Users\\ada' };

describe('appDataDir: the same data directory for the app and the CLI, per platform', () => {
  it.each<[string, NodeJS.ProcessEnv, PlatformContext, string]>([
    ['Linux, XDG_DATA_HOME set', { XDG_DATA_HOME: '/data/xdg' }, linux, '/data/xdg/dockhand'],
    ['Linux, XDG_DATA_HOME unset', {}, linux, '/home/ada/.local/share/dockhand'],
    ['Linux, XDG_DATA_HOME empty', { XDG_DATA_HOME: '' }, linux, '/home/ada/.local/share/dockhand'],
    [
      'Linux, XDG_DATA_HOME relative (invalid per XDG)',
      { XDG_DATA_HOME: 'rel' },
      linux,
      '/home/ada/.local/share/dockhand',
    ],
    [
      'FreeBSD follows XDG too',
      {},
      { platform: 'freebsd', homedir: '/home/ada' },
      '/home/ada/.local/share/dockhand',
    ],
    ['macOS', { XDG_DATA_HOME: '/ignored' }, mac, '/Users/ada/Library/Application Support/Dockhand'],
    [
      'Windows, APPDATA set',
      { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
      win,
      'C:\\Users\\ada\\AppData\\Roaming\\Dockhand',
    ],
    ['Windows, APPDATA unset', {}, win, 'C:\\Users\\ada\\AppData\\Roaming\\Dockhand'],
    ['DOCKHAND_HOME over XDG on Linux', { DOCKHAND_HOME: '/srv/dh', XDG_DATA_HOME: '/x' }, linux, '/srv/dh'],
    ['DOCKHAND_HOME over macOS', { DOCKHAND_HOME: '/Volumes/Work/dh' }, mac, '/Volumes/Work/dh'],
    ['DOCKHAND_HOME over APPDATA on Windows', { DOCKHAND_HOME: 'D:\\dh', APPDATA: 'C:\\x' }, win, 'D:\\dh'],
  ])('%s', (_name, env, ctx, expected) => {
    expect(appDataDir(env, ctx)).toBe(expected);
  });

  it("keeps Electron's own profile in a folder of its own under the same root", () => {
    expect(appPaths({}, mac)).toEqual({
      root: '/Users/ada/Library/Application Support/Dockhand',
      endpointDir: '/Users/ada/Library/Application Support/Dockhand/endpoint',
      journalFile: '/Users/ada/Library/Application Support/Dockhand/journal.sqlite',
      settingsFile: '/Users/ada/Library/Application Support/Dockhand/settings.json',
      electronUserDataDir: '/Users/ada/Library/Application Support/Dockhand/electron',
    });
    expect(appPaths({}, win).electronUserDataDir).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Dockhand\\electron',
    );
  });
});
