/**
 * Reads files back from the device itself, not from the page cache, and hashes them (MD5).
 *
 * Node has no posix_fadvise, and O_DIRECT needs page-aligned buffers: a Node Buffer is not aligned, and on
 * this kernel a misaligned O_DIRECT read corrupts memory instead of failing. So the reading is done by a
 * helper process whose buffer is page-aligned by construction:
 * - python3 (present wherever the native modules were built): an anonymous `mmap` (always page-aligned) read
 *   with `os.preadv` from a file opened with O_DIRECT; one process for all files.
 * - otherwise GNU `dd iflag=direct` (which allocates its own page-aligned buffer) piped into `md5sum`, one bash
 *   loop per worker; slower with many small files (two processes per file).
 * A file system that refuses O_DIRECT (EINVAL, e.g. some FUSE mounts) has the file's cached pages dropped
 * (posix_fadvise DONTNEED) and is read normally; the method is reported.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

export const VERIFY_METHOD_DIRECT = 'O_DIRECT read into a page-aligned buffer';
export const VERIFY_METHOD_NOCACHE = 'cached pages dropped (fadvise DONTNEED), then read';

const PYTHON = `
import hashlib, mmap, os, sys
BUF = 4 << 20
buf = mmap.mmap(-1, BUF)
view = memoryview(buf)
def md5(fd):
    h = hashlib.md5(); off = 0
    while True:
        n = os.preadv(fd, [buf], off)
        if n <= 0: return h.hexdigest()
        h.update(view[:n]); off += n
for p in sys.stdin.buffer.read().split(b'\\0')[:-1]:
    try:
        try:
            fd = os.open(p, os.O_RDONLY | os.O_DIRECT); tag = 'D'
        except OSError as e:
            if e.errno != 22: raise
            fd = os.open(p, os.O_RDONLY); tag = 'N'
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        try: line = tag + ' ' + md5(fd)
        finally: os.close(fd)
    except OSError as e:
        line = 'E ' + (e.strerror or str(e))
    sys.stdout.write(line + '\\n'); sys.stdout.flush()
`;

const BASH = `
set -o pipefail
err=$(mktemp) || exit 3
trap 'rm -f "$err"' EXIT
while IFS= read -r -d '' f; do
  if h=$(dd if="$f" iflag=direct bs=4M status=none 2>"$err" | md5sum); then
    printf 'D %s\\n' "\${h%% *}"
  elif grep -q 'Invalid argument' "$err" && dd if="$f" iflag=nocache count=0 status=none 2>/dev/null &&
       h=$(dd if="$f" iflag=nocache bs=4M status=none 2>"$err" | md5sum); then
    printf 'N %s\\n' "\${h%% *}"
  else
    printf 'E %s\\n' "$(tr '\\n' ' ' < "$err" | head -c 400)"
  fi
done
`;

let helper: { cmd: string; args: string[]; name: string } | undefined;

/** python3 when it runs, else bash + dd; decided once per process. */
export function readBackHelper(): { cmd: string; args: string[]; name: string } {
  if (!helper) {
    const py = spawnSync('python3', ['-c', 'import mmap, os; os.O_DIRECT; os.preadv'], { stdio: 'ignore' });
    helper =
      py.status === 0 && process.env.DOCKHAND_VERIFY_HELPER !== 'dd'
        ? { cmd: 'python3', args: ['-c', PYTHON], name: 'python3 os.preadv into mmap' }
        : { cmd: 'bash', args: ['-c', BASH], name: 'dd iflag=direct | md5sum' };
  }
  return helper;
}

export type ReadBack = { md5: string; method: 'direct' | 'nocache' } | { error: string };

/** Hashes each file as the device holds it; results in input order. `onFile` fires as each finishes. */
export async function readBackMd5(
  files: readonly Buffer[],
  onFile?: (index: number, result: ReadBack) => void,
  signal?: AbortSignal,
  workers = Math.min(2, Math.max(1, cpus().length)),
): Promise<ReadBack[]> {
  const results: ReadBack[] = new Array<ReadBack>(files.length);
  const n = Math.max(1, Math.min(workers, files.length));
  // Contiguous slices: a worker's files sit next to each other on the drive, as they were written.
  const per = Math.ceil(files.length / n);
  await Promise.all(
    Array.from({ length: n }, (_, w) => {
      const start = w * per;
      return runWorker(files.slice(start, start + per), start, results, onFile, signal);
    }),
  );
  return results;
}

function runWorker(
  files: readonly Buffer[],
  offset: number,
  results: ReadBack[],
  onFile: ((index: number, result: ReadBack) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (files.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const h = readBackHelper();
    const child = spawn(h.cmd, h.args, { stdio: ['pipe', 'pipe', 'pipe'], signal });
    let next = 0;
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      pending += text;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const i = offset + next++;
        const result: ReadBack = line.startsWith('D ')
          ? { md5: line.slice(2), method: 'direct' }
          : line.startsWith('N ')
            ? { md5: line.slice(2), method: 'nocache' }
            : { error: line.slice(2).trim() || 'read failed' };
        results[i] = result;
        onFile?.(i, result);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (next === files.length) resolve();
      else
        reject(
          new Error(`read-back stopped after ${next} of ${files.length} files (exit ${code}): ${stderr}`),
        );
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.concat(files.flatMap((f) => [f, Buffer.from([0])])));
  });
}
