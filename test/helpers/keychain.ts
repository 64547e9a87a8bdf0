/**
 * The real OS keychain for tests, through keytar. Tests run it inside build/with-keyring.sh (a private
 * D-Bus session with an unlocked gnome-keyring). Entries go under a per-run service name, so a developer's
 * own `dockhand` entries are never touched, and `cleanup()` removes what a test wrote.
 *
 *   const kc = await testKeychain();
 *   describe.skipIf(!kc.available)(...)  // with kc.skipReason printed; under CI=true it throws instead
 */
import { randomBytes } from 'node:crypto';
import { systemKeychain, type Keychain } from '../../electron/credentials/keychain';

/** A keychain that does not answer within this long is as good as absent (D-Bus activation can hang). */
const PROBE_TIMEOUT_MS = 5_000;

export interface TestKeychain {
  available: boolean;
  skipReason: string;
  /** The real keychain, with every service name suffixed for this run. */
  keychain: Keychain;
  /** Removes every entry written through `keychain`. */
  cleanup(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export async function testKeychain(): Promise<TestKeychain> {
  const real = systemKeychain();
  const suffix = `-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  const written = new Set<string>();
  const key = (service: string, account: string): string => JSON.stringify([service + suffix, account]);
  const keychain: Keychain = {
    getPassword: (s, a) => real.getPassword(s + suffix, a),
    setPassword: async (s, a, p) => {
      written.add(key(s, a));
      await real.setPassword(s + suffix, a, p);
    },
    deletePassword: (s, a) => real.deletePassword(s + suffix, a),
  };
  const cleanup = async (): Promise<void> => {
    for (const k of written) {
      const [s, a] = JSON.parse(k) as [string, string];
      await real.deletePassword(s, a).catch(() => false);
    }
    written.clear();
  };
  let skipReason = '';
  try {
    await withTimeout(
      keychain.setPassword('dockhand-probe', 'probe', 'x'),
      PROBE_TIMEOUT_MS,
      'the secret service',
    );
    const back = await withTimeout(
      keychain.getPassword('dockhand-probe', 'probe'),
      PROBE_TIMEOUT_MS,
      'the secret service',
    );
    if (back !== 'x') skipReason = 'the keychain did not return what was stored';
    await cleanup();
  } catch (err) {
    skipReason = `no OS keychain answers (${(err as Error).message.split('\n')[0]}); run tests via build/with-keyring.sh`;
  }
  if (skipReason && process.env.CI === 'true') {
    throw new Error(`CI=true but ${skipReason}`);
  }
  if (skipReason) console.warn(`skipping keychain tests: ${skipReason}`);
  return { available: !skipReason, skipReason, keychain, cleanup };
}
