/** --query and --output as an AWS CLI user reads them: the text layout of awscli/text.py, JMESPath first. */
import { describe, expect, it } from 'vitest';
import { formatText, prepareRenderer, QueryError } from '../../../electron/cli/output';

const LIST = {
  Jobs: [
    { JobId: 'ABCDE', JobType: 'Import', CreationDate: '2026-11-30T10:00:00Z', IsCanceled: false },
    { JobId: 'FGHIJ', JobType: 'Export', CreationDate: '2026-11-29T10:00:00Z', IsCanceled: true },
  ],
  IsTruncated: false,
};

describe('--output text', () => {
  it('a list of ids prints on one line, tab-separated, so $(...) splits it into words', () => {
    expect(formatText(['ABCDE', 'FGHIJ'])).toBe('ABCDE\tFGHIJ');
  });

  it('a response prints its scalars first (keys sorted), then one row per job under the upper-cased key', () => {
    expect(formatText(LIST)).toBe(
      [
        'False',
        'JOBS\t2026-11-30T10:00:00Z\tFalse\tABCDE\tImport',
        'JOBS\t2026-11-29T10:00:00Z\tTrue\tFGHIJ\tExport',
      ].join('\n'),
    );
  });

  it('rows of a list share one set of columns; a missing field is an empty cell', () => {
    expect(formatText([{ A: 1, B: 2 }, { A: 3 }])).toBe('1\t2\n3\t');
  });

  it('a scalar list under a key prints one KEY<TAB>value line each; null is None', () => {
    expect(formatText({ Ids: ['A', 'B'], Warning: null })).toBe('None\nIDS\tA\nIDS\tB');
  });
});

describe('--query', () => {
  it('is applied to the assembled result before formatting', async () => {
    const render = await prepareRenderer('text', 'Jobs[?IsCanceled==`false`].JobId');
    expect(render(LIST)).toBe('ABCDE');
    expect((await prepareRenderer('json', 'Jobs[0].JobType'))(LIST)).toBe('"Import"');
  });

  it('a syntax error is caught before anything runs, naming the expression', async () => {
    const err = await prepareRenderer('json', 'Jobs[').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect((err as Error).message).toContain('Bad value for --query Jobs[');
  });
});

describe('--output yaml and json', () => {
  it('yaml is the same data as YAML', async () => {
    const render = await prepareRenderer('yaml', undefined);
    expect(render({ JobId: 'ABCDE', IsCanceled: false })).toBe('JobId: ABCDE\nIsCanceled: false\n');
  });

  it('json indents by 4 as the AWS CLI does', async () => {
    expect((await prepareRenderer('json', undefined))({ A: 1 })).toBe('{\n    "A": 1\n}');
  });
});
