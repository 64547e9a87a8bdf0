/**
 * Packs: the small files of one dock batch written one after another into a single data file, each object
 * a range of it (`pack_offset`, `size` in its row). A batch of small files then costs one file created and
 * one fsync instead of one of each per file: on ext4 those per-file creates and flushes were most of a small
 * file's import, and they slowed further whenever the disk had other writes to flush.
 *
 * A pack is written once, by one batch, and only that batch's commit points rows into it; so once no row
 * points into a pack none ever will again, and its file can go. Until then a replaced member's bytes stay in
 * the pack (space, not correctness: no row points at them).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import type { SqliteDatabase } from '../../sqlite/index';

const fsync = promisify(fs.fsync);
const fdatasync = promisify(fs.fdatasync);
const write = promisify(fs.write);

/** What a row pointed at: its own file (`packOffset` null), or a range of a pack. */
export interface FileRef {
  file: string;
  packOffset: number | null;
}

/**
 * Of the files `before` rows pointed at, those no row of `bucket` points at now. Call it inside the
 * transaction that changed the rows, so no other writer comes between the change and the check.
 */
export function filesNoLongerUsed(db: SqliteDatabase, bucket: string, before: readonly FileRef[]): string[] {
  const unused = new Set<string>();
  const checked = new Set<string>();
  for (const ref of before) {
    if (ref.packOffset === null) {
      unused.add(ref.file);
      continue;
    }
    if (checked.has(ref.file)) continue;
    checked.add(ref.file);
    const stillUsed = db
      .prepare('SELECT 1 FROM objects WHERE bucket = ? AND file = ? AND pack_offset IS NOT NULL LIMIT 1')
      .get(bucket, ref.file);
    if (stillUsed === undefined) unused.add(ref.file);
  }
  return [...unused];
}

/** Where one file landed in a pack, and what `headersFor` made of its first bytes. */
export interface PackMember<Meta> {
  offset: number;
  size: number;
  md5: string;
  meta: Meta;
}

/** Bytes staged before one write to the pack. */
export const PACK_STAGE_BYTES = 4 * 1024 * 1024;
/**
 * A file starts in the stage only with at least this much room, so its first read (what `headersFor`
 * looks at, e.g. gzip's two magic bytes) is never a sliver.
 */
const MIN_FIRST_READ = 64 * 1024;

/**
 * Stage buffers given back by finished packs, for the next: a fresh 4 MiB buffer is faulted in page by page
 * on its first read, which cost a 2,000-file receive ~50 ms of its reads when every batch took new ones.
 * Two batches are in flight at most (one copying, one flushing), so a few are kept.
 */
const freeStages: Buffer[] = [];
const FREE_STAGES_KEPT = 4;

function takeStage(): Buffer {
  return freeStages.pop() ?? Buffer.allocUnsafe(PACK_STAGE_BYTES);
}

function giveBackStage(stage: Buffer): void {
  if (freeStages.length < FREE_STAGES_KEPT) freeStages.push(stage);
}

/**
 * Appends files to one new pack file. Reads go straight into a staging buffer; a full stage is written to
 * the pack by libuv's thread pool while the next one fills, so a small file costs one open, one read and
 * one close on this thread, and no write of its own.
 */
export class PackWriter {
  private readonly fd: number;
  private stage = takeStage();
  private spare = takeStage();
  /** The pack offset of the stage's first byte. */
  private stagedFrom = 0;
  private used = 0;
  /** Past the logical end once a failed member's bytes were written: trimmed in `finish`. */
  private writtenTo = 0;
  /** The spare stage's write; it never rejects (the error is kept for `finish`). */
  private inFlight: Promise<void> = Promise.resolve();
  /**
   * Early flushes of the stages written so far, one after another; never rejects (the error is kept). The
   * disk writes a batch's pack while the rest of the batch is copied, instead of all of it in `finish`.
   */
  private flushing: Promise<void> = Promise.resolve();
  private writeError: Error | undefined;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'wx', 0o600);
  }

  /** The bytes the pack holds so far. */
  get size(): number {
    return this.stagedFrom + this.used;
  }

  /**
   * Copies `source` to the end of the pack, hashing it on the way; `headersFor` sees its first read (at
   * least 64 KiB, or the whole file). If it cannot be read, its bytes are dropped (the next member starts
   * where it did) and the error is thrown.
   */
  async append<Meta>(source: string | Buffer, headersFor: (head: Buffer) => Meta): Promise<PackMember<Meta>> {
    if (PACK_STAGE_BYTES - this.used < MIN_FIRST_READ) await this.writeStage();
    const offset = this.size;
    const md5 = createHash('md5');
    let meta: Meta | undefined;
    let read = false;
    const src = fs.openSync(source, 'r');
    try {
      for (;;) {
        if (this.used === PACK_STAGE_BYTES) await this.writeStage();
        const n = fs.readSync(src, this.stage, this.used, PACK_STAGE_BYTES - this.used, null);
        if (n === 0) break;
        const chunk = this.stage.subarray(this.used, this.used + n);
        if (!read) {
          read = true;
          meta = headersFor(chunk);
        }
        md5.update(chunk);
        this.used += n;
      }
    } catch (err) {
      this.dropFrom(offset);
      throw err;
    } finally {
      fs.closeSync(src);
    }
    return {
      offset,
      size: this.size - offset,
      md5: md5.digest('hex'),
      meta: read ? (meta as Meta) : headersFor(Buffer.alloc(0)),
    };
  }

  /**
   * Writes what is staged, trims dropped bytes and flushes the pack to the disk; rejects when any write or
   * the flush failed (then no member of it may be committed).
   */
  async finish(): Promise<void> {
    await this.writeStage();
    await this.inFlight;
    await this.flushing;
    if (this.writeError) throw this.writeError;
    if (this.writtenTo > this.stagedFrom) fs.ftruncateSync(this.fd, this.stagedFrom);
    await fsync(this.fd);
  }

  /** After `finish`, or once its outcome no longer matters: waits for a write still running. */
  async close(): Promise<void> {
    await this.inFlight;
    await this.flushing;
    fs.closeSync(this.fd);
    giveBackStage(this.stage);
    giveBackStage(this.spare);
  }

  /** Starts writing the stage and swaps in the spare, once the spare's own write is done. */
  private async writeStage(): Promise<void> {
    if (this.used === 0) return;
    await this.inFlight;
    const full = this.stage;
    const length = this.used;
    const position = this.stagedFrom;
    const keep = (err: unknown): void => {
      this.writeError ??= err as Error;
    };
    const written = writeAll(this.fd, full, length, position);
    this.inFlight = written.catch(keep);
    this.flushing = Promise.all([this.flushing, written])
      .then(() => fdatasync(this.fd))
      .catch(keep);
    this.stage = this.spare;
    this.spare = full;
    this.stagedFrom += length;
    this.writtenTo = Math.max(this.writtenTo, this.stagedFrom);
    this.used = 0;
  }

  private dropFrom(offset: number): void {
    if (offset >= this.stagedFrom) {
      this.used = offset - this.stagedFrom;
    } else {
      // Part of it is written already: the next member overwrites it, and `finish` trims any rest.
      this.stagedFrom = offset;
      this.used = 0;
    }
  }
}

async function writeAll(fd: number, buffer: Buffer, length: number, position: number): Promise<void> {
  for (let off = 0; off < length;) {
    off += (await write(fd, buffer, off, length - off, position + off)).bytesWritten;
  }
}
