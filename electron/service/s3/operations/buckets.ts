/**
 * ListBuckets and HeadBucket, both scoped to the calling account: ListBuckets names only its buckets;
 * HeadBucket answers 404 for a bucket nobody owns and 403 for another account's.
 */
import { createHash } from 'node:crypto';
import { S3Error, sendXmlBody } from '../errors';
import type { S3Call } from '../context';
import { S3_XML_NAMESPACE, xmlEscape } from '../xml';

/** ListBuckets' page size when `max-buckets` is not given, and its ceiling (S3's documented range). */
export const MAX_BUCKETS_PER_PAGE = 10_000;

/** A stable 64-hex canonical user id for an account (S3's Owner/ID shape), never the secret. */
export function canonicalUserId(accessKeyId: string): string {
  return createHash('sha256').update(`dockhand-owner:${accessKeyId}`).digest('hex');
}

export function listBuckets(call: S3Call): void {
  const { params } = call;
  const maxText = params.get('max-buckets');
  let max = MAX_BUCKETS_PER_PAGE;
  if (maxText !== null) {
    if (!/^\d+$/.test(maxText) || Number(maxText) < 1 || Number(maxText) > MAX_BUCKETS_PER_PAGE) {
      throw new S3Error(
        'InvalidArgument',
        `max-buckets must be an integer from 1 to ${MAX_BUCKETS_PER_PAGE}`,
        400,
      );
    }
    max = Number(maxText);
  }
  const prefix = params.get('prefix') ?? '';
  const region = params.get('bucket-region');
  const token = params.get('continuation-token');
  // The token is the last bucket name returned (names are public within the account; nothing to hide).
  const after = token === null ? '' : Buffer.from(token, 'base64url').toString('utf8');
  const mine = [...call.deps.buckets]
    .filter(([name, owner]) => owner.account === call.account.accessKeyId && name.startsWith(prefix))
    .filter(([, owner]) => region === null || owner.region === region)
    .filter(([name]) => name > after)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const page = mine.slice(0, max);
  const created = call.objects.bucketCreationTimes(page.map(([name]) => name));
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<ListAllMyBucketsResult xmlns="${S3_XML_NAMESPACE}">`,
    `<Owner><ID>${canonicalUserId(call.account.accessKeyId)}</ID></Owner><Buckets>`,
  ];
  for (const [name, owner] of page) {
    parts.push(
      `<Bucket><Name>${xmlEscape(name)}</Name>` +
        `<CreationDate>${new Date(created.get(name) ?? 0).toISOString()}</CreationDate>` +
        `<BucketRegion>${xmlEscape(owner.region)}</BucketRegion></Bucket>`,
    );
  }
  parts.push('</Buckets>');
  const last = page.at(-1);
  if (mine.length > page.length && last !== undefined) {
    parts.push(
      `<ContinuationToken>${Buffer.from(last[0], 'utf8').toString('base64url')}</ContinuationToken>`,
    );
  }
  if (prefix !== '') parts.push(`<Prefix>${xmlEscape(prefix)}</Prefix>`);
  parts.push('</ListAllMyBucketsResult>');
  sendXmlBody(call.res, parts.join(''), { 'x-amz-request-id': call.requestId });
}

export function headBucket(call: S3Call, region: string): void {
  call.res.writeHead(200, {
    'x-amz-request-id': call.requestId,
    'x-amz-bucket-region': region,
    'x-amz-access-point-alias': 'false',
    'Content-Length': 0,
  });
  call.res.end();
}

/** GetBucketLocation: us-east-1 is the empty constraint, as S3 answers it. */
export function getBucketLocation(call: S3Call, region: string): void {
  const constraint = region === 'us-east-1' ? '' : xmlEscape(region);
  sendXmlBody(
    call.res,
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_XML_NAMESPACE}">${constraint}</LocationConstraint>`,
    { 'x-amz-request-id': call.requestId },
  );
}
