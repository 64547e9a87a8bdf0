/**
 * The aws-chunked decoder against AWS's own worked examples (sigv4-streaming.html and
 * sigv4-streaming-trailers.html: 64 KiB + 1 KiB of "a", secret wJalrXUtnFEMI/…, 2013-05-24), and the
 * unsigned-with-trailer form the SDKs send.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sigV4SigningKey } from '../../../electron/protocol/sigv4';
import {
  AwsChunkedDecoder,
  ChunkedBodyError,
  STREAMING_SIGNED,
  STREAMING_SIGNED_TRAILER,
  STREAMING_UNSIGNED_TRAILER,
} from '../../../electron/service/s3/aws-chunked';

const SCOPE = { scopeDate: '20130524', region: 'us-east-1', service: 's3' };
const signingFor = (seedSignature: string) => ({
  signingKey: sigV4SigningKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', SCOPE),
  amzDate: '20130524T000000Z',
  scope: '20130524/us-east-1/s3/aws4_request',
  seedSignature,
});

function docBody(signatures: readonly string[], trailer = ''): Buffer {
  return Buffer.concat([
    Buffer.from(`10000;chunk-signature=${signatures[0]}\r\n`),
    Buffer.alloc(65_536, 'a'),
    Buffer.from(`\r\n400;chunk-signature=${signatures[1]}\r\n`),
    Buffer.alloc(1024, 'a'),
    Buffer.from(`\r\n0;chunk-signature=${signatures[2]}\r\n${trailer}\r\n`),
  ]);
}

/** Feeds the body in small uneven pieces, as a socket would, and collects the output. */
async function decode(decoder: AwsChunkedDecoder, body: Buffer, piece = 997): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += piece) pieces.push(body.subarray(at, at + piece));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(pieces).pipe(decoder)) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

async function failure(decoder: AwsChunkedDecoder, body: Buffer): Promise<ChunkedBodyError> {
  try {
    await decode(decoder, body);
  } catch (err) {
    if (err instanceof ChunkedBodyError) return err;
    throw err;
  }
  throw new Error('expected the body to be refused');
}

const SIGNED = {
  seed: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
  chunks: [
    'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
    '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
    'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
  ],
};
const SIGNED_TRAILER = {
  seed: '106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e',
  chunks: [
    'b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2',
    '1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7',
    '2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992',
  ],
  trailer:
    'x-amz-checksum-crc32c:sOO8/Q==\r\nx-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n',
};

describe('aws-chunked decoding', () => {
  it("accepts AWS's signed-chunks example and yields the 66,560 bytes", async () => {
    const body = docBody(SIGNED.chunks);
    expect(body.length).toBe(66_824); // the documented Content-Length
    const decoder = new AwsChunkedDecoder({ mode: STREAMING_SIGNED, signing: signingFor(SIGNED.seed) });
    const out = await decode(decoder, body);
    expect(out.equals(Buffer.alloc(66_560, 'a'))).toBe(true);
    expect(decoder.decodedBytes).toBe(66_560);
  });

  it("accepts AWS's signed-chunks-with-trailer example and reads its CRC32C trailer", async () => {
    const decoder = new AwsChunkedDecoder({
      mode: STREAMING_SIGNED_TRAILER,
      signing: signingFor(SIGNED_TRAILER.seed),
    });
    await decode(decoder, docBody(SIGNED_TRAILER.chunks, SIGNED_TRAILER.trailer), 4096);
    expect(decoder.trailers.get('x-amz-checksum-crc32c')).toBe('sOO8/Q==');
  });

  it('refuses a changed byte, a reordered chain, a changed trailer and a missing trailer signature', async () => {
    const tampered = docBody(SIGNED.chunks);
    tampered[66_000] = 0x62; // inside the second chunk
    expect(
      (
        await failure(
          new AwsChunkedDecoder({ mode: STREAMING_SIGNED, signing: signingFor(SIGNED.seed) }),
          tampered,
        )
      ).code,
    ).toBe('SignatureDoesNotMatch');
    const swapped = docBody([
      SIGNED.chunks[1] as string,
      SIGNED.chunks[0] as string,
      SIGNED.chunks[2] as string,
    ]);
    expect(
      (
        await failure(
          new AwsChunkedDecoder({ mode: STREAMING_SIGNED, signing: signingFor(SIGNED.seed) }),
          swapped,
        )
      ).code,
    ).toBe('SignatureDoesNotMatch');
    const trailerMode = () =>
      new AwsChunkedDecoder({ mode: STREAMING_SIGNED_TRAILER, signing: signingFor(SIGNED_TRAILER.seed) });
    const otherCrc = SIGNED_TRAILER.trailer.replace('sOO8/Q==', 'AAAAAA==');
    expect((await failure(trailerMode(), docBody(SIGNED_TRAILER.chunks, otherCrc))).code).toBe(
      'SignatureDoesNotMatch',
    );
    expect(
      (await failure(trailerMode(), docBody(SIGNED_TRAILER.chunks, 'x-amz-checksum-crc32c:sOO8/Q==\r\n')))
        .code,
    ).toBe('SignatureDoesNotMatch');
  });

  it('decodes unsigned chunks with a trailing checksum, and refuses a body cut short', async () => {
    const body = Buffer.from('3\r\nabc\r\n2\r\nde\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n');
    const decoder = new AwsChunkedDecoder({ mode: STREAMING_UNSIGNED_TRAILER });
    expect((await decode(decoder, body, 3)).toString()).toBe('abcde');
    expect(decoder.trailers.get('x-amz-checksum-crc32')).toBe('NSRBwg==');
    const cut = new AwsChunkedDecoder({ mode: STREAMING_UNSIGNED_TRAILER });
    expect((await failure(cut, body.subarray(0, 12))).code).toBe('IncompleteBody');
    const bad = new AwsChunkedDecoder({ mode: STREAMING_UNSIGNED_TRAILER });
    expect((await failure(bad, Buffer.from('zz\r\nabc\r\n'))).message).toMatch(
      /not an aws-chunked size line/,
    );
  });
});
