/**
 * takeInventory: walk a mounted device, decide what the service would do with each file, and hash (MD5)
 * the files it would import, in a small pool of threads, with progress and cancellation.
 */
import { compileIgnorePatterns, isIgnored } from '../protocol/manifest/ignore';
import { objectKeyFor } from '../protocol/manifest/keys';
import type { JobKind, Manifest } from '../protocol/manifest/types';
import {
  classifyFile,
  DEFAULT_JOB_KIND,
  deviceFindings,
  unreadableFinding,
  type FileRules,
} from './findings';
import { abortError, clampWorkers, defaultWorkerCount, HashPool } from './hash-pool';
import { MD5_BYTES } from './hash-protocol';
import { EntryTable, toInventory, type InventoryTable } from './inventory-table';
import { ProgressMeter } from './progress-meter';
import type { Finding, Inventory, InventoryOptions } from './types';
import { absolutePaths, walkDevice } from './walk';

export class InventoryError extends Error {
  constructor(
    readonly code: 'InvalidIgnorePattern' | 'DeviceUnreadable',
    message: string,
  ) {
    super(message);
    this.name = 'InventoryError';
  }
}

/** The per-file rules a manifest implies: its ignore patterns (naming the one that matched) and its key mapping. */
export function fileRulesFor(kind: JobKind, manifest?: Manifest): FileRules {
  if (!manifest || manifest.kind !== 's3-import') return { kind };
  const sources = manifest.ignore ?? [];
  const compiled = compileIgnorePatterns(sources);
  if (!compiled.ok) {
    const issue = compiled.issues[0];
    throw new InventoryError(
      'InvalidIgnorePattern',
      `${issue?.message ?? 'An ignore pattern cannot be used.'} ${issue?.fix ?? ''}`.trim(),
    );
  }
  const patterns = compiled.patterns;
  const keyManifest = { prefix: manifest.prefix, substitutions: manifest.substitutions };
  return {
    kind,
    ignoredBy: (path) => {
      const i = patterns.findIndex((p) => isIgnored(path, [p]));
      return i < 0 ? undefined : sources[i];
    },
    keyFor: (path) => objectKeyFor(keyManifest, path),
  };
}

/**
 * 1 for each walked path the service would import as far as its name tells (size aside): the files worth
 * reading with their lstat. A file that fits a thread's buffer is far below any size rule.
 */
function importedByPath(
  paths: readonly string[],
  relBytes: ReadonlyMap<number, Buffer>,
  rules: FileRules,
): Uint8Array {
  const want = new Uint8Array(paths.length);
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i] as string;
    if (classifyFile({ path, nameIsUtf8: !relBytes.has(i), size: 0 }, rules).skipped === undefined)
      want[i] = 1;
  }
  return want;
}

export async function takeInventory(options: InventoryOptions): Promise<Inventory> {
  return toInventory(await takeInventoryTable(options));
}

/** Like takeInventory, with the entries left as columns (the CLI writes `--json` from them). */
export async function takeInventoryTable(options: InventoryOptions): Promise<InventoryTable> {
  if (options.signal?.aborted) throw abortError(options.signal);
  const rules = fileRulesFor(options.manifest?.kind ?? options.jobKind ?? DEFAULT_JOB_KIND, options.manifest);
  if (options.pool) return inventoryWith(options.pool, rules, options);
  // Started before the walk: the threads load while the device is being listed.
  const pool = new HashPool(clampWorkers(options.workers ?? defaultWorkerCount()));
  try {
    return await inventoryWith(pool, rules, options);
  } finally {
    await pool.destroy();
  }
}

async function inventoryWith(
  pool: HashPool,
  rules: FileRules,
  options: InventoryOptions,
): Promise<InventoryTable> {
  const { root, signal } = options;
  const kind = rules.kind;
  const now = options.now ?? (() => performance.now());
  // Awaited after the walk; marked handled now so a failing lookup cannot crash the process meanwhile.
  const knownMd5Lookup = Promise.resolve(options.knownMd5);
  knownMd5Lookup.catch(() => undefined);
  const takenAt = new Date().toISOString();
  const meter = new ProgressMeter(options.onProgress, now);

  meter.update(
    { phase: 'scanning', filesFound: 0, filesDone: 0, filesTotal: null, bytesDone: 0, bytesTotal: null },
    true,
  );
  let walked;
  try {
    walked = await walkDevice(root, {
      signal,
      onFound: (found) =>
        meter.update({
          phase: 'scanning',
          filesFound: found,
          filesDone: 0,
          filesTotal: null,
          bytesDone: 0,
          bytesTotal: null,
        }),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new InventoryError(
      'DeviceUnreadable',
      `Cannot list ${root}: ${(err as Error).message}. Check that the device is mounted there and readable.`,
    );
  }

  const findings: Finding[] = [
    ...deviceFindings({ kind, fileSystem: options.fileSystem, deviceSizeBytes: options.deviceSizeBytes }),
  ];
  const { paths, relBytes } = walked;
  const absOf = absolutePaths(root);
  // The absolute paths exist only while their requests are built, not for the whole run.
  const wireAbs = (i: number): string | Buffer => absOf(paths[i] as string, relBytes.get(i));
  const knownMd5 = await knownMd5Lookup;
  // Without copy records every small file the service would import is read anyway: read it right after its
  // lstat, one trip to each file instead of two (issue 10). With them, sizes and times come first, so a file
  // the copy recorded is not read at all.
  let preHashedBytes = 0;
  const stats = await pool.stat(
    Array.from({ length: paths.length }, (_, i) => wireAbs(i)),
    signal,
    knownMd5 === undefined
      ? { want: importedByPath(paths, relBytes, rules), onBytes: (n) => (preHashedBytes += n) }
      : undefined,
  );
  const table = new EntryTable(paths.length);
  /** Walk index of each entry, to find its absolute path again. */
  const walkIndex: number[] = [];
  const toHash: number[] = [];
  const fileFindings: Finding[] = [];
  let fromCopyRecords = 0;
  let preHashed = 0;
  let bytesTotal = 0;
  for (let w = 0; w < paths.length; w++) {
    const path = paths[w] as string;
    const size = stats.sizes[w] as number;
    if (Number.isNaN(size)) {
      const failure = stats.failures.get(w);
      // No failure: replaced by something that is not a regular file since the walk; not listed.
      if (failure) fileFindings.push(unreadableFinding(path, failure.message));
      continue;
    }
    const bytes = relBytes.get(w);
    const mtimeMs = stats.mtimesMs[w] as number;
    const verdict = classifyFile({ path, nameIsUtf8: bytes === undefined, size }, rules);
    if (verdict.finding) fileFindings.push(verdict.finding);
    const id = table.add(path, bytes, size, mtimeMs, verdict.key, verdict.skipped);
    walkIndex.push(w);
    // Files the service would not import are listed, not read: a 6 TB sparse file costs nothing.
    if (verdict.skipped !== undefined) continue;
    // Hashed with its lstat already.
    if (stats.hashed?.[w] === 1 && stats.digests) {
      table.setDigest(id, stats.digests, w * MD5_BYTES);
      preHashed++;
      continue;
    }
    // Nor is a file whose MD5 the copy recorded as it wrote it, unchanged since: one pass over the data.
    const known = knownMd5?.(bytes ?? Buffer.from(path), size, mtimeMs);
    if (known !== undefined) {
      table.setMd5(id, known);
      fromCopyRecords++;
    } else {
      toHash.push(id);
      bytesTotal += size;
    }
  }

  // Files hashed with their lstat count as done from the start.
  const filesTotal = preHashed + toHash.length;
  let filesDone = preHashed;
  let bytesDone = preHashedBytes;
  bytesTotal += preHashedBytes;
  const progress = options.onProgress !== undefined;
  const counters = () => ({
    phase: 'hashing' as const,
    filesFound: table.length,
    filesDone,
    filesTotal,
    bytesDone,
    bytesTotal,
  });
  meter.update(counters(), true);
  await pool.hashInto(
    { ids: toHash, path: (id) => wireAbs(walkIndex[id] as number), size: (id) => table.sizes[id] as number },
    {
      onDigest: (id, digests, offset) => table.setDigest(id, digests, offset),
      onError: (id, error) => fileFindings.push(unreadableFinding(table.paths[id] as string, error.message)),
    },
    {
      signal,
      onBytes: (n) => {
        bytesDone += n;
        if (progress) meter.update(counters());
      },
      onFile: () => {
        filesDone++;
        if (progress) meter.update(counters());
      },
    },
  );
  bytesDone = bytesTotal;
  meter.update(counters(), true);

  let bytes = 0;
  let importedFiles = 0;
  let importedBytes = 0;
  for (let i = 0; i < table.length; i++) {
    const size = table.sizes[i] as number;
    bytes += size;
    if (table.imported(i)) {
      importedFiles++;
      importedBytes += size;
    }
  }
  return {
    root,
    takenAt,
    jobKind: kind,
    ...(options.fileSystem === undefined ? {} : { fileSystem: options.fileSystem }),
    ...(options.deviceSizeBytes === undefined ? {} : { deviceSizeBytes: options.deviceSizeBytes }),
    entries: table,
    findings: [...findings, ...walked.findings, ...fileFindings],
    ...(fromCopyRecords > 0 ? { fromCopyRecords } : {}),
    totals: { files: table.length, bytes, importedFiles, importedBytes },
  };
}
