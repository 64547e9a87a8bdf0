/**
 * Decodes an `aws-chunked` request body as the SDKs send it, streaming (one chunk is never held whole):
 *
 *   <hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n ... 0[;chunk-signature=<sig>]\r\n[<trailers>]\r\n
 *
 * - STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]: every chunk is signed, chained from the request's
 *   signature; a trailer block ends with `x-amz-trailer-signature`.
 * - STREAMING-UNSIGNED-PAYLOAD-TRAILER: plain chunks, then trailers such as `x-amz-checksum-crc32:<b64>`.
 * The strings to sign are AWS's (sigv4-streaming.html, sigv4-streaming-trailers.html).
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { sha256Hex, sigV4Sign } from '../../protocol/sigv4';
import type { S3SigningContext } from './sigv4';

export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
export const STREAMING_MODES = [STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER];

/** A chunk header or trailer line longer than this is not one (a signature line is ~90 bytes). */
const MAX_LINE_BYTES = 4096;
/** Trailers we accept in one body; the SDKs send one checksum. */
const MAX_TRAILERS = 16;
const EMPTY_SHA256 = sha256Hex('');

export class ChunkedBodyError extends Error {
  constructor(
    readonly code: 'IncompleteBody' | 'InvalidRequest' | 'SignatureDoesNotMatch' | 'MalformedTrailerError',
    message: string,
  ) {
    super(message);
    this.name = 'ChunkedBodyError';
  }
}

export interface ChunkedOptions {
  mode: string;
  /** Required for the signed modes. */
  signing?: S3SigningContext;
}

type State = 'size' | 'data' | 'data-crlf' | 'trailer' | 'done';

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers received (lower-case names), available once the stream has ended. */
  readonly trailers = new Map<string, string>();
  private state: State = 'size';
  private line = Buffer.alloc(0);
  private remaining = 0;
  private chunkHash: Hash | undefined;
  private chunkSignature = '';
  private previousSignature: string;
  private readonly signed: boolean;
  private readonly signing: S3SigningContext | undefined;
  private trailerText = '';
  private trailerSigned = false;
  private readonly needsTrailerSignature: boolean;
  /** Object bytes passed through so far. */
  decodedBytes = 0;

  constructor(options: ChunkedOptions) {
    super();
    this.signed = options.mode === STREAMING_SIGNED || options.mode === STREAMING_SIGNED_TRAILER;
    this.signing = options.signing;
    if (this.signed && !this.signing)
      throw new Error('signed aws-chunked decoding needs the signing context');
    this.previousSignature = options.signing?.seedSignature ?? '';
    this.needsTrailerSignature = options.mode === STREAMING_SIGNED_TRAILER;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      let at = 0;
      while (at < chunk.length) {
        if (this.state === 'data') {
          const take = Math.min(this.remaining, chunk.length - at);
          const piece = chunk.subarray(at, at + take);
          this.chunkHash?.update(piece);
          this.push(piece);
          this.decodedBytes += take;
          this.remaining -= take;
          at += take;
          if (this.remaining === 0) this.state = 'data-crlf';
          continue;
        }
        if (this.state === 'done') {
          throw new ChunkedBodyError('InvalidRequest', 'Bytes after the end of the aws-chunked body');
        }
        // Line-oriented states: collect up to CRLF.
        const lf = chunk.indexOf(0x0a, at);
        const end = lf === -1 ? chunk.length : lf + 1;
        this.line = Buffer.concat([this.line, chunk.subarray(at, end)]);
        at = end;
        if (this.line.length > MAX_LINE_BYTES) {
          throw new ChunkedBodyError('InvalidRequest', 'An aws-chunked header line is too long');
        }
        if (lf === -1) continue;
        const text = this.line.toString('latin1');
        this.line = Buffer.alloc(0);
        if (!text.endsWith('\r\n')) {
          throw new ChunkedBodyError('InvalidRequest', 'aws-chunked lines must end with CRLF');
        }
        this.onLine(text.slice(0, -2));
      }
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.state !== 'done') {
      done(
        new ChunkedBodyError(
          'IncompleteBody',
          'The aws-chunked body ended before its final zero-length chunk and trailers',
        ),
      );
      return;
    }
    done();
  }

  private onLine(text: string): void {
    switch (this.state) {
      case 'size':
        return this.onSizeLine(text);
      case 'data-crlf':
        if (text !== '') throw new ChunkedBodyError('InvalidRequest', 'A chunk is longer than its size says');
        this.verifyChunk();
        this.state = 'size';
        return;
      case 'trailer':
        return this.onTrailerLine(text);
      default:
        throw new ChunkedBodyError('InvalidRequest', 'Unexpected aws-chunked line');
    }
  }

  private onSizeLine(text: string): void {
    const m = /^([0-9a-fA-F]{1,16})(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(text);
    if (!m) {
      throw new ChunkedBodyError(
        'InvalidRequest',
        `"${text.slice(0, 80)}" is not an aws-chunked size line (<hex size>[;chunk-signature=<sig>])`,
      );
    }
    const size = Number.parseInt(m[1] as string, 16);
    if (this.signed && m[2] === undefined) {
      throw new ChunkedBodyError(
        'SignatureDoesNotMatch',
        'A signed aws-chunked body has a chunk without a signature',
      );
    }
    this.chunkSignature = m[2] ?? '';
    this.chunkHash = this.signed ? createHash('sha256') : undefined;
    if (size === 0) {
      this.verifyChunk();
      this.state = 'trailer';
      return;
    }
    this.remaining = size;
    this.state = 'data';
  }

  /** AWS4-HMAC-SHA256-PAYLOAD: each chunk's signature covers the previous one and the chunk's SHA-256. */
  private verifyChunk(): void {
    if (!this.signed || !this.signing || !this.chunkHash) return;
    const s = this.signing;
    const expected = sigV4Sign(
      s.signingKey,
      [
        'AWS4-HMAC-SHA256-PAYLOAD',
        s.amzDate,
        s.scope,
        this.previousSignature,
        EMPTY_SHA256,
        this.chunkHash.digest('hex'),
      ].join('\n'),
    );
    if (expected !== this.chunkSignature) {
      throw new ChunkedBodyError(
        'SignatureDoesNotMatch',
        'The chunk signature we calculated does not match the one you provided. Check your key and signing method.',
      );
    }
    this.previousSignature = expected;
  }

  private onTrailerLine(text: string): void {
    if (text === '') {
      if (this.needsTrailerSignature && !this.trailerSigned) {
        throw new ChunkedBodyError(
          'SignatureDoesNotMatch',
          `${STREAMING_SIGNED_TRAILER} bodies end with an x-amz-trailer-signature line`,
        );
      }
      this.state = 'done';
      return;
    }
    const colon = text.indexOf(':');
    if (colon <= 0)
      throw new ChunkedBodyError('MalformedTrailerError', `"${text.slice(0, 80)}" is not a trailer`);
    const name = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') {
      this.verifyTrailer(value);
      return;
    }
    if (this.trailers.size >= MAX_TRAILERS) {
      throw new ChunkedBodyError('MalformedTrailerError', 'Too many trailers');
    }
    this.trailers.set(name, value);
    this.trailerText += `${name}:${value}\n`;
  }

  /** AWS4-HMAC-SHA256-TRAILER: the trailer block's signature chains from the last chunk's. */
  private verifyTrailer(signature: string): void {
    if (!this.signed || !this.signing) return;
    const s = this.signing;
    const expected = sigV4Sign(
      s.signingKey,
      [
        'AWS4-HMAC-SHA256-TRAILER',
        s.amzDate,
        s.scope,
        this.previousSignature,
        sha256Hex(this.trailerText),
      ].join('\n'),
    );
    if (expected !== signature) {
      throw new ChunkedBodyError(
        'SignatureDoesNotMatch',
        'The trailer signature we calculated does not match the one you provided.',
      );
    }
    this.trailerSigned = true;
  }
}
