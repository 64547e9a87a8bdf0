/** The copy plan over real folders: cp -r placement, what is not copied and why. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyPlanError, normalizeTargetDir, planCopy } from '../../../electron/copy/plan';

let dir: string;
let mount: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-plan-'));
  mount = path.join(dir, 'drive');
  fs.mkdirSync(mount);
  fs.mkdirSync(path.join(dir, 'src', 'album', 'empty'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'src', 'album', 'a.jpg'), 'a');
  fs.writeFileSync(path.join(dir, 'src', 'notes.txt'), 'n');
  fs.writeFileSync(path.join(dir, 'src', 'album', '.dockhand-copy-0123'), 'x');
  fs.symlinkSync('a.jpg', path.join(dir, 'src', 'album', 'link.jpg'));
  fs.writeFileSync(path.join(dir, 'SIGNATURE'), 'not the job');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('planCopy', () => {
  it('places a folder as a folder of its name and a file as that file, under the target dir', async () => {
    const plan = await planCopy({
      sources: [path.join(dir, 'src', 'album'), path.join(dir, 'src', 'notes.txt')],
      mountpoint: mount,
      targetDir: 'in/2024/',
    });
    expect(plan.files.map((f) => f.destPath)).toEqual(['in/2024/album/a.jpg', 'in/2024/notes.txt']);
    expect(plan.dirs.map(String)).toEqual(['in', 'in/2024', 'in/2024/album', 'in/2024/album/empty']);
    expect(plan.notCopied.map((n) => n.reason).sort()).toEqual(['ignored', 'symlink']);
  });

  it('never copies over the SIGNATURE at the root', async () => {
    const plan = await planCopy({ sources: [path.join(dir, 'SIGNATURE')], mountpoint: mount, targetDir: '' });
    expect(plan.files).toEqual([]);
    expect(plan.notCopied[0]?.message).toContain("the job's own file");
  });

  it('names a source that does not exist, and refuses two sources landing on one path', async () => {
    const missing = await planCopy({ sources: [path.join(dir, 'nope')], mountpoint: mount, targetDir: '' });
    expect(missing.notCopied[0]).toMatchObject({ reason: 'source-vanished' });
    await expect(
      planCopy({
        sources: [path.join(dir, 'src', 'notes.txt'), path.join(dir, 'src', 'notes.txt')],
        mountpoint: mount,
        targetDir: '',
      }),
    ).rejects.toThrow(/would both be copied to notes\.txt/);
  });

  it('refuses sources on the drive itself and target dirs above its root', async () => {
    await expect(planCopy({ sources: [mount], mountpoint: mount, targetDir: '' })).rejects.toBeInstanceOf(
      CopyPlanError,
    );
    expect(() => normalizeTargetDir('../x')).toThrow(/goes above the drive's root/);
  });
});
