/**
 * The copy operations of the contract (what the wizard's Add files step and the station call) on a real zram
 * drive: browse this machine's folders, plan (nothing written), copy with progress that never goes back,
 * cancel, and a plan for a drive that is not the chosen one refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../electron/app-paths';
import { captureIdentity, listDrives } from '../../electron/drives/index';
import type { CopyProgress } from '../../electron/copy/types';
import { copyHandlers } from '../../electron/shared/copy-handlers';
import type { DriveIdentity } from '../../electron/shared/contract';
import { createZramDrive, unplugAllZramDrives, zramSkipReason, type ZramDrive } from '../helpers/zram';

const skip = zramSkipReason();
const MiB = 1024 * 1024;
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-copy-contract-'));
});
afterAll(async () => {
  await unplugAllZramDrives();
  fs.rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skip !== undefined)('copy operations of the contract', () => {
  let drive: ZramDrive;
  let identity: DriveIdentity;
  const events: CopyProgress[] = [];
  let cancelOnCopying: string | undefined;
  let cancelAsked: Promise<{ cancelled: boolean }> | undefined;
  let handlers: ReturnType<typeof copyHandlers>;

  beforeAll(async () => {
    fs.mkdirSync(path.join(work, 'src', 'album'), { recursive: true });
    for (let i = 0; i < 40; i++)
      fs.writeFileSync(path.join(work, 'src', 'album', `p${i}.jpg`), Buffer.alloc(MiB, i));
    fs.writeFileSync(path.join(work, 'src', '.hidden'), 'x');
    drive = await createZramDrive({ sizeBytes: 160 * MiB, label: 'DHCONTRACT' });
    const d = (await listDrives()).find((x) => x.device === drive.devicePath);
    if (!d) throw new Error('drive not listed');
    identity = captureIdentity(d, drive.mountpoint);
    const env = { ...process.env, DOCKHAND_HOME: path.join(work, 'home') };
    handlers = copyHandlers({
      emit: (event, payload) => {
        if (event !== 'copy.progress') return;
        const progress = (payload as { progress: CopyProgress }).progress;
        events.push(progress);
        // Cancelled from inside the copy's own first progress report, so the copy cannot finish first.
        if (cancelOnCopying && progress.phase === 'copying') {
          const runId = cancelOnCopying;
          cancelOnCopying = undefined;
          cancelAsked = handlers['copy.cancel']({ runId });
        }
      },
      paths: appPaths(env),
      env,
      listDrives,
      homeDir: work,
    });
  }, 60_000);

  it("lists this machine's folders, folders first, hidden entries left out", async () => {
    const home = await handlers['folders.list']({});
    expect(home.path).toBe(work);
    const listing = await handlers['folders.list']({ path: path.join(work, 'src') });
    expect(listing.entries.map((e) => [e.name, e.isFolder])).toEqual([['album', true]]);
    expect(listing.parent).toBe(work);
    await expect(handlers['folders.list']({ path: path.join(work, 'nope') })).rejects.toThrow(
      /does not exist/,
    );
  });

  it('plans without writing, then copies with progress that never goes back', async () => {
    const args = { sources: [path.join(work, 'src', 'album')], drive: identity, targetDir: 'in' };
    const plan = await handlers['copy.plan'](args);
    expect(plan).toMatchObject({
      files: 40,
      bytes: 40 * MiB,
      fits: true,
      alreadyOnDrive: 0,
      notCopiedCount: 0,
    });
    expect(plan.estimatedSeconds).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(drive.mountpoint, 'in'))).toBe(false);

    const result = await handlers['copy.start']({ ...args, runId: 'r1', verify: true });
    expect(result).toMatchObject({ copied: 40, failed: false, cancelled: false });
    expect(result.verify?.mismatches).toEqual([]);
    const copying = events.filter((e) => e.phase === 'copying');
    for (let i = 1; i < copying.length; i++) {
      expect(copying[i]?.bytesDone).toBeGreaterThanOrEqual(copying[i - 1]?.bytesDone ?? 0);
    }
    expect(copying.at(-1)).toMatchObject({ bytesDone: 40 * MiB, filesDone: 40, secondsLeft: 0 });
    expect(events.some((e) => e.phase === 'verifying')).toBe(true);

    const again = await handlers['copy.plan'](args);
    expect(again).toMatchObject({ files: 0, alreadyOnDrive: 40 });
  }, 60_000);

  it('cancels: files not finished are listed, no temporary file stays, a resume finishes them', async () => {
    const args = { sources: [path.join(work, 'src', 'album')], drive: identity, targetDir: 'cancelled' };
    events.length = 0;
    cancelOnCopying = 'r2';
    const result = await handlers['copy.start']({ ...args, runId: 'r2', verify: false });
    expect(await cancelAsked).toEqual({ cancelled: true });
    expect(result.cancelled).toBe(true);
    expect(result.copied).toBeLessThan(40);
    expect(result.notCopiedCount).toBe(40 - result.copied);
    expect(result.notCopied.every((n) => n.reason === 'cancelled')).toBe(true);
    const left = fs.readdirSync(path.join(drive.mountpoint, 'cancelled'));
    expect(left.filter((n) => n.startsWith('.dockhand-copy-'))).toEqual([]);
    const resumed = await handlers['copy.start']({ ...args, runId: 'r3', verify: false });
    expect(resumed).toMatchObject({
      copied: 40 - result.copied,
      skippedUnchanged: result.copied,
      failed: false,
    });
  }, 60_000);

  it('refuses a plan for a drive that is not the one chosen', async () => {
    await expect(
      handlers['copy.plan']({
        sources: [path.join(work, 'src')],
        drive: { ...identity, serial: 'someone-else' },
        targetDir: '',
      }),
    ).rejects.toMatchObject({ code: 'DifferentDrive' });
  });
});
