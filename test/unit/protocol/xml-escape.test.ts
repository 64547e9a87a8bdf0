import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildResponseXml, escapeXml, parseResponseXml } from '../../../electron/protocol/xml';
import { formatCreationDate } from '../../../electron/service/job-view';
import { jobMembers } from '../../../electron/service/operations/list-jobs';

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

describe('buildResponseXml', () => {
  it('writes lists as members, booleans and numbers as text, skips absent fields, escapes strings', () => {
    const xml = buildResponseXml(
      'ListJobs',
      {
        Jobs: [
          { JobId: 'ABCDE', CreationDate: '2010-03-28T20:27:35Z', IsCanceled: false, JobType: 'Import' },
          { JobId: 'A&<B>', CreationDate: '2010-03-28T20:27:36Z', IsCanceled: true, JobType: 'Export' },
        ],
        IsTruncated: true,
        Absent: undefined,
        Nothing: null,
      },
      'req-1',
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<ListJobsResponse xmlns="http://importexport.amazonaws.com/doc/2010-06-01/"><ListJobsResult><Jobs>' +
        '<member><JobId>ABCDE</JobId><CreationDate>2010-03-28T20:27:35Z</CreationDate><IsCanceled>false</IsCanceled><JobType>Import</JobType></member>' +
        '<member><JobId>A&amp;&lt;B&gt;</JobId><CreationDate>2010-03-28T20:27:36Z</CreationDate><IsCanceled>true</IsCanceled><JobType>Export</JobType></member>' +
        '</Jobs><IsTruncated>true</IsTruncated></ListJobsResult>' +
        '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListJobsResponse>',
    );
    expect(parseResponseXml('ListJobs', xml).result.Jobs[1]).toEqual({
      JobId: 'A&<B>',
      CreationDate: '2010-03-28T20:27:36Z',
      IsCanceled: true,
      JobType: 'Export',
    });
  });
});

describe("ListJobs' page of members, written in one string", () => {
  it('gives the same bytes as the generic builder, escaping included, and an empty page as <Jobs></Jobs>', () => {
    const jobs = [
      { seq: 2, id: 'ABCDE', createdAt: Date.UTC(2010, 2, 28, 20, 27, 35), canceled: false, type: 'Import' },
      {
        seq: 1,
        id: 'A&<B>',
        createdAt: Date.UTC(2010, 2, 28, 20, 27, 36, 999),
        canceled: true,
        type: 'Export',
      },
    ] as const;
    const generic = buildResponseXml(
      'ListJobs',
      {
        Jobs: jobs.map((j) => ({
          JobId: j.id,
          CreationDate: formatCreationDate(j.createdAt),
          IsCanceled: j.canceled,
          JobType: j.type,
        })),
        IsTruncated: false,
      },
      'req-1',
    );
    expect(buildResponseXml('ListJobs', { Jobs: jobMembers(jobs), IsTruncated: false }, 'req-1')).toBe(
      generic,
    );
    expect(buildResponseXml('ListJobs', { Jobs: jobMembers([]), IsTruncated: false }, 'r')).toContain(
      '<ListJobsResult><Jobs></Jobs><IsTruncated>false</IsTruncated>',
    );
  });
});
