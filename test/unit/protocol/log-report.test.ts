import { describe, expect, it } from 'vitest';
import {
  formatLogDate,
  formatLogReport,
  logKeyFor,
  parseLogReport,
  type LogRow,
} from '../../../electron/protocol/log-report';

const row = (file: string, extra: Partial<LogRow> = {}): LogRow => ({
  dateTime: 'Tue 03 Feb 2009 21:57:43 GMT',
  file,
  status: 200,
  code: 'OK',
  key: `myawsbucket/${file}`,
  md5: 'f60fe317bc497b1204b327094959eb64',
  bytes: 13,
  contentType: 'text/plain',
  ...extra,
});

describe('log report', () => {
  it('reads the DG sample rows, with or without the header', () => {
    const text =
      'DateTime,File,Status,Code,Key,MD5,Bytes,Content-Type\n' +
      'Tue 03 Feb 2009 21:57:43 GMT,SIGNATURE,103,Ignored,,,90,text/plain\n' +
      'Tue 03 Feb 2009 21:57:43 GMT,Notice.txt,200,OK,myawsbucket/Notice.txt,f60fe317bc497b1204b327094959eb64,13,text/plain\n';
    const rows = parseLogReport(text);
    expect(rows.map((r) => [r.file, r.status, r.code, r.bytes])).toEqual([
      ['SIGNATURE', 103, 'Ignored', 90],
      ['Notice.txt', 200, 'OK', 13],
    ]);
    expect(parseLogReport(text.split('\n').slice(1).join('\n'))).toEqual(rows);
  });

  it('round-trips names with commas, quotes and newlines, and CRLF line endings', () => {
    const rows = [row('a,b.txt'), row('say "hi".txt'), row('two\nlines.txt'), row('plain/é.txt')];
    const text = formatLogReport(rows);
    expect(parseLogReport(text)).toEqual(rows);
    expect(parseLogReport(text.replace(/\n/g, '\r\n').replaceAll('two\r\nlines', 'two\nlines'))).toEqual(
      rows,
    );
  });

  it('names the line of a short row', () => {
    expect(() => parseLogReport('DateTime,File\nx,y,200\n')).toThrow(/line 2/);
  });

  it('formats the key and the date as the DG does', () => {
    expect(logKeyFor('import', 'TSTD1', 'logs/')).toBe('logs/import-log-TSTD1');
    expect(formatLogDate(new Date('2009-02-03T21:57:43Z'))).toBe('Tue 03 Feb 2009 21:57:43 GMT');
  });
});
