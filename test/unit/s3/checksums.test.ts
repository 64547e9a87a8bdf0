/** Flexible checksums as S3 encodes them, and the Range header as S3 reads it. */
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checksumOf, compositeChecksum } from '../../../electron/service/objects/checksums';
import { crc32c } from '../../../electron/service/objects/crc32c';
import { resolveRange } from '../../../electron/service/s3/range';

describe('checksums', () => {
  it('computes the standard check values ("123456789") and S3 base64 encodings', () => {
    const check = Buffer.from('123456789');
    expect(crc32c(check).toString(16)).toBe('e3069283');
    expect(checksumOf('CRC32', check)).toBe(Buffer.from('cbf43926', 'hex').toString('base64'));
    expect(checksumOf('CRC32C', check)).toBe(Buffer.from('e3069283', 'hex').toString('base64'));
    expect(checksumOf('SHA1', Buffer.from('abc'))).toBe('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
    expect(checksumOf('SHA256', Buffer.from(''))).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    // AWS's trailer example: 66,560 bytes of "a" have CRC32C sOO8/Q==.
    expect(checksumOf('CRC32C', Buffer.alloc(66_560, 'a'))).toBe('sOO8/Q==');
  });

  it('continues a CRC-32C across pieces like one pass', () => {
    const data = Buffer.from(Array.from({ length: 10_007 }, (_, i) => (i * 31) % 256));
    expect(crc32c(data.subarray(4321), crc32c(data.subarray(0, 4321)))).toBe(crc32c(data));
  });

  it('forms a composite checksum over the raw part checksums, with -N', () => {
    const parts = [Buffer.from('part one'), Buffer.from('part two')].map((p) => checksumOf('CRC32', p));
    const raw = Buffer.concat(parts.map((p) => Buffer.from(p, 'base64')));
    const expected = Buffer.alloc(4);
    expected.writeUInt32BE(crc32(raw));
    expect(compositeChecksum('CRC32', parts)).toBe(`${expected.toString('base64')}-2`);
  });
});

describe('Range', () => {
  it.each([
    [undefined, 100, { kind: 'whole' }],
    ['bytes=0-9', 100, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=90-', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=90-500', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-500', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=5-2', 100, { kind: 'whole' }],
    ['bytes=0-1,5-6', 100, { kind: 'whole' }],
    ['items=0-1', 100, { kind: 'whole' }],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(resolveRange(header, size)).toEqual(expected);
  });
});
