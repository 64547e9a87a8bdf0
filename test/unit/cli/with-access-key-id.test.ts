import { describe, expect, it } from 'vitest';
import { withAccessKeyId } from '../../../electron/cli/commands/create-job';
import { readManifest } from '../../../electron/protocol/manifest/index';

const BASE = `manifestVersion: 2.0
bucket: my-bucket
deviceId: D1
eraseDevice: yes
returnAddress:
    name: Jane Roe
    street1: 1 Main St
    city: Anytown
    stateOrProvince: WA
    postalCode: 91011
    phoneNumber: 206-555-1111
    country: USA
`;

describe('withAccessKeyId', () => {
  it('adds the signing key after manifestVersion when the manifest names none, so it reads as valid', () => {
    const { text, added } = withAccessKeyId(BASE, 'AKIAIOSFODNN7EXAMPLE');
    expect(added).toBe(true);
    expect(text.split('\n').slice(0, 2)).toEqual([
      'manifestVersion: 2.0',
      'accessKeyId: AKIAIOSFODNN7EXAMPLE',
    ]);
    const read = readManifest(text, 'Import');
    expect(read.ok && read.manifest.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
  });

  it('never changes a manifest that names a key, even another one (the endpoint then says which is wrong)', () => {
    const given = BASE.replace('bucket: my-bucket', 'accessKeyId: AKIAOTHERKEY00000000\nbucket: my-bucket');
    expect(withAccessKeyId(given, 'AKIAIOSFODNN7EXAMPLE')).toEqual({ text: given, added: false });
  });

  it('puts the line first when there is no manifestVersion line', () => {
    expect(withAccessKeyId('bucket: my-bucket\n', 'AKIAX').text).toBe(
      'accessKeyId: AKIAX\nbucket: my-bucket\n',
    );
  });
});
