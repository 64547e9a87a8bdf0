import { describe, expect, it } from 'vitest';
import type { ReturnAddress } from '../../../electron/protocol/manifest/types';
import { renderArtifactPdf, signatureBarcodeText } from '../../../electron/service/pdf/artifact';
import { facilityAddressLines } from '../../../electron/service/pdf/facility-address';
import { pdfPageCount, pdfText, pdfToolsSkipReason, scanBarcodes } from '../../helpers/pdf-tools';

const skip = pdfToolsSkipReason();

const RETURN: ReturnAddress = {
  name: 'Amazon.com ATTN Joe Random',
  street1: '1200 12th Ave S.',
  city: 'Seattle',
  stateOrProvince: 'WA',
  postalCode: '98144',
  phoneNumber: '206-266-0000',
  country: 'USA',
};
const SIGNATURE = 'DV+TpDfx1/TdSE9ktyK9k/bDTVI=';
const squash = (s: string): string => s.replace(/\s+/g, ' ');

describe.skipIf(skip !== undefined)('renderArtifactPdf', () => {
  it('encodes JOBID:SIGNATURE in Code 128 on four strips that scan back to the same value', async () => {
    const bytes = await renderArtifactPdf({
      jobId: 'ABCDE',
      jobKind: 'ebs-import',
      signature: SIGNATURE,
      deviceId: 'WD-WCC4E1234567',
      returnAddress: RETURN,
      facilityAddress: facilityAddressLines(['ABCDE']),
    });
    expect(await pdfPageCount(bytes)).toBe(2);
    const scanned = await scanBarcodes(bytes);
    expect(scanned.length).toBeGreaterThan(0);
    for (const code of scanned) {
      expect(code).toEqual({ page: 2, type: 'CODE-128', data: `ABCDE:${SIGNATURE}` });
    }
    const strips = squash(await pdfText(bytes, 2));
    for (const side of [1, 2, 3, 4])
      expect(strips).toContain(`JOB ABCDE side ${side} of 4 ABCDE:${SIGNATURE}`);
  });

  it('gives job information, return address and shipping instructions with the facility', async () => {
    const bytes = await renderArtifactPdf({
      jobId: 'Q9X7Z',
      jobKind: 'glacier-import',
      signature: SIGNATURE,
      deviceId: '',
      returnAddress: RETURN,
      facilityAddress: facilityAddressLines(['Q9X7Z']).join('\n'),
    });
    const info = squash(await pdfText(bytes, 1));
    expect(info).toContain('Amazon Glacier import: signature barcode');
    expect(info).toContain('Job ID Q9X7Z');
    expect(info).toMatch(/Device ID: _+ \(write the device serial number\)/);
    expect(info).toContain(`Signature: ${SIGNATURE}`);
    expect(info).toContain(
      'Amazon.com ATTN Joe Random 1200 12th Ave S. Seattle, WA 98144 USA Phone 206-266-0000',
    );
    expect(info).toContain('four sides');
    expect(info).toContain(
      'AWS Import/Export JOBID Q9X7Z 2646 Rainier Ave South Suite 1060 Seattle, WA 98144',
    );
  });

  it('renders without a return address and with a device id outside Latin-1', async () => {
    const bytes = await renderArtifactPdf({
      jobId: 'ABCDE',
      jobKind: 'ebs-import',
      signature: SIGNATURE,
      deviceId: 'ДИСК-1',
      facilityAddress: facilityAddressLines(['ABCDE']),
    });
    expect(squash(await pdfText(bytes, 1))).toContain('Device ID: ????-1');
  });

  it('refuses to print a barcode without a signature', async () => {
    await expect(
      renderArtifactPdf({
        jobId: 'ABCDE',
        jobKind: 'ebs-import',
        signature: '',
        deviceId: '',
        facilityAddress: facilityAddressLines(['ABCDE']),
      }),
    ).rejects.toThrow(/ABCDE has no signature/);
  });

  it('signatureBarcodeText joins job id and signature with a colon', () => {
    expect(signatureBarcodeText('ABCDE', SIGNATURE)).toBe(`ABCDE:${SIGNATURE}`);
  });
});
