export type {
  Drive,
  DriveBus,
  DriveEvent,
  DriveEventType,
  DriveMountpoint,
  DrivePartition,
  SerialSource,
} from './types';
export { listDrives, driveFingerprint } from './source';
export { watchDrives, diffDrives, SCAN_INTERVAL_MS, FULL_RESCAN_INTERVAL_MS } from './watcher';
export type { DriveWatcher, WatchDrivesOptions, DriveChange } from './watcher';
export { ineligibleReasons, isEligible, mountpointContaining, SYSTEM_MOUNTPOINTS } from './eligibility';
export type { EligibilityContext, IneligibleCode, IneligibleReason } from './eligibility';
export { captureIdentity, compareIdentity, verifyIdentity } from './identity';
export type { DriveIdentity, IdentityCheck, IdentityMismatch, IdentityMismatchCode } from './identity';
export { eligibilityContextFor } from './app-data';
