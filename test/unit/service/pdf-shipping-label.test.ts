import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { ShippingAddress } from '../../../electron/protocol/api';
import { facilityAddressLines } from '../../../electron/service/pdf/facility-address';
import { LABEL_PAGE_SIZE_PT, renderShippingLabelPdf } from '../../../electron/service/pdf/shipping-label';
import { pdfText, pdfToolsSkipReason, scanBarcodes } from '../../helpers/pdf-tools';

const skip = pdfToolsSkipReason();

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

/** pdftotext keeps words but not always our spacing; compare on single spaces. */
const squash = (s: string): string => s.replace(/\s+/g, ' ');

describe.skipIf(skip !== undefined)('renderShippingLabelPdf', () => {
  it('prints the facility with the job ids, the sender, and a Code 128 barcode of the tracking number', async () => {
    const bytes = await renderShippingLabelPdf({
      jobIds: ['ABCDE', 'FGH12'],
      from: JANE,
      facilityAddress: facilityAddressLines(['ABCDE', 'FGH12']),
      trackingBarcode: '1Z9ABCDEFGH1234567',
    });
    const page1 = squash(await pdfText(bytes, 1));
    expect(page1).toContain(
      'AWS Import/Export JOBID ABCDE FGH12 2646 Rainier Ave South Suite 1060 Seattle, WA 98144',
    );
    expect(page1).toContain(
      'Jane Roe Example Corp. 123 Any Street Building 7 Anytown, WA 91011-1111 USA Phone 206-555-1111',
    );
    expect(page1).toContain('TRACKING #: 1Z9ABCDEFGH1234567');

    const scanned = await scanBarcodes(bytes);
    expect(scanned).toEqual([{ page: 1, type: 'CODE-128', data: '1Z9ABCDEFGH1234567' }]);
  });

  it('is a 4x6 in label followed by a packing slip and checklist naming every job', async () => {
    const bytes = await renderShippingLabelPdf({
      jobIds: ['ABCDE', 'FGH12'],
      from: JANE,
      facilityAddress: facilityAddressLines(['ABCDE', 'FGH12']),
      trackingBarcode: '1Z9ABCDEFGH1234567',
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([
      LABEL_PAGE_SIZE_PT,
      LABEL_PAGE_SIZE_PT,
    ]);
    const slip = squash(await pdfText(bytes, 2));
    expect(slip).toContain('PACKING SLIP');
    expect(slip).toMatch(/Job ID: ABCDE Device ID: _+ Job ID: FGH12 Device ID: _+/);
    expect(slip).toContain('Jane Roe Example Corp. Phone 206-555-1111');
    for (const item of ['on the device and on the box', 'cables', 'Power supply', 'One device per package']) {
      expect(slip).toContain(item);
    }
  });

  it("names each job's device on the packing slip when its deviceId is known", async () => {
    const bytes = await renderShippingLabelPdf({
      jobIds: ['ABCDE', 'FGH12'],
      from: JANE,
      facilityAddress: facilityAddressLines(['ABCDE', 'FGH12']),
      trackingBarcode: '1Z9ABCDEFGH1234567',
      deviceIds: { ABCDE: 'WD-WX31A12345' },
    });
    const slip = squash(await pdfText(bytes, 2));
    expect(slip).toMatch(/Job ID: ABCDE Device ID: WD-WX31A12345 Job ID: FGH12 Device ID: _+/);
  });

  it('adds the JOBID line when the facility address is given without one, as one string', async () => {
    const bytes = await renderShippingLabelPdf({
      jobIds: ['Q9X7Z'],
      from: JANE,
      facilityAddress: 'AWS Import/Export\n2646 Rainier Ave South Suite 1060\nSeattle, WA 98144',
      trackingBarcode: '1ZTEST',
    });
    expect(squash(await pdfText(bytes, 1))).toContain('AWS Import/Export JOBID Q9X7Z 2646 Rainier');
  });

  it('does not fail on names outside Latin-1: accents fold, other scripts become ?', async () => {
    const bytes = await renderShippingLabelPdf({
      jobIds: ['ABCDE'],
      from: { ...JANE, name: 'Łukasz Zoë 山田 Ŝ', company: 'Ąčme\nLtd' },
      facilityAddress: facilityAddressLines(['ABCDE']),
      trackingBarcode: '1Z9ABCDEFGH1234567',
    });
    const text = squash(await pdfText(bytes, 1));
    expect(text).toContain('Lukasz Zoë ?? S');
    expect(text).toContain('Acme Ltd');
  });

  it('keeps a label for many jobs on its pages and scannable', async () => {
    const ids = ['AAAAA', 'BBBBB', 'CCCCC', 'DDDDD', 'EEEEE', 'FFFFF', 'GGGGG', 'HHHHH', 'JJJJJ', 'KKKKK'];
    const bytes = await renderShippingLabelPdf({
      jobIds: ids,
      from: JANE,
      facilityAddress: facilityAddressLines(ids),
      trackingBarcode: '1Z0000000000000001',
    });
    const all = squash(await pdfText(bytes));
    for (const id of ids) expect(all).toContain(`Job ID: ${id}`);
    expect((await scanBarcodes(bytes)).map((b) => b.data)).toEqual(['1Z0000000000000001']);
  });

  it('refuses a label without job ids or without a tracking number, naming the field', async () => {
    const base = { from: JANE, facilityAddress: facilityAddressLines(['ABCDE']), trackingBarcode: '1Z1' };
    await expect(renderShippingLabelPdf({ ...base, jobIds: [' '] })).rejects.toThrow(/jobIds/);
    await expect(renderShippingLabelPdf({ ...base, jobIds: ['ABCDE'], trackingBarcode: '' })).rejects.toThrow(
      /trackingBarcode/,
    );
  });
});
