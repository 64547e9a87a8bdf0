/**
 * Printing on Windows through pdf-to-printer (which drives a bundled SumatraPDF and lists printers with
 * PowerShell's Get-CimInstance Win32_Printer). Loaded on first use and injectable, so its use is tested here
 * with a stand-in for the module at the edge; the module itself only runs on Windows.
 */
import { LabelError, SAVE_INSTEAD_HINT } from './errors';

/** The part of pdf-to-printer Dockhand uses. */
export interface PdfToPrinter {
  getPrinters(): Promise<Array<{ name: string }>>;
  getDefaultPrinter(): Promise<{ name: string } | null>;
  print(
    pdf: string,
    options: { printer?: string; copies?: number; scale?: 'noscale'; silent?: boolean },
  ): Promise<void>;
}

export type PdfToPrinterLoader = () => Promise<PdfToPrinter>;

const PDF_TO_PRINTER_MODULE = 'pdf-to-printer';

export const loadPdfToPrinter: PdfToPrinterLoader = async () => {
  try {
    const m = (await import(PDF_TO_PRINTER_MODULE)) as { default?: PdfToPrinter } & PdfToPrinter;
    return m.default ?? m;
  } catch (err) {
    throw new LabelError(
      'PrintFailed',
      `The Windows printing module (pdf-to-printer) could not load: ${(err as Error).message.split('\n')[0]}; reinstall Dockhand, ${SAVE_INSTEAD_HINT}.`,
    );
  }
};

function failure(what: string, err: unknown): LabelError {
  const reason = err instanceof Error ? err.message : String(err);
  return new LabelError('PrintFailed', `${what} failed: ${reason.split('\n')[0]}; ${SAVE_INSTEAD_HINT}.`);
}

export async function listWindowsPrinters(
  load: PdfToPrinterLoader = loadPdfToPrinter,
): Promise<{ printers: string[]; defaultPrinter: string | undefined }> {
  const mod = await load();
  try {
    const [printers, def] = await Promise.all([mod.getPrinters(), mod.getDefaultPrinter()]);
    return { printers: printers.map((p) => p.name), defaultPrinter: def?.name };
  } catch (err) {
    throw failure('Listing the Windows printers', err);
  }
}

/**
 * Sends the PDF to a Windows printer. `noscale` keeps the 4×6 in label at its size; Windows' spooler gives
 * no job id back, so the printer's name stands in for it.
 */
export async function printOnWindows(
  file: string,
  printer: string,
  copies: number,
  load: PdfToPrinterLoader = loadPdfToPrinter,
): Promise<{ jobId: string; printer: string }> {
  const mod = await load();
  try {
    await mod.print(file, { printer, copies, scale: 'noscale', silent: true });
  } catch (err) {
    throw failure(`Printing ${file} on "${printer}"`, err);
  }
  return { jobId: `windows:${printer}`, printer };
}
