/** S3's error answers: one error type carrying S3's code and HTTP status, and the XML envelope. */
import type { ServerResponse } from 'node:http';
import { errorXml } from './xml';

export class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Extra response headers (e.g. `x-amz-bucket-region` on HeadBucket's 403, `Content-Range` on 416). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

/** HTTP status of the codes that are not raised through `S3Error` directly (auth, object store). */
export const S3_ERROR_STATUS: Readonly<Record<string, number>> = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  InvalidAccessKeyId: 403,
  SignatureDoesNotMatch: 403,
  RequestTimeTooSkewed: 403,
  BadDigest: 400,
  XAmzContentSHA256Mismatch: 400,
  InvalidBucketName: 400,
  KeyTooLongError: 400,
  IncompleteBody: 400,
  InvalidRequest: 400,
  InvalidArgument: 400,
  MalformedTrailerError: 400,
  NoSuchUpload: 404,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  EntityTooSmall: 400,
};

export interface ErrorTarget {
  method: string;
  requestId: string;
  /** The request path, for `<Resource>`. */
  resource: string;
}

/** Sends an S3 error; if the answer has started already, the connection is cut (the client sees a failure). */
export function sendS3Error(res: ServerResponse, target: ErrorTarget, err: S3Error): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body =
    target.method === 'HEAD' ? '' : errorXml(err.code, err.message, target.resource, target.requestId);
  res.writeHead(err.status, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
    'x-amz-request-id': target.requestId,
    ...err.headers,
  });
  res.end(body);
}

export function sendXmlBody(res: ServerResponse, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}
