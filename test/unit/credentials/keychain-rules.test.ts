/** What Dockhand says when the keychain cannot be used, per platform and per cause (pure rules). */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  isKeytarMissing,
  keychainUnavailableMessage,
  keytarInstallAdvice,
} from '../../../electron/credentials/keychain';

describe('keytarInstallAdvice', () => {
  it.each([
    [
      'linux',
      /sudo apt-get install libsecret-1-0 libsecret-1-dev.*npm install in Dockhand.s folder to build keytar/,
    ],
    ['darwin', /xcode-select --install.*npm install in Dockhand.s folder to build keytar/],
    ['win32', /Visual Studio C\+\+ build tools.*npm install in Dockhand.s folder to build keytar/],
    ['freebsd', /npm install in Dockhand.s folder to build keytar/],
  ] as const)('on %s: %s', (platform, advice) => {
    expect(keytarInstallAdvice(platform)).toMatch(advice);
  });
});

describe('keychainUnavailableMessage', () => {
  it('for a missing keytar names the module, the install step and the other ways to sign', () => {
    const m = keychainUnavailableMessage('not-installed', "Cannot find package 'keytar'", 'linux');
    expect(m).toMatch(/^The OS keychain is not available: keytar/);
    expect(m).toContain('libsecret-1-dev');
    expect(m).toContain('AWS_ACCESS_KEY_ID');
  });

  it('for a keychain that does not answer says why, without install advice', () => {
    const m = keychainUnavailableMessage(
      'no-service',
      'Cannot autolaunch D-Bus without X11 $DISPLAY',
      'linux',
    );
    expect(m).toBe(
      'The OS keychain is not available (Cannot autolaunch D-Bus without X11 $DISPLAY). Instead, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, add a profile to ~/.aws/credentials, or pass --profile NAME.',
    );
  });
});

describe('isKeytarMissing', () => {
  const require = createRequire(import.meta.url);
  const thrown = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (err) {
      return err;
    }
    throw new Error('expected a throw');
  };

  it('is true for what Node throws when the package or its binary is absent', async () => {
    const esm = await import('keytar-absent-' + 'package').catch((e: unknown) => e);
    expect(isKeytarMissing(esm)).toBe(true);
    expect(isKeytarMissing(thrown(() => require('./keytar-absent/build/Release/keytar.node')))).toBe(true);
  });

  it.each([
    [
      'a library the binary links against is missing',
      'libsecret-1.so.0: cannot open shared object file: No such file or directory',
      true,
    ],
    ['the binary was never built', "Cannot find module '../build/Release/keytar.node'", true],
    ['the keychain is locked', 'Cannot create an item in a locked collection', false],
    ['no D-Bus session', 'Cannot autolaunch D-Bus without X11 $DISPLAY', false],
  ])('%s → %s', (_what, message, missing) => {
    expect(isKeytarMissing(new Error(message))).toBe(missing);
  });
});
