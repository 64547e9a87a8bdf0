/** Each platform's rules, as tables: what Dockhand would run or skip on Linux, macOS and Windows. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  canFsyncDirectory,
  drivesWatchPlan,
  ejectSteps,
  isBusyEjectFailure,
  macDiskFingerprint,
  macWholeDisk,
  printingBackend,
  windowsDriveLetter,
} from '../../../electron/platform/index';
import { driveIdentitySchema } from '../../../electron/shared/contract';
import { watchDrives } from '../../../electron/drives/watcher';
import {
  listWindowsPrinters,
  printOnWindows,
  type PdfToPrinter,
} from '../../../electron/labels/windows-printers';

const identity = (device: string, mountpoint: string) => ({ device, serial: 'S1', sizeBytes: 1, mountpoint });

describe('drive device paths in the contract', () => {
  it.each([
    ['/dev/sdb', 'Linux', true],
    ['/dev/nvme0n1', 'Linux', true],
    ['/dev/mapper/dockhand-pull', 'Linux (device mapper)', true],
    ['/dev/disk4', 'macOS', true],
    ['/dev/rdisk4', 'macOS raw', true],
    ['\\\\.\\PHYSICALDRIVE1', 'Windows', true],
    ['\\\\.\\PHYSICALDRIVE12', 'Windows', true],
    ['\\\\.\\PHYSICALDRIVE', 'Windows without a number', false],
    ['C:\\', 'a Windows drive letter is a mount point, not a device', false],
    ['/etc/passwd', 'outside /dev', false],
    ['/dev/../etc/passwd', 'escapes /dev', false],
    ['disk4', 'bare name', false],
  ])('%s (%s) → %s', (device, _what, ok) => {
    expect(driveIdentitySchema.safeParse(identity(device, '/media/x')).success).toBe(ok);
  });
});

describe('directory fsync', () => {
  it.each([
    ['linux', true],
    ['darwin', true],
    ['freebsd', true],
    ['win32', false],
  ] as const)('%s → %s', (platform, can) => {
    expect(canFsyncDirectory(platform)).toBe(can);
  });
});

describe('eject', () => {
  it.each([
    [
      'linux',
      '/dev/sdb1',
      '/media/ops/BACKUP',
      [
        { command: 'sync', args: ['-f', '/media/ops/BACKUP'] },
        { command: 'umount', args: ['/media/ops/BACKUP'] },
      ],
    ],
    ['darwin', '/dev/disk4s1', '/Volumes/BACKUP', [{ command: 'diskutil', args: ['eject', '/dev/disk4'] }]],
    ['darwin', '/dev/disk4', '/Volumes/BACKUP', [{ command: 'diskutil', args: ['eject', '/dev/disk4'] }]],
    [
      'win32',
      '\\\\.\\PHYSICALDRIVE1',
      'D:\\mnt\\backup',
      [{ command: 'mountvol', args: ['D:\\mnt\\backup', '/p'] }],
    ],
  ] as const)('%s %s at %s', (platform, device, mountpoint, steps) => {
    expect(ejectSteps(platform, device, mountpoint)).toEqual(steps);
  });

  it("uses Explorer's Eject verb for a Windows drive letter, through PowerShell without a shell", () => {
    const [step, ...rest] = ejectSteps('win32', '\\\\.\\PHYSICALDRIVE1', 'e:\\');
    expect(rest).toEqual([]);
    expect(step?.command).toBe('powershell.exe');
    expect(step?.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    expect(step?.args[3]).toContain("Namespace(17).ParseName('E:')");
    expect(step?.args[3]).toContain("InvokeVerb('Eject')");
  });

  it.each([
    ['E:\\', 'E'],
    ['e:', 'E'],
    ['F:/', 'F'],
    ['C:\\mnt\\x', undefined],
    ["E:\\'; Remove-Item", undefined],
  ])('drive letter of %s → %s', (mountpoint, letter) => {
    expect(windowsDriveLetter(mountpoint)).toBe(letter);
  });

  it.each([
    ['/dev/disk4s1', '/dev/disk4'],
    ['/dev/disk12s3', '/dev/disk12'],
    ['/dev/disk4', '/dev/disk4'],
    ['/dev/rdisk2s1', '/dev/rdisk2'],
  ])('macOS whole disk of %s → %s', (device, whole) => {
    expect(macWholeDisk(device)).toBe(whole);
  });

  it.each([
    ['umount: /media/x: target is busy.', true],
    [
      'Unmount of disk4 failed: at least one volume could not be unmounted\nUnmount failed for /Volumes/X: dissented by PID 123',
      true,
    ],
    ['umount: /media/x: not mounted.', false],
  ])('busy: %s → %s', (stderr, busy) => {
    expect(isBusyEjectFailure(stderr)).toBe(busy);
  });
});

describe('drive watcher', () => {
  it.each([
    ['linux', { intervalMs: 250, fingerprint: 'sysfs', watchDev: true }],
    ['darwin', { intervalMs: 250, fingerprint: 'dev-disks', watchDev: true }],
    ['win32', { intervalMs: 2000, fingerprint: 'none', watchDev: false }],
  ] as const)('%s → %j', (platform, plan) => {
    expect(drivesWatchPlan(platform)).toEqual(plan);
  });

  it('fingerprints macOS disks by their /dev names only', () => {
    expect(macDiskFingerprint(['null', 'disk4s1', 'rdisk4', 'disk0', 'disk4', 'tty.usb', 'disk0s2'])).toBe(
      'disk0,disk0s2,disk4,disk4s1',
    );
  });
});

describe('printing', () => {
  it.each([
    ['linux', 'cups'],
    ['darwin', 'cups'],
    ['win32', 'windows'],
  ] as const)('%s → %s', (platform, backend) => {
    expect(printingBackend(platform)).toBe(backend);
  });
});

describe('the drive watcher follows its platform plan', () => {
  afterEach(() => vi.useRealTimers());

  it('on Windows (no cheap fingerprint) runs a full scan every 2 s, not every 250 ms', async () => {
    vi.useFakeTimers();
    let scans = 0;
    const watcher = watchDrives({
      platform: 'win32',
      list: async () => {
        scans++;
        return [];
      },
    });
    await vi.advanceTimersByTimeAsync(5_000);
    await watcher.stop();
    expect(scans).toBe(3); // at 0, 2 and 4 s
  });

  it('on Linux checks the fingerprint every 250 ms and scans only when it moved', async () => {
    vi.useFakeTimers();
    let scans = 0;
    let checks = 0;
    const watcher = watchDrives({
      platform: 'linux',
      watchDevDir: false,
      fullRescanIntervalMs: 60_000,
      fingerprint: async () => {
        checks++;
        return 'unchanged';
      },
      list: async () => {
        scans++;
        return [];
      },
    });
    await vi.advanceTimersByTimeAsync(5_000);
    await watcher.stop();
    expect(checks).toBe(21);
    expect(scans).toBe(1);
  });
});

describe('Windows printing through pdf-to-printer', () => {
  const fake = () => {
    const printed: Array<{ pdf: string; options: unknown }> = [];
    const mod: PdfToPrinter = {
      getPrinters: async () => [{ name: 'Zebra ZP450' }, { name: 'Microsoft Print to PDF' }],
      getDefaultPrinter: async () => ({ name: 'Microsoft Print to PDF' }),
      print: async (pdf, options) => {
        printed.push({ pdf, options });
      },
    };
    return { printed, load: async () => mod };
  };

  it('lists the printers with the default one', async () => {
    expect(await listWindowsPrinters(fake().load)).toEqual({
      printers: ['Zebra ZP450', 'Microsoft Print to PDF'],
      defaultPrinter: 'Microsoft Print to PDF',
    });
  });

  it('prints the label at its own size, silently, on the chosen printer', async () => {
    const f = fake();
    const result = await printOnWindows('C:\\labels\\JOB42.pdf', 'Zebra ZP450', 2, f.load);
    expect(result).toEqual({ jobId: 'windows:Zebra ZP450', printer: 'Zebra ZP450' });
    expect(f.printed).toEqual([
      {
        pdf: 'C:\\labels\\JOB42.pdf',
        options: { printer: 'Zebra ZP450', copies: 2, scale: 'noscale', silent: true },
      },
    ]);
  });

  it('turns a failure into a message that says to save the PDF instead', async () => {
    const load = async (): Promise<PdfToPrinter> => ({
      getPrinters: async () => [],
      getDefaultPrinter: async () => null,
      print: async () => {
        throw new Error('Command failed: SumatraPDF.exe exited with 1');
      },
    });
    await expect(printOnWindows('C:\\l.pdf', 'Zebra', 1, load)).rejects.toThrow(
      /Printing C:\\l\.pdf on "Zebra" failed: Command failed.*save/i,
    );
  });
});
