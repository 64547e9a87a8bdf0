/**
 * Multipart upload: CreateMultipartUpload (`POST ?uploads`), UploadPart (`PUT ?partNumber&uploadId`),
 * ListParts (`GET ?uploadId`), CompleteMultipartUpload (`POST ?uploadId`), AbortMultipartUpload
 * (`DELETE ?uploadId`). The store side is ../../objects/uploads.ts.
 */
import { XMLParser } from 'fast-xml-parser';
import {
  CHECKSUM_ALGORITHMS,
  checksumHeaderName,
  isChecksumAlgorithm,
  type ChecksumAlgorithm,
  type ChecksumType,
} from '../../objects/checksums';
import { MAX_PART_NUMBER, type CompletePart, type Upload } from '../../objects/uploads';
import { singleHeader, type S3Call } from '../context';
import { S3Error, sendXmlBody } from '../errors';
import { uploadBody } from '../upload-body';
import { S3_XML_NAMESPACE, etagOf, xmlEscape } from '../xml';

/** A CompleteMultipartUpload body lists at most 10,000 parts of ~300 bytes each. */
export const MAX_COMPLETE_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_LIST_PARTS = 1000;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => name === 'Part',
});

function checksumElement(algorithm: ChecksumAlgorithm): string {
  return `Checksum${algorithm}`;
}

function uploadOf(call: S3Call): Upload {
  return call.objects.uploads.get(call.params.get('uploadId') ?? '', call.bucket, call.key);
}

export function createMultipartUpload(call: S3Call): void {
  const { req } = call;
  const algorithmText = singleHeader(req, 'x-amz-checksum-algorithm')?.toUpperCase();
  if (algorithmText !== undefined && !isChecksumAlgorithm(algorithmText)) {
    throw new S3Error(
      algorithmText === 'CRC64NVME' ? 'NotImplemented' : 'InvalidRequest',
      `Checksum algorithm ${algorithmText} is not supported here; use one of ${CHECKSUM_ALGORITHMS.join(', ')}`,
      algorithmText === 'CRC64NVME' ? 501 : 400,
    );
  }
  const typeText = singleHeader(req, 'x-amz-checksum-type')?.toUpperCase();
  if (typeText !== undefined && typeText !== 'COMPOSITE' && typeText !== 'FULL_OBJECT') {
    throw new S3Error('InvalidRequest', 'x-amz-checksum-type must be COMPOSITE or FULL_OBJECT', 400);
  }
  if (typeText !== undefined && algorithmText === undefined) {
    throw new S3Error('InvalidRequest', 'x-amz-checksum-type needs x-amz-checksum-algorithm', 400);
  }
  // SHA checksums cannot be combined into a whole-object value from parts; S3 offers them COMPOSITE only.
  if (typeText === 'FULL_OBJECT' && (algorithmText === 'SHA1' || algorithmText === 'SHA256')) {
    throw new S3Error(
      'InvalidRequest',
      `The FULL_OBJECT checksum type cannot be used with the ${algorithmText.toLowerCase()} checksum algorithm.`,
      400,
    );
  }
  const encodings = (singleHeader(req, 'content-encoding') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e.toLowerCase() !== 'aws-chunked');
  const contentType = singleHeader(req, 'content-type');
  const upload = call.objects.uploads.create(
    call.bucket,
    call.key,
    {
      ...(contentType !== undefined ? { contentType } : {}),
      ...(encodings.length > 0 ? { contentEncoding: encodings.join(', ') } : {}),
    },
    algorithmText !== undefined
      ? { algorithm: algorithmText, type: (typeText ?? 'COMPOSITE') as ChecksumType }
      : undefined,
  );
  sendXmlBody(
    call.res,
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<InitiateMultipartUploadResult xmlns="${S3_XML_NAMESPACE}"><Bucket>${xmlEscape(call.bucket)}</Bucket>` +
      `<Key>${xmlEscape(call.key)}</Key><UploadId>${upload.uploadId}</UploadId></InitiateMultipartUploadResult>`,
    {
      'x-amz-request-id': call.requestId,
      ...(upload.checksumAlgorithm
        ? {
            'x-amz-checksum-algorithm': upload.checksumAlgorithm,
            'x-amz-checksum-type': upload.checksumType ?? 'COMPOSITE',
          }
        : {}),
    },
  );
}

export async function uploadPart(call: S3Call): Promise<void> {
  const partText = call.params.get('partNumber') ?? '';
  const partNumber = /^\d{1,5}$/.test(partText) ? Number(partText) : 0;
  if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new S3Error(
      'InvalidArgument',
      `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`,
      400,
    );
  }
  if (singleHeader(call.req, 'x-amz-copy-source') !== undefined) {
    throw new S3Error('NotImplemented', 'UploadPartCopy is not implemented by this endpoint', 501);
  }
  const upload = uploadOf(call);
  const body = uploadBody(call);
  const part = await call.objects.uploads.putPart(upload, partNumber, body.stream, body.expect);
  const algorithm = upload.checksumAlgorithm ?? body.checksumAlgorithm;
  call.res.writeHead(200, {
    'x-amz-request-id': call.requestId,
    ETag: etagOf(part.md5),
    'Content-Length': 0,
    ...(algorithm && part.checksum ? { [checksumHeaderName(algorithm)]: part.checksum } : {}),
  });
  call.res.end();
}

export function listParts(call: S3Call): void {
  const upload = uploadOf(call);
  const markerText = call.params.get('part-number-marker') ?? '0';
  const maxText = call.params.get('max-parts') ?? String(MAX_LIST_PARTS);
  if (!/^\d+$/.test(markerText) || !/^\d+$/.test(maxText)) {
    throw new S3Error(
      'InvalidArgument',
      'part-number-marker and max-parts must be non-negative integers',
      400,
    );
  }
  const marker = Number(markerText);
  const max = Math.min(Number(maxText), MAX_LIST_PARTS);
  const found = call.objects.uploads.listParts(upload, marker, max + 1);
  const page = found.slice(0, max);
  const truncated = found.length > max;
  const algorithm = upload.checksumAlgorithm;
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<ListPartsResult xmlns="${S3_XML_NAMESPACE}"><Bucket>${xmlEscape(call.bucket)}</Bucket>`,
    `<Key>${xmlEscape(call.key)}</Key><UploadId>${upload.uploadId}</UploadId>`,
    `<PartNumberMarker>${marker}</PartNumberMarker>`,
    `<NextPartNumberMarker>${page.at(-1)?.partNumber ?? marker}</NextPartNumberMarker>`,
    `<MaxParts>${max}</MaxParts><IsTruncated>${truncated}</IsTruncated><StorageClass>STANDARD</StorageClass>`,
  ];
  if (algorithm) {
    parts.push(
      `<ChecksumAlgorithm>${algorithm}</ChecksumAlgorithm><ChecksumType>${upload.checksumType ?? 'COMPOSITE'}</ChecksumType>`,
    );
  }
  for (const p of page) {
    parts.push(
      `<Part><PartNumber>${p.partNumber}</PartNumber><LastModified>${new Date(p.lastModified).toISOString()}</LastModified>` +
        `<ETag>${xmlEscape(etagOf(p.md5))}</ETag><Size>${p.size}</Size>` +
        (algorithm && p.checksum
          ? `<${checksumElement(algorithm)}>${p.checksum}</${checksumElement(algorithm)}>`
          : '') +
        '</Part>',
    );
  }
  parts.push('</ListPartsResult>');
  sendXmlBody(call.res, parts.join(''), { 'x-amz-request-id': call.requestId });
}

async function readSmallBody(call: S3Call): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of call.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_COMPLETE_BODY_BYTES) {
      throw new S3Error(
        'MaxMessageLengthExceeded',
        `Your request was too big (over ${MAX_COMPLETE_BODY_BYTES} bytes).`,
        400,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The parts a CompleteMultipartUpload body names, in the order given. */
export function parseCompleteBody(xml: string, algorithm: ChecksumAlgorithm | undefined): CompletePart[] {
  const malformed = new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema: expected <CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"…"</ETag></Part>…</CompleteMultipartUpload>',
    400,
  );
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch {
    throw malformed;
  }
  const root = (doc as { CompleteMultipartUpload?: { Part?: unknown } }).CompleteMultipartUpload;
  if (root === undefined || root === null || typeof root !== 'object' || !Array.isArray(root.Part))
    throw malformed;
  return root.Part.map((raw: unknown) => {
    const p = raw as Record<string, unknown>;
    const number =
      typeof p.PartNumber === 'string' && /^\d{1,5}$/.test(p.PartNumber) ? Number(p.PartNumber) : NaN;
    if (!Number.isInteger(number) || typeof p.ETag !== 'string') throw malformed;
    const checksum = algorithm ? p[checksumElement(algorithm)] : undefined;
    return {
      partNumber: number,
      etag: p.ETag.replace(/^"|"$/g, ''),
      ...(typeof checksum === 'string' && checksum !== '' ? { checksum } : {}),
    };
  });
}

export async function completeMultipartUpload(call: S3Call): Promise<void> {
  const upload = uploadOf(call);
  const requested = parseCompleteBody(await readSmallBody(call), upload.checksumAlgorithm);
  const expected = upload.checksumAlgorithm
    ? singleHeader(call.req, checksumHeaderName(upload.checksumAlgorithm))
    : undefined;
  const record = await call.objects.uploads.complete(upload, requested, expected);
  const host = singleHeader(call.req, 'host') ?? 'localhost';
  const location = `http://${host}/${encodeURIComponent(call.bucket)}/${call.key.split('/').map(encodeURIComponent).join('/')}`;
  const checksum = record.checksum
    ? `<${checksumElement(record.checksum.algorithm)}>${record.checksum.value}</${checksumElement(record.checksum.algorithm)}>` +
      `<ChecksumType>${record.checksum.type}</ChecksumType>`
    : '';
  sendXmlBody(
    call.res,
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<CompleteMultipartUploadResult xmlns="${S3_XML_NAMESPACE}"><Location>${xmlEscape(location)}</Location>` +
      `<Bucket>${xmlEscape(call.bucket)}</Bucket><Key>${xmlEscape(call.key)}</Key>` +
      `<ETag>${xmlEscape(etagOf(record.etag))}</ETag>${checksum}</CompleteMultipartUploadResult>`,
    { 'x-amz-request-id': call.requestId },
  );
}

export async function abortMultipartUpload(call: S3Call): Promise<void> {
  const upload = uploadOf(call);
  await call.objects.uploads.discard(upload);
  call.res.writeHead(204, { 'x-amz-request-id': call.requestId });
  call.res.end();
}
