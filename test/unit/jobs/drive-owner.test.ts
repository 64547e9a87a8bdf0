import { describe, expect, it } from 'vitest';
import { drivesTakenOver } from '../../../electron/jobs/drive-owner';

const at = (min: number) => new Date(Date.UTC(2026, 10, 30, 9, min)).toISOString();

describe('drivesTakenOver: one drive, one live job', () => {
  it('gives the drive to the job whose SIGNATURE was written last', () => {
    const taken = drivesTakenOver([
      { jobId: 'OLDJB', drive: { serial: 'zram:1' }, signature: { at: at(1) } },
      { jobId: 'NEWJB', drive: { serial: 'zram:1' }, signature: { at: at(5) } },
      { jobId: 'OTHER', drive: { serial: 'zram:2' }, signature: { at: at(3) } },
    ]);
    expect([...taken]).toEqual([['OLDJB', 'NEWJB']]);
  });

  it('gives it back when the older job rewrites its SIGNATURE', () => {
    const taken = drivesTakenOver([
      { jobId: 'OLDJB', drive: { serial: 'zram:1' }, signature: { at: at(9) } },
      { jobId: 'NEWJB', drive: { serial: 'zram:1' }, signature: { at: at(5) } },
    ]);
    expect([...taken]).toEqual([['NEWJB', 'OLDJB']]);
  });

  it('leaves a job that has no SIGNATURE yet alone (it is still being prepared)', () => {
    const taken = drivesTakenOver([
      { jobId: 'OLDJB', drive: { serial: 'zram:1' }, signature: { at: at(1) } },
      { jobId: 'DRAFT', drive: { serial: 'zram:1' } },
      { jobId: 'NODRV' },
    ]);
    expect(taken.size).toBe(0);
  });
});
