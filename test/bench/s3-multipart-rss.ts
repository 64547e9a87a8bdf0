/**
 * Peak memory of the endpoint while it takes a 1 GiB multipart upload, against the anchor the object's own
 * size: a ratio well below 1 means the endpoint streams parts to disk and assembles the object without
 * holding it. The endpoint runs as a child `dockhand service` process (the built CLI); its resident set is
 * sampled from /proc every 20 ms, and the kernel's own high-water mark (VmHWM) is read before it stops. The
 * client is @aws-sdk/lib-storage `Upload` with default checksums (CRC32, COMPOSITE), 16 MiB parts, 4 at a
 * time, from a generated stream (no 1 GiB file on disk besides the endpoint's).
 *
 * Run: node build/run-ts.js test/bench/s3-multipart-rss.ts   (BENCH_S3_MIB=256 for a quicker run)
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buildNode, nodeBuildIsStale } from '../../build/build.js';
import { DOCKHAND_CLI } from '../helpers/cli';

const MiB = 1024 * 1024;
const OBJECT_MIB = Number(process.env.BENCH_S3_MIB ?? 1024);
const PART_BYTES = 16 * MiB;
const SAMPLE_EVERY_MS = 20;
const ACCOUNT = {
  accessKeyId: 'AKIABENCHRSS0000',
  secretAccessKey: 'bench-rss-secret-key-0000000000000000',
  buckets: [{ name: 'bench-rss', region: 'us-east-1' }],
};

/** VmRSS and VmHWM of a process, in bytes. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
}

/** `bytes` of data from a repeated random block, produced as the client reads it. */
function generated(bytes: number): Readable {
  const block = randomBytes(MiB);
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

async function main(): Promise<void> {
  if (await nodeBuildIsStale()) await buildNode();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-bench-rss-'));
  const config = path.join(dir, 'accounts.json');
  fs.writeFileSync(config, JSON.stringify({ accounts: [ACCOUNT] }));
  const child = spawn(
    process.execPath,
    [DOCKHAND_CLI, 'service', '--port', '0', '--data-dir', path.join(dir, 'data'), '--config', config],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`dockhand service exited ${code}`)));
    });
    const pid = child.pid as number;
    const idle = memoryOf(pid).rss;
    let peakSampled = idle;
    const sampler = setInterval(() => {
      peakSampled = Math.max(peakSampled, memoryOf(pid).rss);
    }, SAMPLE_EVERY_MS);
    const s3 = new S3Client({
      endpoint: url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: ACCOUNT,
      maxAttempts: 1,
    });
    const started = performance.now();
    const size = OBJECT_MIB * MiB;
    await new Upload({
      client: s3,
      params: { Bucket: 'bench-rss', Key: 'bench/one-gib.bin', Body: generated(size) },
      partSize: PART_BYTES,
      queueSize: 4,
    }).done();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const { hwm } = memoryOf(pid);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'bench-rss', Key: 'bench/one-gib.bin' }));
    if (head.ContentLength !== size) throw new Error(`stored ${head.ContentLength} bytes, sent ${size}`);
    const mib = (b: number): string => (b / MiB).toFixed(0);
    console.log(
      `\n## Endpoint memory during a ${OBJECT_MIB} MiB multipart upload (anchor: the object's size)\n`,
    );
    console.log('| measure | MiB | / object size |');
    console.log('| --- | ---: | ---: |');
    console.log(`| object (anchor) | ${mib(size)} | 1.000 |`);
    console.log(`| endpoint RSS before the upload | ${mib(idle)} | ${(idle / size).toFixed(3)} |`);
    console.log(
      `| endpoint peak RSS, sampled every ${SAMPLE_EVERY_MS} ms | ${mib(peakSampled)} | ${(peakSampled / size).toFixed(3)} |`,
    );
    console.log(
      `| endpoint peak RSS, kernel high-water mark (VmHWM) | ${mib(hwm)} | ${(hwm / size).toFixed(3)} |`,
    );
    console.log(
      `| growth during the upload (VmHWM - before) | ${mib(hwm - idle)} | ${((hwm - idle) / size).toFixed(3)} |`,
    );
    console.log(
      `\n${head.ETag} in ${seconds.toFixed(1)} s (${Math.ceil(size / PART_BYTES)} parts of ${PART_BYTES / MiB} MiB, 4 in flight)`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
