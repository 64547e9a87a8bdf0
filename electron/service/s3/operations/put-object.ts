/** PutObject: streams the (possibly aws-chunked) body into the store and answers its ETag and checksum. */
import { checksumHeaderName } from '../../objects/checksums';
import { singleHeader, type S3Call } from '../context';
import { S3Error } from '../errors';
import { uploadBody } from '../upload-body';
import { etagOf } from '../xml';

export async function putObject(call: S3Call): Promise<void> {
  const { req, res } = call;
  if (singleHeader(req, 'x-amz-copy-source') !== undefined) {
    throw new S3Error('NotImplemented', 'CopyObject is not implemented by this endpoint', 501);
  }
  const body = uploadBody(call);
  const record = await call.objects.put(
    call.bucket,
    call.key,
    body.stream,
    {
      contentType: singleHeader(req, 'content-type'),
      ...(body.contentEncoding ? { contentEncoding: body.contentEncoding } : {}),
    },
    body.expect,
  );
  res.writeHead(200, {
    'x-amz-request-id': call.requestId,
    ETag: etagOf(record.etag),
    'Content-Length': 0,
    ...(record.checksum
      ? {
          [checksumHeaderName(record.checksum.algorithm)]: record.checksum.value,
          'x-amz-checksum-type': record.checksum.type,
        }
      : {}),
  });
  res.end();
}
