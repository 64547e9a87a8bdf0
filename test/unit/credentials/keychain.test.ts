import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCOUNT,
  KEYCHAIN_SERVICE,
  deleteFromKeychain,
  readDefaultFromKeychain,
  saveToKeychain,
} from '../../../electron/credentials/keychain';
import { resolveCredentials } from '../../../electron/credentials/resolve';
import { testKeychain } from '../../helpers/keychain';

const kc = await testKeychain();

describe.skipIf(!kc.available)('the OS keychain (gnome-keyring via keytar)', () => {
  afterEach(() => kc.cleanup());

  it('saves a key pair under the key id and remembers it as the default', async () => {
    await saveToKeychain(kc.keychain, { accessKeyId: 'AKIASAVED1', secretAccessKey: 'secret/with+chars=' });
    expect(await kc.keychain.getPassword(KEYCHAIN_SERVICE, 'AKIASAVED1')).toBe('secret/with+chars=');
    expect(await kc.keychain.getPassword(KEYCHAIN_SERVICE, DEFAULT_ACCOUNT)).toBe('AKIASAVED1');
    expect(await readDefaultFromKeychain(kc.keychain)).toEqual({
      accessKeyId: 'AKIASAVED1',
      secretAccessKey: 'secret/with+chars=',
    });
  });

  it('is where resolveCredentials looks last', async () => {
    await saveToKeychain(kc.keychain, { accessKeyId: 'AKIASAVED2', secretAccessKey: 's2' });
    const r = await resolveCredentials({ env: {}, homeDir: '/nonexistent-home', keychain: kc.keychain });
    expect(r.credentials.accessKeyId).toBe('AKIASAVED2');
    expect(r.source).toContain('keychain');
  });

  it('deleting the default key clears the default pointer; another key keeps it', async () => {
    await saveToKeychain(kc.keychain, { accessKeyId: 'AKIAONE', secretAccessKey: 'one' });
    await saveToKeychain(
      kc.keychain,
      { accessKeyId: 'AKIATWO', secretAccessKey: 'two' },
      { makeDefault: false },
    );
    expect(await deleteFromKeychain(kc.keychain, 'AKIATWO')).toBe(true);
    expect((await readDefaultFromKeychain(kc.keychain))?.accessKeyId).toBe('AKIAONE');
    expect(await deleteFromKeychain(kc.keychain, 'AKIAONE')).toBe(true);
    expect(await readDefaultFromKeychain(kc.keychain)).toBeUndefined();
    expect(await deleteFromKeychain(kc.keychain, 'AKIAONE')).toBe(false);
  });
});
