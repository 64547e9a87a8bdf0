import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { addressLines } from '../../../electron/service/pdf/address-lines';
import { facilityAddressLines } from '../../../electron/service/pdf/facility-address';
import { safeLine } from '../../../electron/service/pdf/safe-text';

describe('safeLine', async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  it.each([
    ['plain ASCII', 'Jane Roe', 'Jane Roe'],
    ['Latin-1 letters stay', 'Zoë Ångström, Straße', 'Zoë Ångström, Straße'],
    ['accents outside WinAnsi fold', 'Ąčme Ŝ', 'Acme S'],
    ['Polish Ł folds, ó stays', 'Łódź', 'Lódz'],
    ['CJK becomes ?', '山田', '??'],
    ['emoji becomes one ?', 'box 📦', 'box ?'],
    ['line breaks and tabs become spaces', 'a\r\nb\tc', 'a b c'],
  ])('%s', (_name, input, expected) => {
    const out = safeLine(input, font);
    expect(out).toBe(expected);
    expect(() => font.encodeText(out)).not.toThrow();
  });
});

describe('addressLines', () => {
  it.each([
    [
      'a full address',
      {
        name: 'Jane',
        company: 'C',
        street1: 'S1',
        street2: 'S2',
        city: 'Anytown',
        stateOrProvince: 'WA',
        postalCode: '9',
        country: 'USA',
        phoneNumber: '1',
      },
      ['Jane', 'C', 'S1', 'S2', 'Anytown, WA 9', 'USA', 'Phone 1'],
    ],
    [
      'no state',
      { name: 'A', city: 'Berlin', postalCode: '10115', country: 'DE' },
      ['A', 'Berlin, 10115', 'DE'],
    ],
    ['blank fields dropped', { name: ' ', street1: 'x', city: '' }, ['x']],
  ])('%s', (_name, input, expected) => {
    expect(addressLines(input)).toEqual(expected);
  });
});

describe('facilityAddressLines', () => {
  it('puts every job id on the JOBID line of the API sample address', () => {
    expect(facilityAddressLines(['TEST1'])).toEqual([
      'AWS Import/Export',
      'JOBID TEST1',
      '2646 Rainier Ave South Suite 1060',
      'Seattle, WA 98144',
    ]);
    expect(facilityAddressLines(['A', 'B'])[1]).toBe('JOBID A B');
  });
});
