/** Barcodes as PNGs from bwip-js, with their size in modules so the PDF can place them at a whole scale. */
// The `node` subpath: the package's bare entry resolves to the browser build under bundler resolution.
import { toBuffer } from 'bwip-js/node';

/** Pixels per module in the PNG; the PDF scales it, this only bounds the raster's sharpness. */
const PX_PER_MODULE = 4;
/** Bar height in modules (Code 128 has no fixed height; this keeps a short, scannable strip). */
const BAR_HEIGHT_MM = 15;

export interface BarcodePng {
  png: Uint8Array;
  /** Width and height in modules (px / PX_PER_MODULE). */
  widthModules: number;
  heightModules: number;
}

/** Code 128 of `text` without human-readable text (the PDF prints that itself in a standard font). */
export async function code128Png(text: string, heightMm = BAR_HEIGHT_MM): Promise<BarcodePng> {
  if (text.length === 0) throw new Error('A barcode needs at least one character to encode');
  const png = await toBuffer({
    bcid: 'code128',
    text,
    scale: PX_PER_MODULE,
    height: heightMm,
    includetext: false,
  });
  const { width, height } = pngSize(png);
  return {
    png: new Uint8Array(png),
    widthModules: width / PX_PER_MODULE,
    heightModules: height / PX_PER_MODULE,
  };
}

/** Width and height from a PNG's IHDR chunk (bytes 16..24, big-endian). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
