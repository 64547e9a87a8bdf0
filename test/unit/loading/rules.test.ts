import { describe, expect, it } from 'vitest';
import { classifyFile, contentHeadersFor } from '../../../electron/service/loading/import-rules';
import { exportPathFor, inOperation, recoveryPathFor } from '../../../electron/service/loading/export-rules';
import { checkSignature } from '../../../electron/service/loading/signature-check';

const GZ = Buffer.from([0x1f, 0x8b, 8]);
const TEXT = Buffer.from('he');

describe('classifyFile', () => {
  const manifest = { prefix: 'p/', substitutions: { A: 'a' } };
  const ignore = [/\.swp$/, /^backup\//];
  it.each([
    [{ path: 'SIGNATURE', validUtf8: true, size: 90 }, 'skip', 103, 'Ignored'],
    [{ path: 'dir/SIGNATURE', validUtf8: true, size: 90 }, 'import', 200, 'p/dir/SIGNaTURE'],
    [{ path: 'x\uFFFD.txt', validUtf8: false, size: 1 }, 'skip', 105, 'InvalidFileName'],
    [{ path: 'notes.swp', validUtf8: true, size: 1 }, 'skip', 103, 'Ignored'],
    [{ path: 'backup/a', validUtf8: true, size: 1 }, 'skip', 103, 'Ignored'],
    [{ path: 'big', validUtf8: true, size: 5 * 1024 ** 4 + 1 }, 'skip', 104, 'FileTooLarge'],
    [{ path: 'x'.repeat(1100), validUtf8: true, size: 1 }, 'skip', 400, 'KeyTooLongError'],
    [{ path: 'A/b.txt', validUtf8: true, size: 1 }, 'import', 200, 'p/a/b.txt'],
  ])('%j → %s', (file, kind, status, detail) => {
    const v = classifyFile(file, manifest, ignore);
    expect(v.kind).toBe(kind);
    if (v.kind === 'skip') expect([v.status, v.code]).toEqual([status, detail]);
    else expect(v.key).toBe(detail);
  });
});

describe('contentHeadersFor', () => {
  const m = { contentTypes: { html: 'text/html', jpg: 'image/jpeg' }, setContentEncodingForGzFiles: true };
  it.each([
    ['a/page.html.gz', GZ, 'text/html', 'gzip'],
    ['page.html.gzip', GZ, 'text/html', 'gzip'],
    ['data.gz', GZ, 'binary/octet-stream', 'gzip'],
    ['plain.gz', TEXT, 'binary/octet-stream', undefined],
    ['photo.JPG', TEXT, 'binary/octet-stream', undefined],
    ['photo.jpg', TEXT, 'image/jpeg', undefined],
    ['README', TEXT, 'binary/octet-stream', undefined],
  ])('%s', (p, bytes, type, encoding) => {
    expect(contentHeadersFor(m, p, bytes)).toEqual({
      contentType: type,
      ...(encoding ? { contentEncoding: encoding } : {}),
    });
  });
  it('uses defaultContentType and leaves gzip alone without the flag', () => {
    expect(contentHeadersFor({ defaultContentType: 'text/plain' }, 'x.gz', GZ)).toEqual({
      contentType: 'text/plain',
    });
  });
});

describe('export rules', () => {
  const op = { exportBucket: 'b', prefix: 'img/', beginMarker: 'img/b', endMarker: 'img/d' };
  it.each([
    ['img/a', false],
    ['img/b', false],
    ['img/c', true],
    ['img/d', true],
    ['img/d2', false],
    ['other/c', false],
  ])('%s in slice: %s', (key, inside) => expect(inOperation(op, key)).toBe(inside));
  it.each([
    [{ exportBucket: 'b' }, 'x/y.jpg', 'b/x/y.jpg'],
    [{ exportBucket: 'b', targetDirectory: 'my/stuff' }, 'y.jpg', 'my/stuff/b/y.jpg'],
    [{ exportBucket: 'b' }, '../etc/passwd', undefined],
    [{ exportBucket: 'b' }, 'dir/', undefined],
    [{ exportBucket: 'b' }, 'a//b', undefined],
    [{ exportBucket: 'b' }, 'n'.repeat(256), undefined],
  ])('%j %s → %s', (o, key, expected) => expect(exportPathFor(o, key)).toBe(expected));
  it('puts unusable keys in the recovery directory as one safe name', () => {
    expect(recoveryPathFor(undefined, 'b', '../etc/passwd')).toBe('LostAndFound/b/%2E%2E%2Fetc%2Fpasswd');
    expect(recoveryPathFor('Rescue', 'b', 'n'.repeat(300))).toMatch(/^Rescue\/b\/[0-9a-f]{64}$/);
  });
});

describe('checkSignature', () => {
  const job = { id: 'ABCDE', signature: 'sig=' };
  const file = (jobId: string, sig: string) =>
    `version:2.0\nsigningMethod:HmacSHA1\njobId:${jobId}\nsignature:${sig}\n`;
  it.each([
    [undefined, 'MissingSignature'],
    ['garbage', 'InvalidSignature'],
    [file('ZZZZZ', 'sig='), 'InvalidSignature'],
    [file('ABCDE', 'other='), 'InvalidSignature'],
  ])('%j → %s', (text, code) => {
    const v = checkSignature(text, job);
    expect(v.ok ? 'ok' : v.progressCode).toBe(code);
  });
  it('accepts the right file with CRLF and spaces', () => {
    expect(checkSignature(file('abcde', 'sig=').replace(/\n/g, '\r\n').replace(/:/g, ': '), job)).toEqual({
      ok: true,
    });
  });
});
