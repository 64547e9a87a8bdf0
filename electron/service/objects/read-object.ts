/**
 * Reading an object's bytes, whether it has a file of its own or is a range of a pack (./packs.ts).
 */
import fs from 'node:fs';
import { access, copyFile, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StoredObject } from './index';

/** Inclusive byte positions within the object. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The object's bytes (or `range` of them) as a stream, already open: rejects when its file is gone, which
 * happens when the object was replaced or deleted after its row was read.
 */
export async function openObjectStream(found: StoredObject, range?: ByteRange): Promise<Readable> {
  const span = range ?? (found.size > 0 ? { start: 0, end: found.size - 1 } : undefined);
  if (span === undefined) {
    // Nothing to read (an empty object), but the answer must still be that the object is there.
    await access(found.file, fs.constants.R_OK);
    return Readable.from([]);
  }
  const base = found.offset ?? 0;
  const stream = fs.createReadStream(found.file, { start: base + span.start, end: base + span.end });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  return stream;
}

/**
 * Copies the object to a new file `target` (never over one: EEXIST), with the store's private mode, and
 * leaves no partial file when the copy fails (as `copyFile` does). An object with a file of its own is
 * copied by the kernel; a pack member through a stream of its range.
 */
export async function copyObjectTo(found: StoredObject, target: string): Promise<void> {
  if (found.offset === undefined) {
    await copyFile(found.file, target, fs.constants.COPYFILE_EXCL);
    return;
  }
  const source = await openObjectStream(found);
  const out = fs.createWriteStream(target, { flags: 'wx', mode: 0o600 });
  let opened = false;
  out.once('open', () => (opened = true));
  try {
    await pipeline(source, out);
  } catch (err) {
    if (opened) await rm(target, { force: true });
    throw err;
  } finally {
    source.destroy();
  }
}
