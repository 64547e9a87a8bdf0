import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShippingAddress } from '../../../electron/protocol/api';
import {
  fillFromRemembered,
  loadReturnAddress,
  rememberReturnAddress,
} from '../../../electron/labels/return-address';
import { updateSettings } from '../../../electron/settings/settings-file';

const JANE: ShippingAddress = {
  name: 'Jane Roe',
  company: 'Example Corp.',
  street1: '123 Any Street',
  street2: 'Building 7',
  city: 'Anytown',
  stateOrProvince: 'WA',
  postalCode: '91011-1111',
  country: 'USA',
  phoneNumber: '206-555-1111',
};

describe('fillFromRemembered', () => {
  it.each<[string, ShippingAddress, ShippingAddress | undefined, ShippingAddress, string[]]>([
    ['nothing remembered', { name: 'A' }, undefined, { name: 'A' }, []],
    [
      'everything from memory',
      {},
      JANE,
      JANE,
      [
        'name',
        'company',
        'street1',
        'street2',
        'city',
        'stateOrProvince',
        'postalCode',
        'country',
        'phoneNumber',
      ],
    ],
    [
      'given fields win',
      { name: 'Joe', phoneNumber: '1' },
      JANE,
      { ...JANE, name: 'Joe', phoneNumber: '1' },
      ['company', 'street1', 'street2', 'city', 'stateOrProvince', 'postalCode', 'country'],
    ],
    [
      'a new street1 does not inherit the old street2',
      { street1: '9 New Road' },
      JANE,
      { ...JANE, street1: '9 New Road', street2: undefined },
      ['name', 'company', 'city', 'stateOrProvince', 'postalCode', 'country', 'phoneNumber'],
    ],
    [
      'a new city does not inherit the old postal code',
      { city: 'Berlin', country: 'DE' },
      JANE,
      {
        name: 'Jane Roe',
        company: 'Example Corp.',
        street1: '123 Any Street',
        street2: 'Building 7',
        city: 'Berlin',
        country: 'DE',
        phoneNumber: '206-555-1111',
      },
      ['name', 'company', 'street1', 'street2', 'phoneNumber'],
    ],
    ['blank flags count as not given', { name: '  ' }, { name: 'Jane' }, { name: 'Jane' }, ['name']],
  ])('%s', (_n, given, remembered, expected, filled) => {
    const result = fillFromRemembered(given, remembered);
    expect(result.address).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(result.filled).toEqual(filled);
  });
});

describe('remembering the return address', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-addr-'));
    file = path.join(dir, 'settings.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips the address and keeps the endpoint URL and printer', async () => {
    await updateSettings(file, { endpointUrl: 'https://importexport.amazonaws.com', labelPrinter: 'Zebra' });
    await rememberReturnAddress({ ...JANE, street3: '' }, file);
    expect(await loadReturnAddress(file)).toEqual({ address: JANE });
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(raw.endpointUrl).toBe('https://importexport.amazonaws.com');
    expect(raw.labelPrinter).toBe('Zebra');
  });

  it('reports a wrong-shaped remembered address instead of using it', async () => {
    await writeFile(file, JSON.stringify({ returnAddress: { name: 42 } }));
    const loaded = await loadReturnAddress(file);
    expect(loaded.address).toBeUndefined();
    expect(loaded.problem).toMatch(/"returnAddress" is not an address/);
  });

  it('reports a corrupt settings file and then moves it aside on save', async () => {
    await writeFile(file, 'not json');
    expect((await loadReturnAddress(file)).problem).toMatch(/settings\.json is unreadable \(not valid JSON/);
    const written = await rememberReturnAddress(JANE, file);
    expect(written.movedCorruptFileTo).toMatch(/settings\.json\.corrupt-/);
    expect(await readFile(written.movedCorruptFileTo as string, 'utf8')).toBe('not json');
    expect((await loadReturnAddress(file)).address).toEqual(JANE);
  });
});
