/** ListObjectsV2 (`GET /<bucket>?list-type=2`): parameters checked here, paging in ../list-objects.ts. */
import { S3Error, sendXmlBody } from '../errors';
import type { S3Call } from '../context';
import { DEFAULT_MAX_KEYS, listPage, startCursor, type ListCursor } from '../list-objects';
import { listResultXml } from '../xml';

/** ListObjectsV2 never returns more than this many keys per page, whatever max-keys says. */
export const MAX_LIST_KEYS = 1000;

export function listObjects(call: S3Call): void {
  const { params, objects, bucket } = call;
  if (params.get('list-type') !== '2') {
    throw new S3Error('NotImplemented', 'Only ListObjectsV2 (list-type=2) is implemented', 501);
  }
  const maxKeysText = params.get('max-keys');
  let maxKeys = DEFAULT_MAX_KEYS;
  if (maxKeysText !== null) {
    if (!/^\d+$/.test(maxKeysText)) {
      throw new S3Error('InvalidArgument', 'max-keys must be a non-negative integer', 400);
    }
    maxKeys = Math.min(Number(maxKeysText), MAX_LIST_KEYS);
  }
  const encodingType = params.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', 400);
  }
  const delimiter = params.get('delimiter');
  const startAfter = params.get('start-after');
  const continuationToken = params.get('continuation-token');
  const request = {
    prefix: params.get('prefix') ?? '',
    ...(delimiter !== null ? { delimiter } : {}),
    maxKeys,
    ...(startAfter !== null ? { startAfter } : {}),
    ...(continuationToken !== null ? { continuationToken } : {}),
  };
  if (request.continuationToken !== undefined && startCursor(request) === undefined) {
    throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', 400);
  }
  const page = listPage(request, (cursor: ListCursor | undefined, limit: number) =>
    objects.list(bucket, {
      prefix: request.prefix,
      limit,
      ...(cursor?.kind === 'after-key' ? { after: cursor.key } : {}),
      ...(cursor?.kind === 'past-prefix' ? { pastPrefix: cursor.prefix } : {}),
    }),
  );
  const body = listResultXml({
    bucket,
    ...request,
    ...(encodingType === 'url' ? { encodingType } : {}),
    page,
  });
  sendXmlBody(call.res, body, { 'x-amz-request-id': call.requestId });
}
