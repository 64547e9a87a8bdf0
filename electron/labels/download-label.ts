/**
 * Fetches a label (or artifact) PDF to a file: streamed, capped in size, checked to be a PDF, and
 * written to a temporary file renamed into place, so `destFile` is either the whole PDF or untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { LabelError } from './errors';

/** Labels are a few hundred KiB; anything far larger is not a label. */
export const MAX_LABEL_BYTES = 20 * 1024 * 1024;
/** For the whole download, headers and body. */
export const LABEL_DOWNLOAD_TIMEOUT_MS = 60_000;
const PDF_MAGIC = '%PDF-';

export interface DownloadOptions {
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface DownloadResult {
  file: string;
  bytes: number;
}

function checkUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LabelError(
      'InvalidLabelUrl',
      `"${url}" is not a URL; use the ShippingLabelURL GetShippingLabel returned.`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new LabelError(
      'InvalidLabelUrl',
      `The label URL must be http(s), not ${parsed.protocol} (${redactUrl(parsed)})`,
    );
  }
  return parsed;
}

/** The URL without its query: pre-signed URLs carry their credential there. */
function redactUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}

export async function downloadLabel(
  url: string,
  destFile: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const parsed = checkUrl(url);
  const shown = redactUrl(parsed);
  const maxBytes = options.maxBytes ?? MAX_LABEL_BYTES;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? LABEL_DOWNLOAD_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let response: Response;
  try {
    response = await fetch(parsed, { signal, redirect: 'follow' });
  } catch (err) {
    throw downloadFailure(shown, err, timeout);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new LabelError(
      'LabelDownloadFailed',
      `Downloading the label from ${shown} failed: HTTP ${response.status} ${response.statusText}. Labels expire; ask for a new one with get-shipping-label.`,
    );
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge(shown, declared, maxBytes);
  }

  const dest = path.resolve(destFile);
  await mkdir(path.dirname(dest), { recursive: true });
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.part-${randomBytes(4).toString('hex')}`);
  const handle = await open(tmp, 'wx', 0o644);
  let total = 0;
  let head = Buffer.alloc(0);
  let done = false;
  const reader = response.body.getReader();
  try {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        const bytes = chunk.value;
        total += bytes.byteLength;
        if (total > maxBytes) throw tooLarge(shown, total, maxBytes);
        if (head.length < PDF_MAGIC.length) {
          head = Buffer.concat([head, bytes.subarray(0, PDF_MAGIC.length - head.length)]);
          // Refuse an HTML error page at its first bytes rather than after saving all of it.
          if (head.length >= PDF_MAGIC.length || !PDF_MAGIC.startsWith(head.toString('latin1')))
            checkMagic(head, shown);
        }
        await handle.write(bytes);
      }
    } catch (err) {
      await reader.cancel().catch(() => undefined);
      if (err instanceof LabelError) throw err;
      throw downloadFailure(shown, err, timeout);
    }
    checkMagic(head, shown);
    await handle.sync();
    await handle.close();
    done = true;
    await rename(tmp, dest);
    return { file: dest, bytes: total };
  } catch (err) {
    if (!done) await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}

function checkMagic(head: Buffer, shown: string): void {
  if (head.toString('latin1') !== PDF_MAGIC) {
    throw new LabelError(
      'NotAPdf',
      `${shown} did not return a PDF (it starts with ${JSON.stringify(head.toString('latin1'))}); check the endpoint URL or ask for a new label.`,
    );
  }
}

function tooLarge(shown: string, bytes: number, max: number): LabelError {
  return new LabelError(
    'LabelTooLarge',
    `${shown} sent over ${max} bytes (${bytes}); a label is far smaller, so this is not one. Nothing was saved.`,
  );
}

function downloadFailure(shown: string, err: unknown, timeout: AbortSignal): LabelError {
  const reason = timeout.aborted
    ? 'it timed out'
    : ((err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message);
  return new LabelError(
    'LabelDownloadFailed',
    `Downloading the label from ${shown} failed: ${reason}. Check the network and try again.`,
  );
}
