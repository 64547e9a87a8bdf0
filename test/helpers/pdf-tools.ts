/**
 * Reading PDFs the way a person would, with independent tools: poppler's pdftotext for the words and
 * pdftoppm + zbarimg to scan the barcodes from a rendered page.
 *
 *   const skip = pdfToolsSkipReason();   // prints the reason; under CI=true it throws instead
 *   describe.skipIf(skip !== undefined)(...)
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Dots per inch for barcode scans: 4 px per 1 pt module at 300 dpi is ample for zbar. */
const SCAN_DPI = 300;

const TOOLS = [
  { bin: 'pdftotext', pkg: 'poppler-utils' },
  { bin: 'pdftoppm', pkg: 'poppler-utils' },
  { bin: 'zbarimg', pkg: 'zbar-tools' },
] as const;

function hasBinary(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function pdfToolsSkipReason(): string | undefined {
  const missing = TOOLS.filter((t) => !hasBinary(t.bin));
  if (missing.length === 0) return undefined;
  const reason = `missing ${missing.map((t) => t.bin).join(', ')} (apt-get install -y ${[...new Set(missing.map((t) => t.pkg))].join(' ')})`;
  if (process.env.CI === 'true') throw new Error(`PDF tests cannot run: ${reason}`);
  console.warn(`skipping PDF tests: ${reason}`);
  return reason;
}

async function withPdfFile<T>(bytes: Uint8Array, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, bytes);
    return await fn(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of every page (or of one, 1-based), in reading order. */
export async function pdfText(input: Uint8Array | string, page?: number): Promise<string> {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  if (typeof input === 'string') return (await run('pdftotext', [...pages, input, '-'])).stdout;
  return withPdfFile(input, async (file) => (await run('pdftotext', [...pages, file, '-'])).stdout);
}

export async function pdfPageCount(input: Uint8Array): Promise<number> {
  return withPdfFile(input, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN);
  });
}

export interface ScannedBarcode {
  page: number;
  /** zbar's symbology name, e.g. CODE-128. */
  type: string;
  data: string;
}

/** Renders every page and returns what zbarimg decodes on each (an empty list when nothing). */
export async function scanBarcodes(bytes: Uint8Array): Promise<ScannedBarcode[]> {
  return withPdfFile(bytes, async (file, dir) => {
    await run('pdftoppm', ['-r', String(SCAN_DPI), '-gray', '-png', file, path.join(dir, 'page')]);
    const pngs = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    const found: ScannedBarcode[] = [];
    for (const png of pngs) {
      const page = Number(/-(\d+)\.png$/.exec(png)?.[1]);
      // zbarimg exits 4 when a page has no barcode; that is an answer, not a failure.
      const result = await run('zbarimg', ['-q', path.join(dir, png)]).catch(
        (err: { code?: number; stdout?: string }) => {
          if (err.code === 4) return { stdout: '' };
          throw err;
        },
      );
      for (const line of result.stdout.split('\n').filter(Boolean)) {
        const colon = line.indexOf(':');
        found.push({ page, type: line.slice(0, colon), data: line.slice(colon + 1) });
      }
    }
    return found;
  });
}
