/**
 * Reads files back from the device itself, not from the page cache, and hashes them (MD5).
 *
 * Node has no posix_fadvise, and O_DIRECT needs page-aligned buffers: a Node Buffer is not aligned, and on
 * this kernel a misaligned O_DIRECT read corrupts memory instead of failing. GNU `dd iflag=direct` allocates
 * its own page-aligned buffer and opens the file with O_DIRECT, so every byte comes from the drive; its output
 * goes through `md5sum`. One bash loop per worker reads NUL-separated paths on stdin, so a file costs two
 * small processes rather than a Node spawn. A file system that refuses O_DIRECT (EINVAL, e.g. some FUSE
 * mounts) is read with `iflag=nocache` after dropping the file's cached pages (`dd count=0 iflag=nocache`,
 * which calls posix_fadvise DONTNEED), and the method is reported.
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';

export const VERIFY_METHOD_DIRECT = 'dd iflag=direct | md5sum (O_DIRECT, page-aligned buffers)';
export const VERIFY_METHOD_NOCACHE = 'dd iflag=nocache | md5sum (cache dropped with fadvise DONTNEED)';

const SCRIPT = `
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
    const child = spawn('bash', ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'], signal });
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
