/**
 * The body of a PutObject or UploadPart as the object store should see it: aws-chunked decoded (signed or
 * not), and the digests it must match: Content-MD5, the signed payload hash, and one flexible checksum from
 * a header or an aws-chunked trailer.
 */
import type { Readable } from 'node:stream';
import {
  CHECKSUM_ALGORITHMS,
  CHECKSUM_BYTES,
  checksumHeaderName,
  isChecksumAlgorithm,
  type ChecksumAlgorithm,
} from '../objects/checksums';
import type { ExpectedDigests } from '../objects/index';
import {
  AwsChunkedDecoder,
  ChunkedBodyError,
  STREAMING_MODES,
  STREAMING_UNSIGNED_TRAILER,
} from './aws-chunked';
import { singleHeader, type S3Call } from './context';
import { S3Error } from './errors';
import { UNSIGNED_PAYLOAD } from './sigv4';

/** S3's single-PUT limit: 5 GiB (also the largest part). */
export const MAX_PUT_OBJECT_BYTES = 5 * 1024 ** 3;

export interface UploadBody {
  stream: Readable;
  expect: ExpectedDigests;
  /** Content-Encoding to store: the request's, without the transfer's `aws-chunked`. */
  contentEncoding?: string;
  /** The checksum algorithm in play, if any (to echo its header in the answer). */
  checksumAlgorithm?: ChecksumAlgorithm;
}

function checksumValueProblem(algorithm: ChecksumAlgorithm, value: string): boolean {
  return (
    !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || Buffer.from(value, 'base64').length !== CHECKSUM_BYTES[algorithm]
  );
}

export function uploadBody(call: S3Call): UploadBody {
  const { req, payloadHash } = call;
  const chunked = payloadHash.startsWith('STREAMING-');
  if (chunked && !STREAMING_MODES.includes(payloadHash)) {
    throw new S3Error(
      'NotImplemented',
      `x-amz-content-sha256 ${payloadHash} is not supported; use ${STREAMING_MODES.join(', ')}`,
      501,
    );
  }
  // An aws-chunked body may come with Transfer-Encoding: chunked and no Content-Length (the v3 SDK sends
  // streams that way); its size is x-amz-decoded-content-length.
  const lengthText = singleHeader(req, 'content-length');
  if (lengthText === undefined && !chunked) {
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
  }
  const decodedText = singleHeader(req, 'x-amz-decoded-content-length');
  if (chunked && decodedText === undefined) {
    throw new S3Error(
      'MissingContentLength',
      'An aws-chunked upload must send x-amz-decoded-content-length (the object size)',
      411,
    );
  }
  const size = Number(chunked ? decodedText : lengthText);
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new S3Error('InvalidArgument', 'The content length is not a non-negative integer', 400);
  }
  if (size > MAX_PUT_OBJECT_BYTES) {
    throw new S3Error(
      'EntityTooLarge',
      `Your proposed upload exceeds the maximum allowed size of ${MAX_PUT_OBJECT_BYTES} bytes`,
      400,
    );
  }

  const expect: ExpectedDigests = {};
  const md5Header = singleHeader(req, 'content-md5');
  if (md5Header !== undefined) {
    const bytes = Buffer.from(md5Header, 'base64');
    if (bytes.length !== 16)
      throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
    expect.md5 = bytes.toString('hex');
  }
  if (!chunked && payloadHash !== UNSIGNED_PAYLOAD) expect.sha256 = payloadHash;

  // One flexible checksum: a header with its value, or a trailer announced in x-amz-trailer.
  const headerAlgorithms = CHECKSUM_ALGORITHMS.filter(
    (a) => req.headers[checksumHeaderName(a)] !== undefined,
  );
  if (headerAlgorithms.length > 1) {
    throw new S3Error(
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
      400,
    );
  }
  if (req.headers['x-amz-checksum-crc64nvme'] !== undefined) {
    throw new S3Error(
      'NotImplemented',
      `CRC64NVME checksums are not implemented by this endpoint; use ${CHECKSUM_ALGORITHMS.join(', ')}`,
      501,
    );
  }
  const trailer = singleHeader(req, 'x-amz-trailer')?.trim().toLowerCase();
  if (chunked && payloadHash !== STREAMING_UNSIGNED_TRAILER && call.signing === undefined) {
    throw new S3Error('InvalidRequest', `${payloadHash} needs a request signed with SigV4`, 400);
  }
  const decoder = chunked
    ? new AwsChunkedDecoder({ mode: payloadHash, ...(call.signing ? { signing: call.signing } : {}) })
    : undefined;
  const [headerAlgorithm] = headerAlgorithms;
  if (headerAlgorithm !== undefined) {
    const value = singleHeader(req, checksumHeaderName(headerAlgorithm)) as string;
    if (checksumValueProblem(headerAlgorithm, value)) {
      throw new S3Error(
        'InvalidRequest',
        `Value for ${checksumHeaderName(headerAlgorithm)} header is invalid.`,
        400,
      );
    }
    expect.checksum = { algorithm: headerAlgorithm, value };
  } else if (trailer !== undefined && trailer !== '') {
    const algorithm = trailer.replace(/^x-amz-checksum-/, '').toUpperCase();
    if (!trailer.startsWith('x-amz-checksum-') || !isChecksumAlgorithm(algorithm)) {
      throw new S3Error(
        'InvalidRequest',
        `x-amz-trailer ${trailer} is not supported; use one of ${CHECKSUM_ALGORITHMS.map(checksumHeaderName).join(', ')}`,
        400,
      );
    }
    if (!decoder) {
      throw new S3Error('InvalidRequest', 'x-amz-trailer needs an aws-chunked body', 400);
    }
    expect.checksum = {
      algorithm,
      value: () => {
        const value = decoder.trailers.get(trailer);
        if (value === undefined || checksumValueProblem(algorithm, value)) {
          throw new ChunkedBodyError(
            'MalformedTrailerError',
            `The request announced x-amz-trailer: ${trailer} but sent no valid ${trailer} trailer`,
          );
        }
        return value;
      },
    };
  } else {
    const sdkAlgorithm = singleHeader(req, 'x-amz-sdk-checksum-algorithm')?.toUpperCase();
    if (sdkAlgorithm !== undefined && isChecksumAlgorithm(sdkAlgorithm))
      expect.checksum = { algorithm: sdkAlgorithm };
  }
  if (decoder) {
    expect.beforeCommit = () => {
      if (decoder.decodedBytes !== size) {
        throw new ChunkedBodyError(
          'IncompleteBody',
          `x-amz-decoded-content-length says ${size} bytes but the chunks held ${decoder.decodedBytes}`,
        );
      }
    };
  }
  const encodings = (singleHeader(req, 'content-encoding') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e.toLowerCase() !== 'aws-chunked');
  return {
    stream: decoder ? req.pipe(decoder) : req,
    expect,
    ...(encodings.length > 0 ? { contentEncoding: encodings.join(', ') } : {}),
    ...(expect.checksum ? { checksumAlgorithm: expect.checksum.algorithm } : {}),
  };
}
