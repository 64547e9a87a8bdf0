/**
 * Runs the Python client drivers in test/fixtures/ (boto3 against the embedded endpoint) without blocking
 * the event loop, which serves the endpoint in the same process.
 */
import { spawn, spawnSync } from 'node:child_process';

/** Debian's interpreter and its python3-boto3 (build/install-system-deps.sh installs it). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** The boto3 version an interpreter imports, or undefined when it has none. */
export function boto3Version(python: string): string | undefined {
  const r = spawnSync(python, ['-c', 'import boto3; print(boto3.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * The interpreters to drive: Debian's (required), and the one first on PATH when it is another
 * installation with boto3 (a newer boto3 sends CRC32 checksums and aws-chunked uploads by default).
 */
export function boto3Interpreters(): { python: string; version: string }[] {
  const out: { python: string; version: string }[] = [];
  const debian = boto3Version(DEBIAN_PYTHON);
  if (debian !== undefined) out.push({ python: DEBIAN_PYTHON, version: debian });
  const onPath = boto3Version('python3');
  if (onPath !== undefined && onPath !== debian) out.push({ python: 'python3', version: onPath });
  return out;
}

/** Runs `script` with `input` as JSON on stdin; resolves its stdout parsed as JSON. */
export function runPythonJson<T>(
  python: string,
  script: string,
  input: unknown,
  timeoutMs = 120_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`${python} ${script} exited ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as T);
      } catch {
        reject(new Error(`${script} printed no JSON: ${stdout.slice(0, 500)} ${stderr.slice(-1000)}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}

/** The skip reason when Debian's boto3 is missing; under CI=true that fails instead. */
export function boto3SkipReason(what = 'boto3 tests'): string | undefined {
  if (boto3Version(DEBIAN_PYTHON) !== undefined) return undefined;
  const reason = `${DEBIAN_PYTHON} cannot import boto3 (apt-get install -y python3-boto3)`;
  if (process.env.CI === 'true') throw new Error(`${what} cannot run: ${reason}`);
  console.warn(`skipping ${what}: ${reason}`);
  return reason;
}
