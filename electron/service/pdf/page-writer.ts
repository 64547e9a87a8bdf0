/**
 * Top-down text and image placement on one pdf-lib page: the renderers say what goes where in reading
 * order, this keeps the running y, wraps long lines and shrinks text that must stay on one line.
 */
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { LinearBarcode } from './barcode';
import { safeLine } from './safe-text';

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

export type FontName = keyof Fonts;

export interface TextStyle {
  size: number;
  font?: FontName;
  /** Extra space below the line, in points. */
  after?: number;
}

const LINE_GAP = 1.2;
const BLACK = rgb(0, 0, 0);

export class PageWriter {
  /** Baseline position of the next line, from the page's bottom. */
  y: number;

  constructor(
    readonly page: PDFPage,
    readonly fonts: Fonts,
    readonly left: number,
    readonly right: number,
    top: number,
  ) {
    this.y = top;
  }

  get width(): number {
    return this.right - this.left;
  }

  /** Draws text, wrapping at spaces to the column width. */
  text(text: string, style: TextStyle): void {
    const font = this.fonts[style.font ?? 'regular'];
    for (const line of wrap(safeLine(text, font), font, style.size, this.width)) {
      this.y -= style.size;
      this.page.drawText(line, { x: this.left, y: this.y, size: style.size, font, color: BLACK });
      this.y -= style.size * (LINE_GAP - 1);
    }
    this.y -= style.after ?? 0;
  }

  /** Draws one line at the largest size up to `maxSize` that fits the column. */
  fitLine(text: string, maxSize: number, fontName: FontName = 'bold', after = 0): void {
    const font = this.fonts[fontName];
    const line = safeLine(text, font);
    const fitted = Math.min(maxSize, (this.width / Math.max(1, font.widthOfTextAtSize(line, 1))) * 0.999);
    this.text(line, { size: Math.max(1, fitted), font: fontName, after });
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(thickness = 1): void {
    this.y -= thickness + 2;
    this.page.drawLine({
      start: { x: this.left, y: this.y },
      end: { x: this.right, y: this.y },
      thickness,
      color: BLACK,
    });
    this.y -= 4;
  }

  dashedRule(): void {
    this.y -= 4;
    this.page.drawLine({
      start: { x: this.left, y: this.y },
      end: { x: this.right, y: this.y },
      thickness: 0.5,
      color: BLACK,
      dashArray: [4, 3],
    });
    this.y -= 6;
  }

  /** A check box followed by text, for checklists. */
  checkItem(text: string, size: number): void {
    const box = size * 0.9;
    const indent = box + size * 0.6;
    const font = this.fonts.regular;
    const lines = wrap(safeLine(text, font), font, size, this.width - indent);
    this.page.drawRectangle({
      x: this.left,
      y: this.y - size * 0.95,
      width: box,
      height: box,
      borderColor: BLACK,
      borderWidth: 0.8,
    });
    for (const line of lines) {
      this.y -= size;
      this.page.drawText(line, { x: this.left + indent, y: this.y, size, font, color: BLACK });
      this.y -= size * (LINE_GAP - 1);
    }
    this.y -= size * 0.3;
  }

  /**
   * Draws a barcode at a whole number of points per module where it fits, centred, so every bar keeps
   * its width when printed; narrower than 1 pt per module it scales down to the column width.
   */
  barcode(code: LinearBarcode, maxModulePt: number, heightPt: number): void {
    const fitModulePt = this.width / code.widthModules;
    const modulePt = fitModulePt >= 1 ? Math.min(maxModulePt, Math.floor(fitModulePt)) : fitModulePt;
    let x = this.left + (this.width - code.widthModules * modulePt) / 2;
    this.y -= heightPt;
    code.widths.forEach((modules, i) => {
      const width = modules * modulePt;
      // Even positions are bars, odd ones spaces.
      if (i % 2 === 0) this.page.drawRectangle({ x, y: this.y, width, height: heightPt, color: BLACK });
      x += width;
    });
    this.y -= 4;
  }
}

/** Greedy word wrap; a word longer than the width is broken by characters. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string): boolean => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/ +/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    let rest = word;
    while (rest && !fits(rest)) {
      let n = rest.length - 1;
      while (n > 1 && !fits(rest.slice(0, n))) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    current = rest;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}
