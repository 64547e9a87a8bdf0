/**
 * Group commit for the endpoint's store. The endpoint's connection commits with synchronous=NORMAL (a
 * commit writes its WAL frames but does not fsync them, so it no longer holds the event loop for an fsync);
 * before any answer leaves, `synced()` makes sure an fsync of the WAL that started after the request's
 * commit has finished. One fsync runs at a time, on libuv's thread pool, and covers every commit made
 * before it started, so concurrent requests share it: 8 creates in flight cost about one fsync, not eight.
 *
 * What this keeps: an answered write is in the fsynced WAL, so it survives kill -9 (it was written before
 * the answer) and power loss (it was fsynced before the answer), as with synchronous=FULL. SQLite itself
 * syncs the WAL before each checkpoint and the database after, in NORMAL mode as in FULL.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';

const open = promisify(fs.open);
const fsync = promisify(fs.fsync);
const close = promisify(fs.close);

async function fsyncFile(file: string): Promise<void> {
  let fd: number;
  try {
    fd = await open(file, 'r');
  } catch (err) {
    // No WAL: everything was checkpointed into the database file, which SQLite synced when it did so.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    await fsync(fd);
  } finally {
    await close(fd);
  }
}

export class WalSync {
  /** The commit count the last finished fsync covers. */
  private synced: number;
  private inFlight: Promise<void> | undefined;

  /**
   * @param walFile the database's `-wal` file
   * @param commits how many changes this connection has committed so far (SQLite's total_changes())
   */
  constructor(
    private readonly walFile: string,
    private readonly commits: () => number,
  ) {
    this.synced = commits();
  }

  /** Resolves once every commit made before this call is on disk. */
  async sync(): Promise<void> {
    const target = this.commits();
    while (this.synced < target) {
      if (this.inFlight) {
        // Started before (some of) our commits: wait for it, then check again.
        await this.inFlight.catch(() => undefined);
        continue;
      }
      const covers = this.commits();
      const run = fsyncFile(this.walFile);
      this.inFlight = run;
      try {
        await run;
        this.synced = Math.max(this.synced, covers);
      } finally {
        this.inFlight = undefined;
      }
    }
  }
}
