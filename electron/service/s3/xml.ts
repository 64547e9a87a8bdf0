/** S3's XML bodies: errors and ListBucketResult (ListObjectsV2). */
import type { ObjectRecord } from '../objects/index';
import type { ListPage } from './list-objects';

export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;',
  );
}

export function errorXml(code: string, message: string, resource: string, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message>` +
    `<Resource>${xmlEscape(resource)}</Resource><RequestId>${xmlEscape(requestId)}</RequestId></Error>`
  );
}

export function etagOf(md5: string): string {
  return `"${md5}"`;
}

export interface ListResultInput {
  bucket: string;
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
  /** `url`: keys, prefixes and delimiter are URL-encoded in the body, as the SDKs ask for. */
  encodingType?: 'url';
  page: ListPage<ObjectRecord>;
}

export function listResultXml(input: ListResultInput): string {
  const enc = (v: string): string =>
    xmlEscape(input.encodingType === 'url' ? encodeURIComponent(v).replace(/%2F/g, '/') : v);
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<ListBucketResult xmlns="${S3_XML_NAMESPACE}">`,
    `<Name>${xmlEscape(input.bucket)}</Name>`,
    `<Prefix>${enc(input.prefix)}</Prefix>`,
    `<KeyCount>${input.page.keyCount}</KeyCount>`,
    `<MaxKeys>${input.maxKeys}</MaxKeys>`,
  ];
  if (input.delimiter !== undefined) parts.push(`<Delimiter>${enc(input.delimiter)}</Delimiter>`);
  if (input.encodingType) parts.push(`<EncodingType>${input.encodingType}</EncodingType>`);
  parts.push(`<IsTruncated>${input.page.isTruncated}</IsTruncated>`);
  if (input.continuationToken !== undefined) {
    parts.push(`<ContinuationToken>${xmlEscape(input.continuationToken)}</ContinuationToken>`);
  }
  if (input.page.nextContinuationToken !== undefined) {
    parts.push(
      `<NextContinuationToken>${xmlEscape(input.page.nextContinuationToken)}</NextContinuationToken>`,
    );
  }
  if (input.startAfter !== undefined) parts.push(`<StartAfter>${enc(input.startAfter)}</StartAfter>`);
  for (const o of input.page.contents) {
    parts.push(
      `<Contents><Key>${enc(o.key)}</Key><LastModified>${new Date(o.lastModified).toISOString()}</LastModified>` +
        `<ETag>${xmlEscape(etagOf(o.etag))}</ETag><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    );
  }
  for (const p of input.page.commonPrefixes) {
    parts.push(`<CommonPrefixes><Prefix>${enc(p)}</Prefix></CommonPrefixes>`);
  }
  parts.push('</ListBucketResult>');
  return parts.join('');
}
