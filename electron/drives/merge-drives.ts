/**
 * The functional core of the drive source: what drivelist, lsblk, blkid, mountinfo, /proc/swaps and statfs
 * said, merged into one `Drive` per disk. No I/O here; ./source.ts gathers the inputs.
 */
import type { BlkidInfo, LsblkDevice, MountEntry } from './probe-parsers';
import { deriveSerial } from './serial';
import type { Drive, DriveBus, DriveMountpoint, DrivePartition } from './types';

/** The part of drivelist's Drive we use (its type is not exported in a stable place). */
export interface DrivelistEntry {
  device: string;
  description: string;
  size: number | null;
  mountpoints: Array<{ path: string; label: string | null }>;
  isReadOnly: boolean;
  isSystem: boolean;
  isRemovable: boolean;
  isVirtual: boolean | null;
  busType: string;
  isUSB?: boolean | null;
}

export interface ProbeSnapshot {
  /** Null when drivelist could not run; the lsblk disks are used instead. */
  drivelist: DrivelistEntry[] | null;
  lsblk: LsblkDevice[];
  blkid: Map<string, BlkidInfo>;
  mounts: MountEntry[];
  /** Devices in use as swap (/proc/swaps): treated as system drives. */
  swapDevices: string[];
  /** statfs results per mountpoint, for lsblk versions without FSUSED/FSAVAIL. */
  usage: Map<string, { usedBytes: number; freeBytes: number }>;
}

/** Mountpoints that make a drive the system drive. */
const SYSTEM_ROOT_MOUNTPOINTS = ['/', '/boot', '/boot/efi', '/efi'];

function busOf(transport: string, drivelistBus: string, isVirtual: boolean, device: string): DriveBus {
  const t = (transport || drivelistBus).toLowerCase();
  if (t === 'usb' || t === 'uas') return 'USB';
  if (t === 'sata' || t === 'ata' || t === 'ide') return 'SATA';
  if (t === 'nvme' || t === 'pcie') return 'NVMe';
  if (t === 'sas') return 'SAS';
  if (t === 'mmc' || t === 'sd' || t === 'sdcard') return 'MMC';
  if (t === 'scsi' || t === 'spi' || t === 'iscsi') return 'SCSI';
  if (isVirtual || /\/(zram|loop|ram|nbd|vd|xvd)[a-z0-9]*$/.test(device)) return 'virtual';
  return 'unknown';
}

function fsFor(
  dev: Pick<LsblkDevice, 'path' | 'fsType' | 'label' | 'uuid'>,
  snap: ProbeSnapshot,
): { fsType: string; label: string; uuid: string } {
  const b = snap.blkid.get(dev.path);
  const mountFs = snap.mounts.find((m) => m.source === dev.path)?.fsType ?? '';
  return {
    fsType: dev.fsType || b?.fsType || mountFs,
    label: dev.label || b?.label || '',
    uuid: dev.uuid || b?.uuid || '',
  };
}

function mountsFor(dev: Pick<LsblkDevice, 'path' | 'mountpoints'>, snap: ProbeSnapshot): string[] {
  const fromMountinfo = snap.mounts.filter((m) => m.source === dev.path).map((m) => m.mountpoint);
  return [...new Set([...dev.mountpoints, ...fromMountinfo])];
}

function usageFor(
  dev: Pick<LsblkDevice, 'fsUsedBytes' | 'fsAvailBytes'>,
  mountpoints: string[],
  snap: ProbeSnapshot,
): { usedBytes: number | null; freeBytes: number | null } {
  if (mountpoints.length === 0) return { usedBytes: null, freeBytes: null };
  if (dev.fsUsedBytes !== null && dev.fsAvailBytes !== null) {
    return { usedBytes: dev.fsUsedBytes, freeBytes: dev.fsAvailBytes };
  }
  for (const m of mountpoints) {
    const u = snap.usage.get(m);
    if (u) return u;
  }
  return { usedBytes: null, freeBytes: null };
}

function mountReadOnly(mountpoint: string, snap: ProbeSnapshot): boolean {
  // The last entry wins: a remount or an over-mount appends.
  const entries = snap.mounts.filter((m) => m.mountpoint === mountpoint);
  return entries[entries.length - 1]?.readOnly ?? false;
}

function emptyLsblk(device: string): LsblkDevice {
  return {
    name: device.replace(/^\/dev\//, ''),
    path: device,
    serial: '',
    model: '',
    fsType: '',
    label: '',
    uuid: '',
    sizeBytes: 0,
    mountpoints: [],
    readOnly: false,
    removable: false,
    hotplug: false,
    transport: '',
    fsUsedBytes: null,
    fsAvailBytes: null,
    parentName: '',
    type: 'disk',
    children: [],
  };
}

function toPartition(p: LsblkDevice, snap: ProbeSnapshot): DrivePartition {
  const fs = fsFor(p, snap);
  const mps = mountsFor(p, snap);
  return {
    device: p.path,
    fileSystem: fs.fsType,
    label: fs.label,
    fsUuid: fs.uuid,
    sizeBytes: p.sizeBytes,
    mountpoints: mps.map((path) => (fs.label ? { path, label: fs.label } : { path })),
    ...usageFor(p, mps, snap),
    isReadOnly: p.readOnly || (mps.length > 0 && mps.every((m) => mountReadOnly(m, snap))),
  };
}

export function mergeDrives(snap: ProbeSnapshot): Drive[] {
  const byPath = new Map(snap.lsblk.map((d) => [d.path, d]));
  const bases: Array<{ lsblk: LsblkDevice; dl: DrivelistEntry | null }> = snap.drivelist
    ? snap.drivelist.map((dl) => ({ lsblk: byPath.get(dl.device) ?? emptyLsblk(dl.device), dl }))
    : snap.lsblk.filter((d) => d.type === 'disk').map((d) => ({ lsblk: d, dl: null }));

  const drives: Drive[] = [];
  for (const { lsblk, dl } of bases) {
    const device = lsblk.path || dl?.device || '';
    const sizeBytes = lsblk.sizeBytes || dl?.size || 0;
    // An empty card-reader slot or a zram device before its disksize is set: nothing to prepare.
    if (!device || sizeBytes <= 0) continue;

    const partitions = lsblk.children.map((c) => toPartition(c, snap));
    const ownFs = fsFor(lsblk, snap);
    const ownMounts = mountsFor(lsblk, snap);
    const firstFsPart =
      partitions.find((p) => p.mountpoints.length > 0 && p.fileSystem) ??
      partitions.find((p) => p.fileSystem);
    const fileSystem = ownFs.fsType || firstFsPart?.fileSystem || '';
    const label = ownFs.label || firstFsPart?.label || '';
    const fsUuid = ownFs.uuid || firstFsPart?.fsUuid || '';

    const mountpointPaths = [
      ...new Set([...ownMounts, ...partitions.flatMap((p) => p.mountpoints.map((m) => m.path))]),
    ];
    const mountpoints: DriveMountpoint[] = mountpointPaths.map((path) => {
      const part = partitions.find((p) => p.mountpoints.some((m) => m.path === path));
      const l = part ? part.label : ownFs.label;
      return l ? { path, label: l } : { path };
    });

    const usage =
      ownMounts.length > 0
        ? usageFor(lsblk, ownMounts, snap)
        : (firstFsPart ?? { usedBytes: null, freeBytes: null });
    const isVirtual = dl?.isVirtual === true || /^\/dev\/(zram|loop|ram|nbd)/.test(device);
    const isSwap = [device, ...partitions.map((p) => p.device)].some((d) => snap.swapDevices.includes(d));
    const holdsSystemRoot = mountpointPaths.some((m) => SYSTEM_ROOT_MOUNTPOINTS.includes(m));
    const allMountsReadOnly =
      mountpointPaths.length > 0 && mountpointPaths.every((m) => mountReadOnly(m, snap));
    const { serial, serialSource } = deriveSerial({
      device,
      hardwareSerial: lsblk.serial,
      fsUuid,
      sizeBytes,
    });
    const model = lsblk.model || dl?.description || '';
    const name = label || model || (isVirtual ? 'Virtual drive' : 'Drive');

    drives.push({
      device,
      displayName: `${name} (${device})`,
      model,
      serial,
      serialSource,
      sizeBytes,
      mountpoints,
      fileSystem,
      label,
      fsUuid,
      usedBytes: usage.usedBytes,
      freeBytes: usage.freeBytes,
      bus: busOf(lsblk.transport, dl?.busType ?? '', isVirtual, device),
      isSystem: (dl?.isSystem ?? false) || holdsSystemRoot || isSwap,
      isReadOnly: lsblk.readOnly || (dl?.isReadOnly ?? false) || allMountsReadOnly,
      isRemovable: (dl?.isRemovable ?? false) || lsblk.removable || lsblk.hotplug,
      isVirtual,
      ...(partitions.length > 0 ? { partitions } : {}),
    });
  }
  return drives.sort((a, b) => a.device.localeCompare(b.device, 'en', { numeric: true }));
}
