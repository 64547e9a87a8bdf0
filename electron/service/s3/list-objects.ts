/**
 * ListObjectsV2 paging and delimiter grouping over a sorted key source (pure apart from the `fetch`
 * callback, which reads the store). The continuation token names where to resume: after a key, or past
 * every key under a common prefix already returned.
 */
export const DEFAULT_MAX_KEYS = 1000;
/** Rows read from the store per round; grouping by delimiter may need several rounds. */
export const LIST_BATCH_ROWS = 1000;

export type ListCursor = { kind: 'after-key'; key: string } | { kind: 'past-prefix'; prefix: string };

export interface ListRequest {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
}

export interface ListedObject {
  key: string;
}

export interface ListPage<T extends ListedObject> {
  contents: T[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextContinuationToken?: string;
  keyCount: number;
}

export function encodeToken(cursor: ListCursor): string {
  const text = cursor.kind === 'after-key' ? `k${cursor.key}` : `p${cursor.prefix}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** undefined when the token is not one of ours. */
export function decodeToken(token: string): ListCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (text.startsWith('k')) return { kind: 'after-key', key: text.slice(1) };
  if (text.startsWith('p') && text.length > 1) return { kind: 'past-prefix', prefix: text.slice(1) };
  return undefined;
}

/** The first cursor: the token wins over start-after, as in S3. */
export function startCursor(request: ListRequest): ListCursor | undefined {
  if (request.continuationToken !== undefined) return decodeToken(request.continuationToken);
  if (request.startAfter !== undefined && request.startAfter !== '') {
    return { kind: 'after-key', key: request.startAfter };
  }
  return undefined;
}

export function listPage<T extends ListedObject>(
  request: ListRequest,
  fetch: (cursor: ListCursor | undefined, limit: number) => T[],
): ListPage<T> {
  const contents: T[] = [];
  const commonPrefixes: string[] = [];
  let cursor = startCursor(request);
  let count = 0;
  let isTruncated = false;
  const delimiter = request.delimiter === '' ? undefined : request.delimiter;
  if (request.maxKeys <= 0) return { contents, commonPrefixes, isTruncated: false, keyCount: 0 };
  rounds: for (;;) {
    const batch = fetch(cursor, LIST_BATCH_ROWS);
    if (batch.length === 0) break;
    for (const record of batch) {
      if (count >= request.maxKeys) {
        isTruncated = true;
        break rounds;
      }
      if (delimiter !== undefined) {
        const rest = record.key.slice(request.prefix.length);
        const at = rest.indexOf(delimiter);
        if (at >= 0) {
          const common = request.prefix + rest.slice(0, at + delimiter.length);
          commonPrefixes.push(common);
          count++;
          cursor = { kind: 'past-prefix', prefix: common };
          // Skip the rest of this prefix in the store rather than row by row.
          continue rounds;
        }
      }
      contents.push(record);
      count++;
      cursor = { kind: 'after-key', key: record.key };
    }
    if (batch.length < LIST_BATCH_ROWS) break;
  }
  return {
    contents,
    commonPrefixes,
    isTruncated,
    keyCount: count,
    ...(isTruncated && cursor !== undefined ? { nextContinuationToken: encodeToken(cursor) } : {}),
  };
}
