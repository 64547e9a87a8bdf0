/**
 * SIGNATURE on real block devices (zram, ext4): written atomically and read back; refused on the system
 * drive, a read-only mount, a full device and a swapped drive, each with a clear error and nothing else on
 * the device changed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureIdentity, listDrives, type Drive } from '../../electron/drives/index';
import { SignatureWriteError, readSignature, writeSignature } from '../../electron/signature/index';
import { computeJobSignature, formatSignatureFile } from '../../electron/protocol/signature-file';
import { createZramDrive, zramSkipReason, type ZramDrive } from '../helpers/zram';

const skip = zramSkipReason();
const MiB = 1024 * 1024;
const drives: ZramDrive[] = [];

afterEach(async () => {
  while (drives.length > 0) await drives.pop()?.unplug();
});

function contentsFor(jobId: string): string {
  return formatSignatureFile({
    version: '2.0',
    signingMethod: 'HmacSHA1',
    jobId,
    signature: computeJobSignature('endpoint-secret', jobId, `manifestVersion: 2.0\ndeviceId: ${jobId}\n`),
  });
}

async function plug(files: Record<string, string | Buffer> = {}, sizeBytes = 16 * MiB): Promise<ZramDrive> {
  const z = await createZramDrive({ sizeBytes, label: 'DHSIG', files });
  drives.push(z);
  return z;
}

async function driveOf(z: ZramDrive): Promise<Drive> {
  const d = (await listDrives()).find((x) => x.device === z.devicePath);
  if (!d) throw new Error(`${z.devicePath} is not listed`);
  return d;
}

function checksums(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const p = path.join(root, name);
    if (fs.statSync(p).isFile()) out[name] = createHash('md5').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

async function failure(p: Promise<unknown>): Promise<SignatureWriteError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SignatureWriteError) return err;
    throw err;
  }
  throw new Error('expected the write to be refused');
}

describe.skipIf(skip !== undefined)('SIGNATURE on a real drive', () => {
  it('writes the exact contents at the root, reads them back, and leaves the other files alone', async () => {
    const z = await plug({ 'data/a.txt': 'alpha', 'b.bin': Buffer.alloc(4096, 7) });
    const before = checksums(z.mountpoint);
    const identity = captureIdentity(await driveOf(z), z.mountpoint);
    const result = await writeSignature({ identity, contents: contentsFor('ABCDE'), jobId: 'ABCDE' });
    expect(result).toMatchObject({ path: path.join(z.mountpoint, 'SIGNATURE'), replaced: 'nothing' });
    expect(fs.readFileSync(result.path, 'utf8')).toBe(contentsFor('ABCDE'));
    expect((await readSignature(z.mountpoint))?.jobId).toBe('ABCDE');
    const after = checksums(z.mountpoint);
    delete after.SIGNATURE;
    expect(after).toEqual(before);
    expect(fs.readdirSync(z.mountpoint).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it("keeps another job's SIGNATURE unless the person confirms, then backs it up", async () => {
    const z = await plug();
    const identity = captureIdentity(await driveOf(z), z.mountpoint);
    await writeSignature({ identity, contents: contentsFor('AAAAA'), jobId: 'AAAAA' });
    const refused = await failure(
      writeSignature({ identity, contents: contentsFor('BBBBB'), jobId: 'BBBBB' }),
    );
    expect(refused.code).toBe('OtherJobSignature');
    expect(refused.message).toContain('AAAAA');
    expect((await readSignature(z.mountpoint))?.jobId).toBe('AAAAA');
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-sig-backups-'));
    const done = await writeSignature({
      identity,
      contents: contentsFor('BBBBB'),
      jobId: 'BBBBB',
      confirmReplace: true,
      backupDir,
    });
    expect(done.replaced).toBe('other-job');
    expect(done.replacedJobId).toBe('AAAAA');
    // The backup is in the app's data; the drive carries only the new SIGNATURE.
    expect(fs.readFileSync(done.backupPath as string, 'utf8')).toBe(contentsFor('AAAAA'));
    expect(path.dirname(done.backupPath as string)).toBe(backupDir);
    expect(fs.readdirSync(z.mountpoint).filter((n) => n.startsWith('SIGNATURE'))).toEqual(['SIGNATURE']);
    fs.rmSync(backupDir, { recursive: true, force: true });
    expect((await readSignature(z.mountpoint))?.jobId).toBe('BBBBB');
  });

  it('refuses a read-only mount with a clear error and writes nothing', async () => {
    const z = await plug({ 'keep.txt': 'keep' });
    await z.remountReadOnly();
    const identity = captureIdentity(await driveOf(z), z.mountpoint);
    const err = await failure(writeSignature({ identity, contents: contentsFor('ROROR'), jobId: 'ROROR' }));
    expect(err.code).toBe('ReadOnly');
    expect(err.message).toContain(z.devicePath);
    expect(fs.existsSync(path.join(z.mountpoint, 'SIGNATURE'))).toBe(false);
  });

  it('refuses a full device with a clear error, no partial SIGNATURE and every other file unchanged', async () => {
    const z = await plug({ 'photos/one.jpg': Buffer.alloc(100_000, 1) });
    // Fill the file system to the last block (ext4 reserves none for root on zram test drives we make).
    const filler = path.join(z.mountpoint, 'filler.bin');
    const fd = fs.openSync(filler, 'w');
    const chunk = Buffer.alloc(MiB, 9);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch {
      /* ENOSPC: full */
    }
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(1024, 9));
    } catch {
      /* the last blocks too */
    }
    fs.closeSync(fd);
    const before = checksums(z.mountpoint);
    const identity = captureIdentity(await driveOf(z), z.mountpoint);
    const err = await failure(writeSignature({ identity, contents: contentsFor('FULLX'), jobId: 'FULLX' }));
    expect(err.code).toBe('DeviceFull');
    expect(err.message).toMatch(/full/);
    expect(fs.existsSync(path.join(z.mountpoint, 'SIGNATURE'))).toBe(false);
    expect(checksums(z.mountpoint)).toEqual(before);
  });

  it('refuses a different drive plugged in at the same mountpoint', async () => {
    const first = await plug();
    const identity = captureIdentity(await driveOf(first), first.mountpoint);
    const mountpoint = first.mountpoint;
    await first.unplug();
    const second = await createZramDrive({ sizeBytes: 16 * MiB, label: 'DHSIG', mountpoint });
    drives.push(second);
    const err = await failure(writeSignature({ identity, contents: contentsFor('SWAPD'), jobId: 'SWAPD' }));
    expect(['DeviceGone', 'DifferentDrive']).toContain(err.code);
    expect(fs.existsSync(path.join(mountpoint, 'SIGNATURE'))).toBe(false);
  });

  it('refuses the system drive', async () => {
    const system = (await listDrives()).find((d) => d.isSystem || d.mountpoints.some((m) => m.path === '/'));
    expect(system, 'the drive holding / is listed').toBeDefined();
    const identity = captureIdentity(system as Drive, '/');
    const err = await failure(writeSignature({ identity, contents: contentsFor('SYSTM'), jobId: 'SYSTM' }));
    expect(err.code).toBe('NotEligible');
    expect(err.message).toMatch(/system/i);
    expect(fs.existsSync('/SIGNATURE')).toBe(false);
  });

  it('refuses contents for another job before touching the drive', async () => {
    const z = await plug();
    const identity = captureIdentity(await driveOf(z), z.mountpoint);
    const err = await failure(writeSignature({ identity, contents: contentsFor('OTHER'), jobId: 'MINE1' }));
    expect(err.code).toBe('JobIdMismatch');
    expect(fs.existsSync(path.join(z.mountpoint, 'SIGNATURE'))).toBe(false);
  });
});
