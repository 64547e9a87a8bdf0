/** The object store's records and the shapes its callers pass in. */
import type { ChecksumAlgorithm, ChecksumType } from './checksums';

export interface ObjectChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64; a composite value ends in `-<parts>`. */
  value: string;
  type: ChecksumType;
}

export interface ObjectRecord {
  bucket: string;
  key: string;
  size: number;
  /** Hex MD5 of the bytes. */
  md5: string;
  /** The ETag without quotes: the MD5, or for a multipart object the MD5 of the part MD5s and `-<parts>`. */
  etag: string;
  checksum?: ObjectChecksum;
  contentType: string;
  contentEncoding?: string;
  /** Milliseconds since the epoch. */
  lastModified: number;
}

export interface StoredObject extends ObjectRecord {
  /** Absolute path of the bytes; read it right away (a replace deletes the old file). */
  file: string;
  /**
   * Set when `file` is a pack other objects share (./packs.ts): the object is the `size` bytes from here.
   * Without it the object is the whole file.
   */
  offset?: number;
}

export interface PutMetadata {
  contentType?: string;
  contentEncoding?: string;
}

/** Digests the bytes must have; a mismatch stores nothing. */
export interface ExpectedDigests {
  /** Hex (Content-MD5 → BadDigest). */
  md5?: string;
  /** Hex (x-amz-content-sha256 → XAmzContentSHA256Mismatch). */
  sha256?: string;
  /**
   * A flexible checksum to compute and keep. `value` (base64), when known, must match (BadDigest); it is a
   * function when it arrives only after the body (an aws-chunked trailer).
   */
  checksum?: { algorithm: ChecksumAlgorithm; value?: string | (() => string | undefined) };
  /** Last check once every byte is written, before the object becomes visible; throw to store nothing. */
  beforeCommit?: () => void;
}

/** What `commit` records about a fully written file. */
export interface CommitFields {
  size: number;
  md5: string;
  etag: string;
  contentType?: string;
  contentEncoding?: string;
  checksum?: ObjectChecksum;
}

export interface ListQuery {
  prefix?: string;
  /** Keys strictly after this one (start-after or a continuation token). */
  after?: string;
  /** Skip every key that starts with this (a common prefix already listed). */
  pastPrefix?: string;
  /** At most this many rows; the caller groups by delimiter. */
  limit: number;
}
