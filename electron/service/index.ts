/** The embedded AWS Import/Export endpoint: `startService` is the agreed surface (./types.ts). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import { demoConfig, ensureEndpointSecret } from './config';
import { handleRequest, type EndpointDeps } from './http';
import type { ManifestRules } from './manifest-rules';
import type { BucketOwner } from './operations/context';
import { openStore } from './store';
import { createS3Handler } from './s3/handler';
import type { AccountConfig, RunningService, ServiceOptions } from './types';

export type { AccountConfig, RunningService, ServiceConfig, ServiceOptions } from './types';
export { readDemoAccount, ConfigError } from './config';
export { openStore, JobStore } from './store';

export const DEFAULT_HOST = '127.0.0.1';

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const host = options.host ?? DEFAULT_HOST;
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const config =
    options.config === undefined
      ? demoConfig(options.dataDir)
      : (await import('./config-file')).resolveConfig(options.config, options.dataDir);
  const endpointSecret = ensureEndpointSecret(options.dataDir);
  let rules: Promise<ManifestRules> | undefined;
  const loadRules = (): Promise<ManifestRules> =>
    (rules ??= import('./manifest-rules').then((m) => m.manifestRules));
  // Group commit: this process answers only after durable() (see http.ts), so commits can share fsyncs.
  const store = openStore(options.dataDir, { groupCommit: true });

  const accounts = new Map<string, AccountConfig>(config.accounts.map((a) => [a.accessKeyId, a]));
  const buckets = new Map<string, BucketOwner>();
  for (const a of config.accounts) {
    for (const b of a.buckets) buckets.set(b.name, { account: a.accessKeyId, region: b.region });
  }

  let url = '';
  const s3 = createS3Handler({ dataDir: options.dataDir, accounts, buckets, now, log });
  const deps: EndpointDeps = {
    store,
    accounts,
    buckets,
    endpointSecret,
    loadRules,
    createJobDailyQuota: config.createJobDailyQuota,
    now,
    log,
    url: () => url,
    s3: s3.handle,
  };
  const server = http.createServer((req, res) => {
    handleRequest(req, res, deps).catch((err: unknown) => {
      log(`request failed: ${String(err)}`);
      res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    store.close();
    s3.close();
    throw err;
  }
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${urlHost}:${address.port}`;
  log(`endpoint data in ${options.dataDir}; accounts from ${config.source}`);
  for (const a of config.accounts)
    log(`account ${a.accessKeyId} (buckets: ${a.buckets.map((b) => b.name).join(', ')})`);

  let closing: Promise<void> | undefined;
  return {
    url,
    host: address.address,
    port: address.port,
    dataDir: options.dataDir,
    accounts: config.accounts,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          s3.close();
          resolve();
        });
        server.closeIdleConnections();
        // Long requests (a slow body) are cut rather than waited for.
        setTimeout(() => server.closeAllConnections(), 1_000).unref();
      });
      return closing;
    },
  };
}
