/**
 * The prepaid shipping label GetShippingLabel's URL serves (reference 8.2, 8.3): page 1 is a 4x6 in
 * UPS-style label (sender, AWS facility with the job ids, tracking barcode); page 2 is the packing slip
 * and the pre-shipping checklist. Both pages are 4x6 in so a thermal label printer takes the whole file.
 */
import type { PDFDocument } from 'pdf-lib';
import type { ShippingAddress } from '../../protocol/api';
import { addressLines } from './address-lines';
import { code128 } from './barcode';
import { newDocument, toLines } from './document';
import { facilityAddressLines, jobIdLine } from './facility-address';
import { PageWriter, type Fonts } from './page-writer';

export interface ShippingLabelInput {
  jobIds: string[];
  /** The sender, as given to GetShippingLabel. */
  from: ShippingAddress;
  /**
   * Where the package goes, as lines or one newline-separated string. A `JOBID ...` line is added after
   * the first line when the caller's lines have none, since a package without it is refused.
   */
  facilityAddress: string | readonly string[];
  /** What the Code 128 barcode encodes, e.g. a UPS-style `1Z...` tracking number. */
  trackingBarcode: string;
  /** Printed in the service band; DEFAULT_SERVICE_LEVEL when absent. */
  serviceLevel?: string;
  /** Each job's manifest deviceId, printed on the packing slip; a blank line to fill in when unknown. */
  deviceIds?: Readonly<Record<string, string>>;
}

/** 4 x 6 in, the common thermal shipping-label size, in PDF points. */
export const LABEL_PAGE_SIZE_PT: [number, number] = [4 * 72, 6 * 72];
const MARGIN_PT = 14;
/** The service band's text when none is given. Our choice: the real labels' service is unknown. */
export const DEFAULT_SERVICE_LEVEL = 'UPS GROUND';
const JOB_IDS_PER_LINE = 3;
const JOB_ID_MAX_SIZE_PT = 36;
const TRACKING_BAR_HEIGHT_PT = 58;

export async function renderShippingLabelPdf(input: ShippingLabelInput): Promise<Uint8Array> {
  const jobIds = input.jobIds.map((id) => id.trim()).filter((id) => id.length > 0);
  if (jobIds.length === 0) throw new Error('renderShippingLabelPdf: jobIds must name at least one job');
  if (input.trackingBarcode.trim().length === 0) {
    throw new Error('renderShippingLabelPdf: trackingBarcode is empty; the label needs a tracking number');
  }
  const { doc, fonts } = await newDocument(
    `Shipping label for ${jobIds.join(', ')}`,
    'AWS Import/Export prepaid shipping label',
  );
  drawLabelPage(doc, fonts, { ...input, jobIds });
  drawPackingSlip(doc, fonts, { ...input, jobIds });
  return doc.save();
}

function drawLabelPage(doc: PDFDocument, fonts: Fonts, input: ShippingLabelInput): void {
  const page = doc.addPage(LABEL_PAGE_SIZE_PT);
  const [width, height] = LABEL_PAGE_SIZE_PT;
  const w = new PageWriter(page, fonts, MARGIN_PT, width - MARGIN_PT, height - MARGIN_PT);

  w.text('FROM:', { size: 7, font: 'bold', after: 1 });
  for (const line of addressLines(input.from)) w.text(line, { size: 8 });
  w.rule(1.5);
  w.fitLine(`PREPAID  ${input.serviceLevel?.trim() || DEFAULT_SERVICE_LEVEL}`.toUpperCase(), 16, 'bold');
  w.rule(1.5);

  w.text('SHIP TO:', { size: 7, font: 'bold', after: 2 });
  for (const line of withJobIdLine(toLines(input.facilityAddress), input.jobIds)) {
    w.text(line, { size: 12, font: 'bold' });
  }
  w.rule(1.5);

  w.text(input.jobIds.length > 1 ? 'JOB IDS' : 'JOB ID', { size: 7, font: 'bold', after: 2 });
  const idLines = chunk(input.jobIds, JOB_IDS_PER_LINE).map((ids) => ids.join('  '));
  const maxSize = Math.min(JOB_ID_MAX_SIZE_PT, (JOB_ID_MAX_SIZE_PT * 2) / idLines.length);
  for (const line of idLines) w.fitLine(line, maxSize, 'bold');
  w.rule(1.5);

  w.text(`TRACKING #: ${input.trackingBarcode}`, { size: 9, font: 'bold', after: 4 });
  w.barcode(code128(input.trackingBarcode), 2, TRACKING_BAR_HEIGHT_PT);
  w.gap(2);
  w.text(
    'Ship by UPS only, with this label on the outside of the package. Packages without it come back unprocessed.',
    { size: 6.5 },
  );
}

function drawPackingSlip(doc: PDFDocument, fonts: Fonts, input: ShippingLabelInput): void {
  const [width, height] = LABEL_PAGE_SIZE_PT;
  const newPage = (): PageWriter =>
    new PageWriter(doc.addPage(LABEL_PAGE_SIZE_PT), fonts, MARGIN_PT, width - MARGIN_PT, height - MARGIN_PT);
  let w = newPage();
  const room = (points: number): void => {
    if (w.y - points < MARGIN_PT) w = newPage();
  };

  w.text('PACKING SLIP', { size: 14, font: 'bold', after: 2 });
  w.text('Put this page inside the package, on top of the device.', { size: 7, after: 4 });
  for (const jobId of input.jobIds) {
    room(30);
    w.text(`Job ID: ${jobId}`, { size: 10, font: 'bold' });
    const deviceId = input.deviceIds?.[jobId]?.trim();
    w.text(`Device ID: ${deviceId || '______________________________'}`, { size: 9, after: 3 });
  }
  room(80);
  w.gap(4);
  w.text('Contact', { size: 8, font: 'bold' });
  const contact = [
    input.from.name,
    input.from.company,
    input.from.phoneNumber && `Phone ${input.from.phoneNumber}`,
  ];
  for (const line of contact) if (line && line.trim()) w.text(line.trim(), { size: 8 });
  w.text(`Tracking number: ${input.trackingBarcode}`, { size: 8, after: 2 });
  w.rule(1);

  room(120);
  w.text('BEFORE YOU SHIP', { size: 10, font: 'bold', after: 3 });
  const checklist = [
    `Job ID written on the device and on the box (${input.jobIds.join(', ')})`,
    'Interface cables packed with the device',
    'Power supply and power cable packed with the device',
    'One device per package',
    'Label (page 1) taped to the outside of the box; this slip inside',
  ];
  for (const item of checklist) {
    room(14);
    w.checkItem(item, 8);
  }
}

/** The caller's facility lines, with the job ids line the carrier and the dock need. */
function withJobIdLine(lines: string[], jobIds: readonly string[]): string[] {
  if (lines.length === 0) return facilityAddressLines(jobIds);
  if (lines.some((l) => /^JOBID\b/i.test(l))) return lines;
  const [first, ...rest] = lines;
  return [first as string, jobIdLine(jobIds), ...rest];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
