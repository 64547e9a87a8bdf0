import { describe, expect, it } from 'vitest';
import {
  decodeToken,
  encodeToken,
  listPage,
  type ListCursor,
} from '../../../electron/service/s3/list-objects';
import { keyProblem, isValidBucketName } from '../../../electron/service/objects/names';

const KEYS = ['a', 'b/1', 'b/2', 'c', 'd/x/1', 'e'].map((key) => ({ key }));

/** A sorted in-memory source with the store's cursor semantics. */
function fetchFrom(cursor: ListCursor | undefined, limit: number, prefix = ''): { key: string }[] {
  return KEYS.filter(
    (k) =>
      k.key.startsWith(prefix) &&
      (cursor === undefined ||
        (cursor.kind === 'after-key'
          ? k.key > cursor.key
          : !k.key.startsWith(cursor.prefix) && k.key > cursor.prefix)),
  ).slice(0, limit);
}

describe('listPage', () => {
  it.each([
    {
      name: 'all keys',
      req: { prefix: '', maxKeys: 1000 },
      keys: ['a', 'b/1', 'b/2', 'c', 'd/x/1', 'e'],
      prefixes: [],
      truncated: false,
    },
    {
      name: 'grouped',
      req: { prefix: '', delimiter: '/', maxKeys: 1000 },
      keys: ['a', 'c', 'e'],
      prefixes: ['b/', 'd/'],
      truncated: false,
    },
    {
      name: 'max-keys counts prefixes',
      req: { prefix: '', delimiter: '/', maxKeys: 2 },
      keys: ['a'],
      prefixes: ['b/'],
      truncated: true,
    },
    {
      name: 'start-after',
      req: { prefix: '', maxKeys: 1000, startAfter: 'c' },
      keys: ['d/x/1', 'e'],
      prefixes: [],
      truncated: false,
    },
    { name: 'max-keys 0', req: { prefix: '', maxKeys: 0 }, keys: [], prefixes: [], truncated: false },
  ])('$name', ({ req, keys, prefixes, truncated }) => {
    const page = listPage(req, (c, l) => fetchFrom(c, l, req.prefix));
    expect(page.contents.map((c) => c.key)).toEqual(keys);
    expect(page.commonPrefixes).toEqual(prefixes);
    expect(page.isTruncated).toBe(truncated);
  });

  it('continues from a token past a common prefix', () => {
    const first = listPage({ prefix: '', delimiter: '/', maxKeys: 2 }, (c, l) => fetchFrom(c, l));
    const second = listPage(
      { prefix: '', delimiter: '/', maxKeys: 2, continuationToken: first.nextContinuationToken as string },
      (c, l) => fetchFrom(c, l),
    );
    expect(second.contents.map((c) => c.key)).toEqual(['c']);
    expect(second.commonPrefixes).toEqual(['d/']);
  });

  it('round-trips tokens and refuses foreign ones', () => {
    expect(decodeToken(encodeToken({ kind: 'after-key', key: 'ü/../x' }))).toEqual({
      kind: 'after-key',
      key: 'ü/../x',
    });
    expect(decodeToken('not a token!')).toBeUndefined();
  });
});

describe('object names', () => {
  it.each([
    ['ok/key.txt', undefined],
    ['', 'empty'],
    ['a\0b', 'nul'],
    ['x'.repeat(1025), 'too-long'],
    ['\uD800', 'not-utf8'],
    ['../../etc/passwd', undefined],
  ])('key %j → %s', (key, problem) => expect(keyProblem(key)).toBe(problem));
  it.each([
    ['alpha-import', true],
    ['../x', false],
    ['A', false],
    ['a..b', false],
  ])('bucket %j → %s', (name, ok) => expect(isValidBucketName(name)).toBe(ok));
});
