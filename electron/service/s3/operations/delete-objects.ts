/**
 * DeleteObjects (`POST /<bucket>?delete`): what `aws s3 rm --recursive` and boto3's batch deletes send. The
 * body is checked against its Content-MD5 or flexible checksum, as S3 requires one of them; a key that does
 * not exist counts as deleted, as in S3.
 */
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { CHECKSUM_ALGORITHMS, checksumHeaderName, checksumOf } from '../../objects/checksums';
import { keyProblem } from '../../objects/index';
import { singleHeader, type S3Call } from '../context';
import { S3Error, sendXmlBody } from '../errors';
import { S3_XML_NAMESPACE, xmlEscape } from '../xml';

/** S3's limit per request. */
export const MAX_DELETE_KEYS = 1000;
const MAX_DELETE_BODY_BYTES = 2 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => name === 'Object',
});

async function readBody(call: S3Call): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of call.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_DELETE_BODY_BYTES) {
      throw new S3Error('MaxMessageLengthExceeded', 'Your request was too big.', 400);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function deleteObjects(call: S3Call): Promise<void> {
  const body = await readBody(call);
  const md5 = singleHeader(call.req, 'content-md5');
  const algorithm = CHECKSUM_ALGORITHMS.find((a) => call.req.headers[checksumHeaderName(a)] !== undefined);
  if (md5 === undefined && algorithm === undefined) {
    throw new S3Error(
      'InvalidRequest',
      'Missing required header for this request: Content-MD5 (or an x-amz-checksum- header)',
      400,
    );
  }
  const matches =
    (md5 === undefined || createHash('md5').update(body).digest('base64') === md5) &&
    (algorithm === undefined ||
      checksumOf(algorithm, body) === singleHeader(call.req, checksumHeaderName(algorithm)));
  if (!matches)
    throw new S3Error(
      'BadDigest',
      'The Content-MD5 or checksum you specified did not match what we received.',
      400,
    );

  const malformed = new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema: expected <Delete><Object><Key>…</Key></Object>…</Delete>',
    400,
  );
  let doc: unknown;
  try {
    doc = parser.parse(body.toString('utf8'), true);
  } catch {
    throw malformed;
  }
  const root = (doc as { Delete?: { Object?: unknown; Quiet?: unknown } }).Delete;
  if (root === undefined || root === null || typeof root !== 'object' || !Array.isArray(root.Object))
    throw malformed;
  const keys = root.Object.map((o: unknown) => (o as { Key?: unknown }).Key);
  if (keys.some((k) => typeof k !== 'string')) throw malformed;
  if (keys.length > MAX_DELETE_KEYS) {
    throw new S3Error('MalformedXML', `A DeleteObjects request names at most ${MAX_DELETE_KEYS} keys`, 400);
  }
  const quiet = String(root.Quiet ?? '').trim() === 'true';
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', `<DeleteResult xmlns="${S3_XML_NAMESPACE}">`];
  for (const key of keys as string[]) {
    if (keyProblem(key) !== undefined) {
      parts.push(
        `<Error><Key>${xmlEscape(key)}</Key><Code>InvalidArgument</Code><Message>Invalid key</Message></Error>`,
      );
      continue;
    }
    await call.objects.delete(call.bucket, key);
    if (!quiet) parts.push(`<Deleted><Key>${xmlEscape(key)}</Key></Deleted>`);
  }
  parts.push('</DeleteResult>');
  sendXmlBody(call.res, parts.join(''), { 'x-amz-request-id': call.requestId });
}
