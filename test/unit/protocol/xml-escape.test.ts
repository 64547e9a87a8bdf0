import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../../electron/protocol/xml';

describe('escapeXml', () => {
  it('escapes each special character once, in one pass, and leaves plain text as it is', () => {
    expect(escapeXml('a & b < c > d "e" f\r\n')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; f&#13;\n');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
    expect(escapeXml('plain text, no specials')).toBe('plain text, no specials');
  });

  it('round-trips through an XML parser: what a client reads is what was written', () => {
    const value = 'name: "Jane" & <Roe>\r\nstreet1: 1 & 2';
    const parsed = new XMLParser({ parseTagValue: false, processEntities: true, htmlEntities: true }).parse(
      `<v>${escapeXml(value)}</v>`,
    ) as { v: string };
    expect(parsed.v).toBe(value);
  });
});
