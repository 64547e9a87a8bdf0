/**
 * Job rows this connection has read, handed out again for as long as nobody has committed since: a GetStatus
 * spent a third of its CPU in SQLite's read transaction (the wal-index read lock, two fcntl calls, the step
 * and the row's JSON), and reading the same job again is what a tracker polling its jobs does (issue 10).
 *
 * "Nobody committed since" is read from SQLite's WAL-index header, the first 96 bytes of the `-shm` file
 * (two copies of the 48-byte header, https://www.sqlite.org/walformat.html#the_wal_index_header). Every
 * commit by any connection, ours or another process's (`dockhand service dock`), rewrites it: `iChange`
 * counts transactions and `mxFrame` grows, and a checkpoint that restarts the WAL changes its salts. The
 * writer updates it before its commit returns, and the `-shm` file is shared memory-mapped pages, so one
 * pread sees every commit that has returned anywhere. A header that differs from the last one empties the
 * cache; one that cannot be read turns the cache off (every read goes to SQLite, as before).
 *
 * Reads inside a transaction of our own never use nor fill the cache: they can see writes that are not
 * committed yet, and would be rolled back without touching the header.
 *
 * Requests that arrive together share one header read, as creates share one fsync (./commit-group.ts):
 * `checkedAfter()` resolves once the header has been read after the call, in the next turn of the event
 * loop, and get(…, true) may then rely on that read. Every commit that returned before the request
 * arrived is then in what was read; one that returns after it is concurrent with the request, which may be
 * answered from either side of it. A transaction of our own connection since that read (its commit is not
 * concurrent with the request that made it) sends get() back to the header.
 */
import fs from 'node:fs';
import type { SqliteDatabase } from '../../sqlite/index';

/** Both copies of the WAL-index header: a writer updates the second, then the first. */
export const WAL_INDEX_HEADER_BYTES = 96;
/** Past this many jobs the cache starts again empty: a poller's jobs fit, a crawl of all jobs does not grow it. */
export const READ_CACHE_LIMIT = 1024;

export class CommittedReadCache<T extends object> {
  private fd: number | undefined;
  private off = false;
  private readonly seen = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
  private readonly header = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
  private readonly rows = new Map<string, T>();
  /** How many transactions our connection had ended at the last header read. */
  private transactionsAtCheck = -1;
  /** The header read the callers of checkedAfter() in this turn are waiting for. */
  private nextCheck: Promise<boolean> | undefined;

  /**
   * @param db the connection whose reads are cached (its transactions bypass the cache)
   * @param freeze makes a value immutable before it is shared between callers
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly freeze: (value: T) => T,
    private readonly limit = READ_CACHE_LIMIT,
  ) {}

  /**
   * Resolves once the header has been read after this call: true, or false when the cache is off. The
   * callers of one turn of the event loop share the read.
   */
  checkedAfter(): Promise<boolean> {
    return (this.nextCheck ??= new Promise((resolve) =>
      setImmediate(() => {
        this.nextCheck = undefined;
        resolve(!this.db.inTransaction && this.lookForCommits());
      }),
    ));
  }

  /**
   * The value under `key` as last committed: from the cache if nothing was committed since, else `load()`.
   * `checked`: the caller's request waited for checkedAfter() (true); without that, or when our connection
   * has written since the last header read, this call reads the header itself.
   */
  get(key: string, load: () => T | undefined, checked = false): T | undefined {
    if (this.db.inTransaction || !(this.stillCurrent(checked) || this.lookForCommits())) return load();
    const hit = this.rows.get(key);
    if (hit !== undefined) return hit;
    const value = load();
    if (value === undefined) return undefined;
    if (this.rows.size >= this.limit) this.rows.clear();
    const frozen = this.freeze(value);
    this.rows.set(key, frozen);
    return frozen;
  }

  /** A header read after the request arrived, and no transaction of ours since the last read. */
  private stillCurrent(checked: boolean): boolean {
    return checked && this.transactionsAtCheck === this.db.transactionsEnded;
  }

  /**
   * Reads the header; when it changed (a commit since the last read, or a read torn by one in progress),
   * empties the cache and remembers the new one. False when the cache is off (no `-shm`: not WAL mode, or a
   * file system without shared memory).
   */
  private lookForCommits(): boolean {
    if (this.off) return false;
    try {
      this.fd ??= fs.openSync(`${this.db.file}-shm`, 'r');
      const read = fs.readSync(this.fd, this.header, 0, WAL_INDEX_HEADER_BYTES, 0);
      if (read !== WAL_INDEX_HEADER_BYTES) throw new Error(`short WAL-index header (${read} bytes)`);
    } catch {
      this.close();
      this.off = true;
      return false;
    }
    if (!this.header.equals(this.seen)) {
      this.header.copy(this.seen);
      this.rows.clear();
    }
    this.transactionsAtCheck = this.db.transactionsEnded;
    return true;
  }

  close(): void {
    this.rows.clear();
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
