import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadLabel } from '../../../electron/labels/download-label';
import { LabelError } from '../../../electron/labels/errors';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200_000, 0x41), Buffer.from('\n%%EOF\n')]);

let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/label.pdf':
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': PDF.length });
        res.end(PDF);
        return;
      case '/chunked.pdf':
        // No Content-Length: the cap has to hold while streaming.
        res.writeHead(200, { 'Content-Type': 'application/pdf' });
        res.write(PDF.subarray(0, 100_000));
        setTimeout(() => res.end(PDF.subarray(100_000)), 10);
        return;
      case '/html':
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html>Access denied</html>');
        return;
      case '/cut':
        // The connection drops halfway through the body.
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': PDF.length });
        res.write(PDF.subarray(0, 50_000), () => res.destroy());
        return;
      case '/slow':
        res.writeHead(200, { 'Content-Type': 'application/pdf' });
        res.write(PDF.subarray(0, 10));
        return;
      default:
        res.writeHead(404);
        res.end('no such label');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-dl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<LabelError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LabelError);
  return err as LabelError;
}

describe('downloadLabel', () => {
  it('saves the whole PDF, creating the folder', async () => {
    const dest = path.join(dir, 'out', 'label.pdf');
    expect(await downloadLabel(`${base}/label.pdf?token=secret`, dest)).toEqual({
      file: dest,
      bytes: PDF.length,
    });
    expect(Buffer.compare(await readFile(dest), PDF)).toBe(0);
    expect(await readdir(path.join(dir, 'out'))).toEqual(['label.pdf']);
  });

  it.each([
    ['a 404', '/missing.pdf?token=secret', {}, 'LabelDownloadFailed', /HTTP 404/],
    ['an HTML page', '/html', {}, 'NotAPdf', /did not return a PDF/],
    [
      'a body over the cap (Content-Length)',
      '/label.pdf',
      { maxBytes: 1000 },
      'LabelTooLarge',
      /over 1000 bytes/,
    ],
    [
      'a body over the cap (streamed)',
      '/chunked.pdf',
      { maxBytes: 150_000 },
      'LabelTooLarge',
      /over 150000 bytes/,
    ],
    ['a dropped connection', '/cut', {}, 'LabelDownloadFailed', /failed/],
    ['a stalled server', '/slow', { timeoutMs: 300 }, 'LabelDownloadFailed', /timed out/],
  ])('refuses %s and leaves an existing file untouched', async (_n, urlPath, options, code, message) => {
    const dest = path.join(dir, 'label.pdf');
    await writeFile(dest, 'previous label');
    const err = await failure(downloadLabel(`${base}${urlPath}`, dest, options));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('secret');
    expect(await readFile(dest, 'utf8')).toBe('previous label');
    expect(await readdir(dir)).toEqual(['label.pdf']);
  });

  it.each([
    ['not a URL', 'label.pdf'],
    ['a file URL', 'file:///etc/passwd'],
  ])('refuses %s', async (_n, url) => {
    expect((await failure(downloadLabel(url, path.join(dir, 'x.pdf')))).code).toBe('InvalidLabelUrl');
    expect(await readdir(dir)).toEqual([]);
  });
});
