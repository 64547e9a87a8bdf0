/**
 * Code 128 as bar widths from bwip-js, drawn by the PDF as vector rectangles. Not a PNG: bwip-js PNGs
 * carry an alpha channel, pdf-lib embeds that as a soft mask, and CUPS's PDF-to-PostScript step then
 * rasterizes the whole page (the label's text was lost in a cups-pdf print test). Vector bars also stay
 * sharp at any printer resolution.
 */
// The `node` subpath: the package's bare entry resolves to the browser build under bundler resolution.
import bwipjs from 'bwip-js/node';

export interface LinearBarcode {
  /** Alternating bar and space widths in modules, starting with a bar. */
  widths: number[];
  /** Total width in modules, quiet zones excluded. */
  widthModules: number;
}

/** Code 128 of `text`; bwip-js picks the code sets. */
export function code128(text: string): LinearBarcode {
  if (text.length === 0) throw new Error('A barcode needs at least one character to encode');
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js gave no Code 128 bars for "${text}"`);
  const widths = [...symbol.sbs];
  return { widths, widthModules: widths.reduce((a, b) => a + b, 0) };
}
