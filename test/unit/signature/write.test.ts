import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIdentity } from '../../../electron/drives/identity';
import type { Drive } from '../../../electron/drives/types';
import { SignatureWriteError } from '../../../electron/signature/errors';
import { readSignature, verifySignature, writeSignature } from '../../../electron/signature/write';
import { makeDrive } from '../drives/drive-fixture';

const contentsFor = (jobId: string, sig = 'jLbLVp54vBa/vuh/XW1MOMdZUxw='): string =>
  `\n  version:2.0\r\nsigningMethod:HmacSHA1\r\njobId:${jobId}\r\nsignature:${sig}  \n`;

let dir: string;
/** The app's data folder: replaced SIGNATUREs are kept here, never on the drive. */
let appData: string;
let drive: Drive;
/** The drive list is the edge faked here: a real directory stands in for the drive's mountpoint. */
const list = async (): Promise<Drive[]> => [drive];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-sig-'));
  appData = await mkdtemp(path.join(os.tmpdir(), 'dockhand-sig-data-'));
  drive = makeDrive({ mountpoints: [{ path: dir }] });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(appData, { recursive: true, force: true });
});

async function expectCode(p: Promise<unknown>, code: string): Promise<SignatureWriteError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SignatureWriteError);
  expect((err as SignatureWriteError).code).toBe(code);
  return err as SignatureWriteError;
}

describe('writeSignature', () => {
  it('writes the canonical four LF lines, leaves no temp file, and reads back', async () => {
    const res = await writeSignature({
      identity: captureIdentity(drive),
      contents: contentsFor('ABCDE'),
      jobId: 'abcde',
      list,
    });
    const text = await readFile(path.join(dir, 'SIGNATURE'), 'utf8');
    expect(text).toBe(
      'version:2.0\nsigningMethod:HmacSHA1\njobId:ABCDE\nsignature:jLbLVp54vBa/vuh/XW1MOMdZUxw=\n',
    );
    expect(res).toEqual({ path: path.join(dir, 'SIGNATURE'), bytes: text.length, replaced: 'nothing' });
    expect(await readdir(dir)).toEqual(['SIGNATURE']);
    expect((await readSignature(dir))?.jobId).toBe('ABCDE');
    expect(await verifySignature(dir, contentsFor('ABCDE'))).toBe(true);
  });

  it("replaces the same job's SIGNATURE silently", async () => {
    await writeFile(path.join(dir, 'SIGNATURE'), contentsFor('ABCDE', 'old='));
    const res = await writeSignature({
      identity: captureIdentity(drive),
      contents: contentsFor('ABCDE'),
      jobId: 'ABCDE',
      list,
    });
    expect(res.backupPath).toBeUndefined();
    expect(res.replaced).toBe('same-job');
    expect(await readdir(dir)).toEqual(['SIGNATURE']);
  });

  it("refuses another job's SIGNATURE, and when confirmed keeps it in the app's data, not on the drive", async () => {
    const other = contentsFor('ZZZZ1', 'other=');
    await writeFile(path.join(dir, 'SIGNATURE'), other);
    const err = await expectCode(
      writeSignature({
        identity: captureIdentity(drive),
        contents: contentsFor('ABCDE'),
        jobId: 'ABCDE',
        list,
        backupDir: appData,
      }),
      'OtherJobSignature',
    );
    expect(err.message).toContain('ZZZZ1');
    expect(err.message).toContain('not on the drive');
    expect(await readFile(path.join(dir, 'SIGNATURE'), 'utf8')).toBe(other);
    const res = await writeSignature({
      identity: captureIdentity(drive),
      contents: contentsFor('ABCDE'),
      jobId: 'ABCDE',
      confirmReplace: true,
      list,
      backupDir: appData,
    });
    expect(res.replaced).toBe('other-job');
    expect(res.replacedJobId).toBe('ZZZZ1');
    expect(path.dirname(res.backupPath as string)).toBe(appData);
    expect(path.basename(res.backupPath as string)).toMatch(/^SIGNATURE\.ZZZZ1\..+\.bak$/);
    expect(await readFile(res.backupPath as string, 'utf8')).toBe(other);
    // The drive holds the new SIGNATURE and nothing else of Dockhand's.
    expect(await readdir(dir)).toEqual(['SIGNATURE']);
    expect((await readSignature(dir))?.jobId).toBe('ABCDE');
  });

  it('defaults the backup folder to DOCKHAND_HOME/signature-backups', async () => {
    await writeFile(path.join(dir, 'SIGNATURE'), contentsFor('ZZZZ1', 'other='));
    const res = await writeSignature({
      identity: captureIdentity(drive),
      contents: contentsFor('ABCDE'),
      jobId: 'ABCDE',
      confirmReplace: true,
      list,
      env: { ...process.env, DOCKHAND_HOME: appData },
    });
    expect(path.dirname(res.backupPath as string)).toBe(path.join(appData, 'signature-backups'));
    expect(await readdir(dir)).toEqual(['SIGNATURE']);
  });

  it('keeps a second backup of the same old job instead of failing on the existing one', async () => {
    await writeFile(path.join(dir, 'SIGNATURE'), contentsFor('ZZZZ1', 'first='));
    const first = await writeSignature({
      identity: captureIdentity(drive),
      contents: contentsFor('ABCDE'),
      jobId: 'ABCDE',
      confirmReplace: true,
      list,
      backupDir: appData,
    });
    await writeFile(path.join(dir, 'SIGNATURE'), contentsFor('ZZZZ1', 'other='));
    const res = await writeSignature({
      identity: captureIdentity(drive),
      contents: contentsFor('ABCDE'),
      jobId: 'ABCDE',
      confirmReplace: true,
      list,
      backupDir: appData,
    });
    expect(res.backupPath).not.toBe(first.backupPath);
    expect(res.backupPath).toMatch(/\.2\.bak$/);
    expect(await readFile(first.backupPath as string, 'utf8')).toBe(contentsFor('ZZZZ1', 'first='));
    expect(await readFile(res.backupPath as string, 'utf8')).toBe(contentsFor('ZZZZ1', 'other='));
  });

  it('refuses contents of another job, and garbage, before touching the drive', async () => {
    await expectCode(
      writeSignature({
        identity: captureIdentity(drive),
        contents: contentsFor('OTHER'),
        jobId: 'ABCDE',
        list,
      }),
      'JobIdMismatch',
    );
    await expectCode(
      writeSignature({
        identity: captureIdentity(drive),
        contents: 'INVALID',
        jobId: 'ABCDE',
        list,
      }),
      'InvalidContents',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a swapped drive, a read-only drive, and the system drive', async () => {
    const identity = captureIdentity(drive);
    drive = { ...drive, serial: 'SWAPPED' };
    await expectCode(
      writeSignature({ identity, contents: contentsFor('ABCDE'), jobId: 'ABCDE', list }),
      'DifferentDrive',
    );
    drive = { ...drive, serial: identity.serial, isReadOnly: true };
    await expectCode(
      writeSignature({ identity, contents: contentsFor('ABCDE'), jobId: 'ABCDE', list }),
      'ReadOnly',
    );
    drive = { ...drive, isReadOnly: false, isSystem: true };
    const err = await expectCode(
      writeSignature({ identity, contents: contentsFor('ABCDE'), jobId: 'ABCDE', list }),
      'NotEligible',
    );
    expect(err.message).toContain('system drive');
    drive = { ...drive, isSystem: false };
    await expectCode(
      writeSignature({
        identity,
        contents: contentsFor('ABCDE'),
        jobId: 'ABCDE',
        list: async () => [],
      }),
      'DeviceGone',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('maps a mountpoint that vanished mid-way to DeviceGone and leaves nothing behind', async () => {
    const identity = captureIdentity(drive);
    await rm(dir, { recursive: true });
    const err = await expectCode(
      writeSignature({ identity, contents: contentsFor('ABCDE'), jobId: 'ABCDE', list }),
      'DeviceGone',
    );
    expect(err.message).toContain('/dev/sdb');
  });
});

describe('verifySignature', () => {
  it('is true only for the expected contents', async () => {
    expect(await verifySignature(dir, contentsFor('ABCDE'))).toBe(false);
    await writeFile(path.join(dir, 'SIGNATURE'), contentsFor('ZZZZ1'));
    expect(await verifySignature(dir, contentsFor('ABCDE'))).toBe(false);
    await writeFile(path.join(dir, 'SIGNATURE'), contentsFor('ABCDE', 'stale='));
    expect(await verifySignature(dir, contentsFor('ABCDE'))).toBe(false);
    await writeFile(path.join(dir, 'SIGNATURE'), 'nonsense');
    expect(await verifySignature(dir, contentsFor('ABCDE'))).toBe(false);
    await writeFile(
      path.join(dir, 'SIGNATURE'),
      'version:2.0\nsigningMethod:HmacSHA1\njobId:ABCDE\nsignature:jLbLVp54vBa/vuh/XW1MOMdZUxw=\n',
    );
    expect(await verifySignature(dir, contentsFor('ABCDE'))).toBe(true);
  });
});
