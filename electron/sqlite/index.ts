/**
 * SQLite for the endpoint's stores and the app's journal, through @photostructure/sqlite: node:sqlite's API
 * as an N-API addon whose prebuilt binaries ship inside the npm package, so one install serves Node (CLI,
 * tests, station) and Electron with no compiler and no rebuild (issue 8). It was chosen over libsql and
 * better-sqlite3 on our own queries: test/bench/sqlite-bindings.ts, figures in test/bench/README.md.
 *
 * This module is the only importer of the binding: it opens files the way every store needs them (WAL,
 * synchronous=FULL, busy timeout) and gives transactions better-sqlite3's shape (run a function inside
 * BEGIN…COMMIT, roll back if it throws, savepoints when nested).
 */
import { DatabaseSync } from '@photostructure/sqlite';

/** What SQLite hands back: integers as numbers (never bigint: readBigInts is off), BLOBs as Uint8Array. */
export type SqlValue = null | number | bigint | string | Uint8Array;
/** What a statement binds: positional values, or one object of named values (`@name`, without the `@`). */
export type SqlParam = SqlValue | boolean | Readonly<Record<string, SqlValue | boolean>>;
export type Row = Record<string, SqlValue>;

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/**
 * A prepared statement. `get`/`all` take the row shape the caller's SQL selects (SQLite cannot check it at
 * compile time); without one a row is a plain record of SQL values.
 */
export interface Statement {
  run(...params: SqlParam[]): RunResult;
  get<R extends object = Row>(...params: SqlParam[]): R | undefined;
  all<R extends object = Row>(...params: SqlParam[]): R[];
}

export interface OpenOptions {
  /** How long a writer waits for another connection's lock (another process: the CLI, `dock`) before failing. */
  busyTimeoutMs: number;
  readOnly?: boolean;
  /**
   * WAL with synchronous=FULL (the default): every commit is fsynced before it returns, so whatever was
   * answered survives kill -9 and power loss. Off only for read-only opens.
   */
  durable?: boolean;
  /** Enforce REFERENCES … ON DELETE CASCADE (the journal relies on it). */
  foreignKeys?: boolean;
}

export class SqliteDatabase {
  private readonly db: InstanceType<typeof DatabaseSync>;
  private depth = 0;
  private readonly durable: boolean;
  private ended = 0;

  constructor(
    readonly file: string,
    options: OpenOptions,
  ) {
    this.db = new DatabaseSync(file, {
      timeout: options.busyTimeoutMs,
      readOnly: options.readOnly ?? false,
      enableForeignKeyConstraints: options.foreignKeys ?? false,
      // better-sqlite3 ignored keys a statement does not name; callers pass whole records.
      allowUnknownNamedParameters: true,
    });
    this.durable = options.durable ?? !options.readOnly;
    if (this.durable) {
      this.exec('PRAGMA journal_mode = WAL');
      // FULL syncs the WAL on every commit: an answered write is on disk before the answer leaves.
      this.exec('PRAGMA synchronous = FULL');
    }
  }

  get isOpen(): boolean {
    return this.db.isOpen;
  }

  /** Transactions this connection has committed (or rolled back): reads after one must look again. */
  get transactionsEnded(): number {
    return this.ended;
  }

  /** Inside BEGIN…COMMIT: reads may see this connection's writes that are not committed yet. */
  get inTransaction(): boolean {
    return this.db.isTransaction;
  }

  prepare(sql: string): Statement {
    return this.db.prepare(sql) as Statement;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  /** The first column of `PRAGMA name` (user_version, journal_mode, synchronous…). */
  pragma(name: string): SqlValue | undefined {
    const row = this.prepare(`PRAGMA ${name}`).get();
    return row === undefined ? undefined : Object.values(row)[0];
  }

  /**
   * Brings the schema to `steps.length`: `PRAGMA user_version` counts the steps done, each runs once in a
   * transaction of its own. A file of a newer schema gets `tooNew(version)` thrown, so an older Dockhand never
   * misreads it. The version is read again under each step's write lock, since another process (the endpoint
   * and `dock`, the app and the CLI) may be migrating the same file at the same moment.
   */
  migrate(steps: readonly string[], tooNew: (version: number) => Error): void {
    const done = Number(this.pragma('user_version'));
    if (done > steps.length) throw tooNew(done);
    for (let step = done; step < steps.length; step++) {
      this.immediate(() => {
        if (Number(this.pragma('user_version')) > step) return;
        this.exec(steps[step] as string);
        this.exec(`PRAGMA user_version = ${step + 1}`);
      });
    }
  }

  /** Runs `fn` in a write transaction taken up front (BEGIN IMMEDIATE), so it never fails half-way on a lock. */
  immediate<T>(fn: () => T): T {
    return this.run('BEGIN IMMEDIATE', fn);
  }

  /** Runs `fn` in a deferred transaction (reads, or writes that cannot race another process). */
  transaction<T>(fn: () => T): T {
    return this.run('BEGIN', fn);
  }

  private run<T>(begin: string, fn: () => T): T {
    // Nested calls become savepoints, so a helper that uses a transaction can be called from inside one.
    const savepoint = this.depth > 0 ? `dockhand_${this.depth}` : undefined;
    this.exec(savepoint ? `SAVEPOINT ${savepoint}` : begin);
    this.depth++;
    try {
      const result = fn();
      this.exec(savepoint ? `RELEASE ${savepoint}` : 'COMMIT');
      return result;
    } catch (error) {
      // SQLite may already have rolled back (e.g. SQLITE_FULL); only undo what is still open.
      if (this.db.isTransaction)
        this.exec(savepoint ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
      throw error;
    } finally {
      this.depth--;
      if (this.depth === 0) this.ended++;
    }
  }

  /**
   * Closes the connection and, when it is the last one on the file, folds the WAL back in so no `-wal`/`-shm`
   * file is left beside the database. This binding (1.x, the last line that runs on Node 20) does not
   * finalize prepared statements on close: sqlite3_close fails and the connection lingers as a zombie until
   * garbage collection, keeping the WAL. Leaving WAL mode first checkpoints everything (synchronously, under
   * synchronous=FULL) and removes the files. Another process holding the file (the CLI beside the app) makes
   * the switch fail at once (busy_timeout 0): the WAL then stays for that process, which is correct.
   */
  close(): void {
    if (!this.db.isOpen) return;
    if (this.durable) {
      try {
        this.exec('PRAGMA busy_timeout = 0');
        this.exec('PRAGMA journal_mode = DELETE');
      } catch {
        // Someone else has the file open; SQLite keeps WAL mode and their connection finishes the job.
      }
    }
    this.db.close();
  }
}

export function openDatabase(file: string, options: OpenOptions): SqliteDatabase {
  return new SqliteDatabase(file, options);
}

/** A BLOB column as a Buffer (node:sqlite returns a plain Uint8Array, whose toString is not the bytes' text). */
export function blobToBuffer(value: SqlValue): Buffer {
  if (!(value instanceof Uint8Array)) throw new TypeError(`expected a BLOB, got ${typeof value}`);
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
