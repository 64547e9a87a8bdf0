/**
 * One file onto the drive: read once, hashed (MD5) from the very bytes written, into a temporary name in the
 * destination folder, flushed, then renamed into place. A pull or a crash leaves at most a `.dockhand-copy-*`
 * file, never half a file under the real name. Reading the next chunk, writing this one and hashing it overlap.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants as C } from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import { TEMP_PREFIX } from './types';

const SLASH = 0x2f;

/** Which side of the copy an OS error came from: it decides what the message says and whether to go on. */
export class CopySideError extends Error {
  constructor(
    readonly side: 'source' | 'drive',
    readonly errno: string | undefined,
    readonly step: string,
    cause: Error,
  ) {
    super(cause.message, { cause });
    this.name = 'CopySideError';
  }
}

export interface WrittenFile {
  md5: string;
  size: number;
  /** The file's mtime on the drive as the drive reports it (set from the source's). */
  mtimeMs: number;
  sourceSize: number;
  sourceMtimeMs: number;
}

export interface CopyBuffers {
  a: Buffer;
  b: Buffer;
}

export function allocBuffers(chunkBytes: number): CopyBuffers {
  return { a: Buffer.allocUnsafeSlow(chunkBytes), b: Buffer.allocUnsafeSlow(chunkBytes) };
}

export function tempPathFor(dest: Buffer): Buffer {
  const slash = dest.lastIndexOf(SLASH);
  const dir = slash < 0 ? Buffer.alloc(0) : dest.subarray(0, slash + 1);
  return Buffer.concat([dir, Buffer.from(`${TEMP_PREFIX}${randomBytes(8).toString('hex')}`)]);
}

async function onSide<T>(side: 'source' | 'drive', step: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new CopySideError(side, e.code, step, e);
  }
}

/**
 * Copies `source` to `dest` (absolute paths as bytes) through `temp`. The caller fsyncs the destination
 * folder after the rename, before recording the file. `onBytes` is called as chunks land on the drive.
 */
export async function copyOneFile(
  source: Buffer,
  dest: Buffer,
  temp: Buffer,
  buffers: CopyBuffers,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<WrittenFile> {
  const src = await onSide('source', 'open', fsp.open(source, C.O_RDONLY));
  let out: FileHandle | undefined;
  let renamed = false;
  try {
    const st = await onSide('source', 'stat', src.stat());
    out = await onSide('drive', 'create', fsp.open(temp, C.O_WRONLY | C.O_CREAT | C.O_EXCL, 0o644));
    const hash = createHash('md5');
    let size = 0;
    let cur = buffers.a;
    let next = buffers.b;
    let n = (await onSide('source', 'read', src.read(cur, 0, cur.length, null))).bytesRead;
    while (n > 0) {
      if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
      const chunk = cur.subarray(0, n);
      const writing = onSide('drive', 'write', writeAll(out, chunk));
      const reading = onSide('source', 'read', src.read(next, 0, next.length, null));
      // Both in flight on the thread pool while this thread hashes the chunk being written.
      hash.update(chunk);
      const [, r] = await Promise.all([writing, reading]);
      size += n;
      onBytes(n);
      n = r.bytesRead;
      [cur, next] = [next, cur];
    }
    // The source's modification time goes along, as `cp -p` would keep it.
    await onSide('drive', 'set time', out.utimes(st.atime, st.mtime));
    await onSide('drive', 'flush', out.sync());
    const written = await onSide('drive', 'stat', out.stat());
    await out.close();
    out = undefined;
    await onSide('drive', 'rename', fsp.rename(temp, dest));
    renamed = true;
    return {
      md5: hash.digest('hex'),
      size,
      mtimeMs: written.mtimeMs,
      sourceSize: st.size,
      sourceMtimeMs: st.mtimeMs,
    };
  } finally {
    await src.close().catch(() => undefined);
    if (out) await out.close().catch(() => undefined);
    // A drive that is gone keeps its temp file; the next run removes it (see removeLeftovers).
    if (!renamed) await fsp.rm(temp, { force: true }).catch(() => undefined);
  }
}

async function writeAll(fh: FileHandle, chunk: Buffer): Promise<void> {
  let off = 0;
  while (off < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, off, chunk.length - off, null);
    off += bytesWritten;
  }
}
