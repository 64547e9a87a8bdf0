/**
 * `dockhand copy` onto real zram drives (ext4), through the CLI as a person runs it: a tree with nested and
 * empty folders, empty files, a 100 MiB file and 5,000 small files copied and verified; the journal's MD5s
 * are md5sum's; the inventory takes them instead of reading the files again; a byte changed underneath a file
 * on the device is caught by --verify; a plan that cannot fit fails before the first byte; names that are
 * not UTF-8 and ignored files are reported.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CopyResult } from '../../electron/copy/types';
import { blobToBuffer, openDatabase } from '../../electron/sqlite/index';
import type { Inventory } from '../../electron/inventory/types';
import { runDockhand } from '../helpers/cli';
import { createZramDrive, unplugAllZramDrives, zramSkipReason, type ZramDrive } from '../helpers/zram';

const skip = zramSkipReason();
const MiB = 1024 * 1024;
const SMALL_FILES = 5_000;
let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-copy-'));
  env = { ...process.env, DOCKHAND_HOME: path.join(work, 'home') };
});
afterAll(async () => {
  await unplugAllZramDrives();
  fs.rmSync(work, { recursive: true, force: true });
});

function copy(args: string[]) {
  return runDockhand(['copy', ...args], { env, cwd: work });
}

/** `md5sum` of every regular file under `root`, by drive-relative path (lost+found left out). */
function md5sumAll(root: string): Map<string, string> {
  const out = execFileSync(
    'sh',
    ['-c', 'find . -path ./lost+found -prune -o -type f -print0 | xargs -0 -r md5sum'],
    {
      cwd: root,
      maxBuffer: 64 * MiB,
    },
  ).toString();
  const map = new Map<string, string>();
  for (const line of out.split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]{32}) {2}\.\/(.*)$/.exec(line);
    if (m) map.set(m[2] as string, m[1] as string);
  }
  return map;
}

function journalMd5s(): Map<string, string> {
  const db = openDatabase(path.join(work, 'home', 'journal.sqlite'), { busyTimeoutMs: 5000, readOnly: true });
  try {
    const rows = db.prepare('SELECT path, md5 FROM copy_records').all<{ path: Uint8Array; md5: string }>();
    return new Map(rows.map((r) => [blobToBuffer(r.path).toString(), r.md5]));
  } finally {
    db.close();
  }
}

function tempFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((p) => path.basename(p).startsWith('.dockhand-copy-'));
}

/** The device byte offset of `offset` within a file, from `filefrag -v` (ext4 blocks). */
function deviceOffsetOf(file: string, offset: number): number {
  const out = execFileSync('filefrag', ['-v', '-b4096', file]).toString();
  const row = out.split('\n').find((l) => /^\s*0:\s+0\.\./.test(l));
  const m = row && /^\s*0:\s+0\.\.\s*\d+:\s+(\d+)\.\./.exec(row);
  if (!m) throw new Error(`no first extent in filefrag output:\n${out}`);
  return Number(m[1]) * 4096 + offset;
}

/** Writes 'X' over a file's fourth byte through the block device, under the file system's feet. */
function flipFourthByte(file: string, device: string): void {
  const at = deviceOffsetOf(file, 3);
  execFileSync('dd', [`of=${device}`, 'bs=1', `seek=${at}`, 'count=1', 'conv=notrunc,fsync', 'status=none'], {
    input: Buffer.from('X'),
  });
}

describe.skipIf(skip !== undefined)('dockhand copy onto a real drive', () => {
  let drive: ZramDrive;
  let src: string;

  beforeAll(async () => {
    src = path.join(work, 'data');
    fs.mkdirSync(path.join(src, 'photos', '2024', 'summer'), { recursive: true });
    fs.mkdirSync(path.join(src, 'photos', 'empty-folder'), { recursive: true });
    fs.writeFileSync(path.join(src, 'photos', '2024', 'summer', 'beach.jpg'), 'sand and sea');
    fs.writeFileSync(path.join(src, 'photos', 'zero.bin'), '');
    fs.writeFileSync(path.join(src, 'photos', '2024', 'empty.txt'), '');
    const big = Buffer.alloc(100 * MiB);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(Math.imul(i, 2654435761) >>> 0, i);
    fs.writeFileSync(path.join(src, 'big.bin'), big);
    const many = path.join(src, 'many');
    for (let d = 0; d < 50; d++) {
      fs.mkdirSync(path.join(many, `d${d}`), { recursive: true });
      for (let f = 0; f < SMALL_FILES / 50; f++) {
        fs.writeFileSync(path.join(many, `d${d}`, `f${f}.txt`), `file ${d}/${f}\n`.repeat(1 + (f % 7)));
      }
    }
    drive = await createZramDrive({ sizeBytes: 256 * MiB, label: 'DHCOPY' });
  }, 120_000);

  it('copies a tree, 5,000 small files and a 100 MiB file, verified, with md5sum-equal MD5s in the journal', async () => {
    const r = await copy([
      path.join(src, 'photos'),
      path.join(src, 'many'),
      path.join(src, 'big.bin'),
      '--to',
      drive.mountpoint,
      '--target-dir',
      'upload',
      '--verify',
      '--json',
    ]);
    expect(r.stderr).toMatch(/Copying 5,004 files/);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as CopyResult;
    expect(result).toMatchObject({ copied: SMALL_FILES + 4, notCopied: [], cancelled: false });
    expect(result.verify).toMatchObject({ files: SMALL_FILES + 4, mismatches: [] });
    expect(result.verify?.method).toMatch(/^python3 .*: O_DIRECT read into a page-aligned buffer$/);

    const onDrive = md5sumAll(drive.mountpoint);
    expect(onDrive.size).toBe(SMALL_FILES + 4);
    expect(fs.existsSync(path.join(drive.mountpoint, 'upload/photos/empty-folder'))).toBe(true);
    expect(fs.statSync(path.join(drive.mountpoint, 'upload/photos/zero.bin')).size).toBe(0);
    expect(fs.statSync(path.join(drive.mountpoint, 'upload/big.bin')).size).toBe(100 * MiB);
    const journal = journalMd5s();
    expect(journal).toEqual(onDrive);
    expect(onDrive.get('upload/big.bin')).toBe(
      createHash('md5')
        .update(fs.readFileSync(path.join(src, 'big.bin')))
        .digest('hex'),
    );
    expect(tempFiles(drive.mountpoint)).toEqual([]);
  }, 300_000);

  it("Preflight's inventory takes the copied files' MD5s from the journal instead of reading them again", async () => {
    const r = await runDockhand(['inventory', drive.mountpoint, '--json'], { env, cwd: work });
    expect(r.code).toBe(0);
    const inv = JSON.parse(r.stdout) as Inventory;
    expect(inv.fromCopyRecords).toBe(SMALL_FILES + 4);
    const journal = journalMd5s();
    for (const e of inv.entries) expect(e.md5).toBe(journal.get(e.path));
  }, 120_000);

  it('a byte changed on the device under a copied file: the inventory still trusts the record, --verify names it', async () => {
    const file = path.join(drive.mountpoint, 'upload/photos/2024/summer/beach.jpg');
    flipFourthByte(file, drive.devicePath);
    // The file's size and mtime did not change, so the record still stands: proof the inventory did not read it.
    const inv = JSON.parse(
      (await runDockhand(['inventory', drive.mountpoint, '--json'], { env, cwd: work })).stdout,
    ) as Inventory;
    const written = createHash('md5').update('sand and sea').digest('hex');
    expect(inv.entries.find((e) => e.path === 'upload/photos/2024/summer/beach.jpg')?.md5).toBe(written);

    const r = await copy([
      path.join(src, 'photos'),
      '--to',
      drive.mountpoint,
      '--target-dir',
      'upload',
      '--verify',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 of 3 files do NOT match');
    const changed = createHash('md5').update('sanX and sea').digest('hex');
    expect(r.stdout).toContain(
      `upload/photos/2024/summer/beach.jpg reads back from the drive as MD5 ${changed}`,
    );
    // The mismatch is no longer vouched for: the next inventory reads the file itself.
    execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
    const again = JSON.parse(
      (await runDockhand(['inventory', drive.mountpoint, '--json'], { env, cwd: work })).stdout,
    ) as Inventory;
    expect(again.fromCopyRecords).toBe(SMALL_FILES + 3);
    expect(again.entries.find((e) => e.path === 'upload/photos/2024/summer/beach.jpg')?.md5).toBe(changed);

    // A rerun rewrites it; changed again underneath, the dd helper (used where python3 is missing) sees it too.
    expect(
      (await copy([path.join(src, 'photos'), '--to', drive.mountpoint, '--target-dir', 'upload'])).code,
    ).toBe(0);
    flipFourthByte(file, drive.devicePath);
    const viaDd = await runDockhand(
      [
        'copy',
        path.join(src, 'photos'),
        '--to',
        drive.mountpoint,
        '--target-dir',
        'upload',
        '--verify',
        '--json',
      ],
      { env: { ...env, DOCKHAND_VERIFY_HELPER: 'dd' }, cwd: work },
    );
    expect(viaDd.code).toBe(1);
    const ddResult = JSON.parse(viaDd.stdout) as CopyResult;
    expect(ddResult.skippedUnchanged).toBe(3);
    expect(ddResult.verify?.method).toMatch(/^dd iflag=direct \| md5sum: O_DIRECT/);
    expect(ddResult.verify?.mismatches).toEqual([
      expect.objectContaining({ path: 'upload/photos/2024/summer/beach.jpg', actualMd5: changed }),
    ]);
  }, 120_000);

  it('a plan that does not fit fails before the first byte, saying how much is missing', async () => {
    const small = await createZramDrive({ sizeBytes: 32 * MiB, label: 'DHSMALL' });
    const before = fs.readdirSync(small.mountpoint);
    const r = await copy([path.join(src, 'big.bin'), '--to', small.mountpoint]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^DoesNotFit: dockhand copy: Nothing was copied\. The files need 100\.\d MiB on the drive but it has \d+\.\d MiB free\. Free/m,
    );
    expect(fs.readdirSync(small.mountpoint)).toEqual(before);
    await small.unplug();
  }, 60_000);

  it('reports a name that is not UTF-8 and an ignored file, copies the rest, and exits 1', async () => {
    const dir = path.join(work, 'names');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'good.txt'), 'ok');
    fs.writeFileSync(path.join(dir, 'draft.psd'), 'layers');
    fs.writeFileSync(
      Buffer.concat([Buffer.from(dir + '/caf'), Buffer.from([0xe9]), Buffer.from('.txt')]),
      'latin1',
    );
    fs.writeFileSync(
      path.join(work, 'm.yaml'),
      'manifestVersion: 2.0\naccessKeyId: AKIAIOSFODNN7EXAMPLE\ndeviceId: DEV-1\nbucket: my-bucket\neraseDevice: yes\nignore:\n  - \\.psd$\n' +
        'returnAddress:\n  name: Jane Roe\n  street1: 1 Main St\n  city: Seattle\n  stateOrProvince: WA\n  postalCode: 98101\n  phoneNumber: 206-555-0100\n  country: USA\n',
    );
    const r = await copy([dir, '--to', drive.mountpoint, '--manifest', 'file://m.yaml', '--json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as CopyResult;
    expect(result.copied).toBe(1);
    expect(result.notCopied.map((n) => n.reason).sort()).toEqual(['ignored', 'name-not-utf8']);
    expect(result.notCopied.find((n) => n.reason === 'ignored')?.message).toContain('draft.psd');
    expect(result.notCopied.find((n) => n.reason === 'name-not-utf8')?.message).toMatch(
      /caf\uFFFD\.txt.*not valid UTF-8/,
    );
    expect(fs.readdirSync(path.join(drive.mountpoint, 'names'))).toEqual(['good.txt']);
  }, 60_000);

  it('refuses a read-only drive before writing, naming it and the fix', async () => {
    await drive.remountReadOnly();
    try {
      const r = await copy([path.join(src, 'photos'), '--to', drive.mountpoint]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^ReadOnly: .*is (now )?read-only: check its write-protect switch, or remount it read-write/m,
      );
    } finally {
      await drive.remountReadWrite();
    }
  }, 60_000);
});
