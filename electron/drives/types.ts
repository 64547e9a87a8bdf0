/** The drive contract other parts (wizard, station, inventory, signature) build on. */

export type DriveBus = 'USB' | 'SATA' | 'NVMe' | 'SCSI' | 'SAS' | 'MMC' | 'virtual' | 'unknown';

export interface DriveMountpoint {
  path: string;
  label?: string;
}

/**
 * Where `Drive.serial` came from. Hardware serials are what a manifest's deviceId wants; devices without
 * one (zram, many USB bridges, VMs) get a derived id so identity checks still work (see ./serial.ts).
 */
export type SerialSource = 'hardware' | 'file-system-uuid' | 'device-name';

export interface DrivePartition {
  device: string;
  fileSystem: string;
  label: string;
  fsUuid: string;
  sizeBytes: number;
  mountpoints: DriveMountpoint[];
  usedBytes: number | null;
  freeBytes: number | null;
  isReadOnly: boolean;
}

export interface Drive {
  /** e.g. /dev/sdb, /dev/zram3 */
  device: string;
  /** What a person recognises: "SanDisk Extreme (/dev/sdb)" or the label. */
  displayName: string;
  model: string;
  /** Hardware serial, else the derived id described by `serialSource`. Never empty. */
  serial: string;
  serialSource: SerialSource;
  sizeBytes: number;
  /** All mountpoints of the disk and its partitions. */
  mountpoints: DriveMountpoint[];
  /** As the OS reports it (`ext4`, `ntfs`, `vfat`...), of the disk or its first partition with one; '' if none. */
  fileSystem: string;
  label: string;
  /** File-system UUID of the disk or its first partition with one; '' if none. */
  fsUuid: string;
  /** Null when not mounted (the OS only knows usage of a mounted file system). */
  usedBytes: number | null;
  freeBytes: number | null;
  bus: DriveBus;
  isSystem: boolean;
  isReadOnly: boolean;
  isRemovable: boolean;
  isVirtual: boolean;
  partitions?: DrivePartition[];
}

export type DriveEventType = 'added' | 'removed' | 'changed';

export interface DriveEvent {
  type: DriveEventType;
  drive: Drive;
  /** The whole list after this event. */
  drives: Drive[];
}
