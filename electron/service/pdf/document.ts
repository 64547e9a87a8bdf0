/** What both PDF renderers share: a document with the three standard fonts and its metadata. */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Fonts } from './page-writer';
import { safeLine } from './safe-text';

export interface NewDocument {
  doc: PDFDocument;
  fonts: Fonts;
}

export async function newDocument(title: string, subject: string): Promise<NewDocument> {
  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  // Metadata strings are UTF-16 in the file and could hold anything; kept to what the page shows.
  doc.setTitle(safeLine(title, fonts.regular));
  doc.setSubject(safeLine(subject, fonts.regular));
  doc.setCreator('Dockhand');
  doc.setProducer('Dockhand (pdf-lib)');
  return { doc, fonts };
}

/** `facilityAddress` as lines, whether given as lines or as one newline-separated string. */
export function toLines(text: string | readonly string[]): string[] {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : [...text];
  return lines.map((l) => l.trim()).filter((l) => l.length > 0);
}
