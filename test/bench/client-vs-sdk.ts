/**
 * Our Import/Export client against the anchor "AWS SDK for JavaScript v2 ImportExport" (with a keep-alive
 * agent, as ours has), both calling the same embedded endpoint in the same run:
 *
 * - calls per second for GetStatus and ListJobs (20 jobs stored), sequential and with 8 in flight;
 * - RSS and heap growth over a fixed number of GetStatus calls, after a forced GC.
 *
 * Each cell is measured twice, alternating clients, and the better round is kept, so neither client
 * gains from running second. Ratios > 1 mean ours does more calls per second (or grows more memory).
 *
 * Run: node build/run-ts.js test/bench/client-vs-sdk.ts   (about 40 s; prints markdown tables)
 */
import { Agent } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ImportExport from 'aws-sdk/clients/importexport';
import { startService } from '../../electron/service/index';
import type { AccountConfig } from '../../electron/service/types';
import { createClient } from '../../electron/importexport/client';

const WARMUP_MS = 300;
const MEASURE_MS = 2_000;
const ROUNDS = 2;
const CONCURRENCIES = [1, 8] as const;
const STORED_JOBS = 20;
const MEMORY_CALLS = 2_000;

const ACCOUNT: AccountConfig = {
  accessKeyId: 'AKIADOCKHANDBENCHCLI',
  secretAccessKey: 'benchClientDockhandSecretKeyForTheBench0',
  buckets: [
    { name: 'bench-client-import', region: 'us-east-1' },
    { name: 'bench-client-logs', region: 'us-east-1' },
  ],
};

function manifest(i: number): string {
  return [
    'manifestVersion: 2.0',
    `accessKeyId: ${ACCOUNT.accessKeyId}`,
    `deviceId: BENCH-${String(i).padStart(4, '0')}`,
    'eraseDevice: yes',
    'generator: dockhand bench',
    'notificationEmail: bench@example.com',
    'bucket: bench-client-import',
    'logBucket: bench-client-logs',
    'returnAddress:',
    '    name: Jane Roe',
    '    street1: 123 Any Street',
    '    city: Anytown',
    '    stateOrProvince: WA',
    '    postalCode: 91011-1111',
    '    phoneNumber: 206-555-1111',
    '    country: USA',
    '',
  ].join('\n');
}

type Call = () => Promise<unknown>;

interface Contender {
  name: string;
  getStatus: Call;
  listJobs: Call;
}

async function callsPerSecond(call: Call, concurrency: number): Promise<number> {
  const runFor = async (ms: number): Promise<number> => {
    const until = performance.now() + ms;
    let count = 0;
    // Workers never overlap their own calls; `concurrency` of them keep that many in flight.
    const worker = async (): Promise<void> => {
      while (performance.now() < until) {
        await call();
        count++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return count / ((performance.now() - started) / 1000);
  };
  await runFor(WARMUP_MS);
  return runFor(MEASURE_MS);
}

function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function memoryGrowth(call: Call, gc: () => void): Promise<{ rssBytes: number; heapBytes: number }> {
  for (let i = 0; i < 50; i++) await call();
  gc();
  const before = process.memoryUsage();
  for (let i = 0; i < MEMORY_CALLS; i++) await call();
  gc();
  const after = process.memoryUsage();
  return { rssBytes: after.rss - before.rss, heapBytes: after.heapUsed - before.heapUsed };
}

const fmt = (n: number): string => n.toFixed(0);
const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dockhand-bench-client-'));
  const service = await startService({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    config: { accounts: [ACCOUNT] },
  });
  try {
    const ours = createClient({ endpoint: service.url, credentials: ACCOUNT });
    const jobIds: string[] = [];
    for (let i = 0; i < STORED_JOBS; i++) {
      jobIds.push(
        (await ours.createJob({ JobType: 'Import', Manifest: manifest(i), ValidateOnly: false })).JobId,
      );
    }
    const jobId = jobIds[0] as string;
    const sdk = new ImportExport({
      endpoint: service.url,
      ...ACCOUNT,
      region: 'us-east-1',
      sslEnabled: false,
      maxRetries: 0,
      httpOptions: { agent: new Agent({ keepAlive: true }) },
    });
    const contenders: [Contender, Contender] = [
      { name: 'dockhand client', getStatus: () => ours.getStatus(jobId), listJobs: () => ours.listJobs() },
      {
        name: 'AWS SDK v2 (anchor)',
        getStatus: () => sdk.getStatus({ JobId: jobId }).promise(),
        listJobs: () => sdk.listJobs({}).promise(),
      },
    ];

    const rows: string[] = [];
    for (const op of ['getStatus', 'listJobs'] as const) {
      for (const concurrency of CONCURRENCIES) {
        const best = [0, 0];
        for (let round = 0; round < ROUNDS; round++) {
          // Alternate who goes first so warm-up effects even out.
          const order = round % 2 === 0 ? [0, 1] : [1, 0];
          for (const i of order) {
            const c = contenders[i as 0 | 1];
            best[i as 0 | 1] = Math.max(best[i as 0 | 1] ?? 0, await callsPerSecond(c[op], concurrency));
          }
        }
        const [o, s] = best as [number, number];
        rows.push(
          `| ${op === 'getStatus' ? 'GetStatus' : 'ListJobs (20 jobs)'} | ${concurrency} | ${fmt(o)} | ${fmt(s)} | ${(o / s).toFixed(2)} |`,
        );
      }
    }
    console.log('### Calls per second against the embedded endpoint\n');
    console.log('| operation | in flight | dockhand calls/s | AWS SDK v2 calls/s | ratio (dockhand / SDK) |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);

    const gc = gcFunction();
    const memOurs = await memoryGrowth(contenders[0].getStatus, gc);
    const memSdk = await memoryGrowth(contenders[1].getStatus, gc);
    console.log(`\n### Memory growth over ${MEMORY_CALLS} sequential GetStatus calls (after GC)\n`);
    console.log('| client | RSS growth (MiB) | heap growth (MiB) |');
    console.log('| --- | --- | --- |');
    console.log(`| dockhand client | ${mib(memOurs.rssBytes)} | ${mib(memOurs.heapBytes)} |`);
    console.log(`| AWS SDK v2 (anchor) | ${mib(memSdk.rssBytes)} | ${mib(memSdk.heapBytes)} |`);
    const ratio = (a: number, b: number): string =>
      Math.abs(b) < 64 * 1024 ? 'n/a (anchor grew < 64 KiB)' : (a / b).toFixed(2);
    console.log(
      `\nHeap growth ratio (dockhand / SDK): ${ratio(memOurs.heapBytes, memSdk.heapBytes)}; RSS growth ratio: ${ratio(memOurs.rssBytes, memSdk.rssBytes)}`,
    );
  } finally {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
