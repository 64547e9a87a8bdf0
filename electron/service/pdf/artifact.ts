/**
 * The signature PDF of an EBS or Glacier import job (reference section 3): job information, shipping
 * instructions, and the signature barcode to tape to the device on all four sides. Page 1 is for the
 * person packing; page 2 holds four identical barcode strips to cut out, one per side.
 */
import { assertNever } from '../../protocol/status-codes';
import type { JobKind, ReturnAddress } from '../../protocol/manifest/types';
import { addressLines } from './address-lines';
import { code128 } from './barcode';
import { newDocument, toLines } from './document';
import { PageWriter } from './page-writer';

export interface ArtifactInput {
  jobId: string;
  /** EBS and Glacier imports get this PDF; S3 jobs use a SIGNATURE file, but render if asked. */
  jobKind: JobKind;
  /** The job's base64 signature (CreateJob's `Signature`). */
  signature: string;
  /** Empty when unknown; the page then leaves a line to write the device's id on. */
  deviceId: string;
  returnAddress?: ReturnAddress | undefined;
  /** Where to ship, as lines or one newline-separated string (see facilityAddressLines). */
  facilityAddress: string | readonly string[];
}

/** US letter, in PDF points: the file is printed on an office printer, then cut. */
export const ARTIFACT_PAGE_SIZE_PT: [number, number] = [8.5 * 72, 11 * 72];
const MARGIN_PT = 54;
const SIDES = 4;
const STRIP_BAR_HEIGHT_PT = 72;

/**
 * What the signature barcode encodes. Our choice (the real format is unpublished): Code 128 of
 * `JOBID:SIGNATURE`, e.g. `ABCDE:DV+TpDfx1/TdSE9ktyK9k/bDTVI=`. Code 128 rather than PDF417 because
 * every dock scanner reads it and so does zbar, which our tests decode it with.
 */
export function signatureBarcodeText(jobId: string, signature: string): string {
  return `${jobId}:${signature}`;
}

export function artifactTitle(kind: JobKind): string {
  switch (kind) {
    case 'ebs-import':
      return 'Amazon EBS import';
    case 'glacier-import':
      return 'Amazon Glacier import';
    case 's3-import':
      return 'Amazon S3 import';
    case 's3-export':
      return 'Amazon S3 export';
    default:
      return assertNever(kind);
  }
}

export async function renderArtifactPdf(input: ArtifactInput): Promise<Uint8Array> {
  const jobId = input.jobId.trim();
  const signature = input.signature.trim();
  if (!jobId) throw new Error('renderArtifactPdf: jobId is empty');
  if (!signature) {
    throw new Error(`renderArtifactPdf: job ${jobId} has no signature, so there is no barcode to print`);
  }
  const title = `${artifactTitle(input.jobKind)}: signature barcode`;
  const { doc, fonts } = await newDocument(`${title} for job ${jobId}`, 'AWS Import/Export job signature');
  const [width, height] = ARTIFACT_PAGE_SIZE_PT;
  const barcodeText = signatureBarcodeText(jobId, signature);
  const barcode = code128(barcodeText);
  const facility = toLines(input.facilityAddress);
  const deviceId = input.deviceId.trim();

  const w = new PageWriter(
    doc.addPage(ARTIFACT_PAGE_SIZE_PT),
    fonts,
    MARGIN_PT,
    width - MARGIN_PT,
    height - MARGIN_PT,
  );
  w.text('AWS Import/Export', { size: 10, font: 'bold' });
  w.text(title, { size: 20, font: 'bold', after: 6 });
  w.rule(1.5);
  w.text('Job ID', { size: 9, font: 'bold' });
  w.text(jobId, { size: 32, font: 'bold', after: 4 });
  w.text(`Job type: ${artifactTitle(input.jobKind)}`, { size: 10 });
  w.text(`Device ID: ${deviceId || '______________________________ (write the device serial number)'}`, {
    size: 10,
  });
  w.text(`Signature: ${signature}`, { size: 10, font: 'mono', after: 6 });
  if (input.returnAddress) {
    w.text('Return address (the device comes back here)', { size: 9, font: 'bold' });
    for (const line of addressLines(input.returnAddress)) w.text(line, { size: 9 });
    w.gap(6);
  }
  w.rule(1);
  w.text('Shipping instructions', { size: 12, font: 'bold', after: 4 });
  const steps = [
    'Print page 2 at 100% scale (not "fit to page") and cut out the four barcode strips along the dashed lines.',
    `Tape one strip to each of four sides of the device. A device whose barcode has come off is returned without processing.`,
    `Write the job ID ${jobId} on the device and on the box, and fill in the packing slip (job ID, device ID, contact).`,
    'Pack the power supply, power cable and interface cables with the device. One device per package.',
    `Get the prepaid UPS label (dockhand get-shipping-label --job-ids ${jobId} ...) and ship the package to:`,
  ];
  steps.forEach((step, i) => w.text(`${i + 1}. ${step}`, { size: 10, after: 3 }));
  w.gap(2);
  for (const line of facility) w.text(line, { size: 12, font: 'bold' });

  const strips = new PageWriter(
    doc.addPage(ARTIFACT_PAGE_SIZE_PT),
    fonts,
    MARGIN_PT,
    width - MARGIN_PT,
    height - MARGIN_PT,
  );
  strips.text(`Signature barcode for job ${jobId}: tape one strip to each of four sides of the device`, {
    size: 10,
    font: 'bold',
  });
  strips.dashedRule();
  for (let side = 1; side <= SIDES; side++) {
    strips.text(`AWS Import/Export  JOB ${jobId}  side ${side} of ${SIDES}`, {
      size: 9,
      font: 'bold',
      after: 4,
    });
    strips.barcode(barcode, 2, STRIP_BAR_HEIGHT_PT);
    strips.text(barcodeText, { size: 10, font: 'mono' });
    strips.dashedRule();
  }
  return doc.save();
}
