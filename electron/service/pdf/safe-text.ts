/**
 * The standard PDF fonts only encode WinAnsi (roughly Latin-1). pdf-lib throws on anything else, and a
 * label must not fail because a sender is called Łukasz or 山田. Our choice: keep what the font can
 * encode, fold accents it cannot (NFKD, combining marks dropped), and replace the rest with
 * REPLACEMENT_CHAR. Embedding a Unicode font would mean shipping a font file for every script.
 */
import type { PDFFont } from 'pdf-lib';

export const REPLACEMENT_CHAR = '?';

const COMBINING_MARKS = /\p{M}/gu;
/** Letters NFKD does not decompose but readers expect folded, not replaced. */
const FOLDS: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' };
const LINE_BREAKS_AND_CONTROLS = /[\p{Cc}\u2028\u2029]+/gu;

/** A single line of text the given standard font can draw. Pure apart from reading the font's charset. */
export function safeLine(text: string, font: PDFFont): string {
  const encodable = charsetOf(font);
  let out = '';
  for (const ch of text.replace(LINE_BREAKS_AND_CONTROLS, ' ')) {
    out += encodable.has(ch.codePointAt(0) ?? 0) ? ch : fold(ch, encodable);
  }
  return out;
}

function fold(ch: string, encodable: ReadonlySet<number>): string {
  const base = FOLDS[ch] ?? ch.normalize('NFKD').replace(COMBINING_MARKS, '');
  if (base.length === 0) return REPLACEMENT_CHAR;
  for (const c of base) if (!encodable.has(c.codePointAt(0) ?? 0)) return REPLACEMENT_CHAR;
  return base;
}

const charsets = new WeakMap<PDFFont, ReadonlySet<number>>();
function charsetOf(font: PDFFont): ReadonlySet<number> {
  let set = charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsets.set(font, set);
  }
  return set;
}
