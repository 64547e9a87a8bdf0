/** A label made by the endpoint's renderer, printed through a real CUPS queue (cups-pdf) and read back. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabelError } from '../../../electron/labels/errors';
import { listPrinters, printPdf } from '../../../electron/labels/printers';
import { facilityAddressLines } from '../../../electron/service/pdf/facility-address';
import { renderShippingLabelPdf } from '../../../electron/service/pdf/shipping-label';
import { testCups } from '../../helpers/cups';
import { pdfText, pdfToolsSkipReason } from '../../helpers/pdf-tools';

const cups = await testCups();
const pdfSkip = pdfToolsSkipReason();
const PRINT_WAIT_MS = 30_000;

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!cups.available || pdfSkip !== undefined)('printing a shipping label through CUPS', () => {
  it('lists the queue and prints the label; the printed PDF has the job id and the facility', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-print-'));
    const file = path.join(dir, 'label.pdf');
    await writeFile(
      file,
      await renderShippingLabelPdf({
        jobIds: ['PRNT7'],
        from: {
          name: 'Jane Roe',
          street1: '123 Any Street',
          city: 'Anytown',
          postalCode: '91011',
          country: 'USA',
          phoneNumber: '206-555-1111',
        },
        facilityAddress: facilityAddressLines(['PRNT7']),
        trackingBarcode: '1ZPRINTTEST0000001',
      }),
    );
    const list = await listPrinters();
    expect(list.printers).toContain(cups.queue);

    const since = Date.now();
    const result = await printPdf(file, { printer: cups.queue, title: 'dockhand label PRNT7' });
    expect(result.printer).toBe(cups.queue);
    expect(result.jobId).toMatch(new RegExp(`^${cups.queue}-\\d+$`));

    const printed = await cups.waitForPrintedPdf(since, PRINT_WAIT_MS, result.jobId);
    const text = (await pdfText(printed)).replace(/\s+/g, ' ');
    expect(text).toContain('JOBID PRNT7');
    expect(text).toContain('Job ID: PRNT7');
    expect(text).toContain('2646 Rainier Ave South Suite 1060');
  });

  it('refuses an unknown printer and lists the real ones', async () => {
    const err = await printPdf(path.join(dir ?? os.tmpdir(), 'label.pdf'), {
      printer: 'no-such-printer',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabelError);
    expect((err as LabelError).code).toBe('UnknownPrinter');
    expect((err as LabelError).message).toMatch(
      new RegExp(`no printer "no-such-printer" \\(available: .*${cups.queue}`),
    );
  });
});
