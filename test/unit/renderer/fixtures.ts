/** Realistic contract values for component tests. */
import type { DriveView, JobDetail, JobRow } from '../../../electron/shared/contract';

export function drive(overrides: Partial<DriveView> = {}): DriveView {
  return {
    device: '/dev/sdb',
    displayName: 'SanDisk Extreme (/dev/sdb)',
    model: 'SanDisk Extreme',
    serial: 'SN-4C530001',
    sizeBytes: 1_000_204_886_016,
    mountpoints: ['/media/ops/BACKUP'],
    fileSystem: 'ext4',
    label: 'BACKUP',
    usedBytes: 20_000_000,
    bus: 'USB',
    blocks: [],
    hasFiles: false,
    signatureJobId: null,
    ...overrides,
  };
}

export const SYSTEM_DRIVE = drive({
  device: '/dev/nvme0n1',
  displayName: 'Samsung 980 (/dev/nvme0n1)',
  model: 'Samsung 980',
  serial: 'S64DNX0R',
  bus: 'NVMe',
  mountpoints: ['/'],
  label: '',
  blocks: [{ code: 'system', sentence: '/dev/nvme0n1 is the system drive: Dockhand never writes to it.' }],
  hasFiles: true,
});

export function jobRow(overrides: Partial<JobRow> = {}): JobRow {
  return {
    jobId: 'ABCDE',
    jobType: 'Import',
    createdAt: '2026-11-01T10:00:00.000Z',
    isCanceled: false,
    local: true,
    location: 'NotReceived',
    progress: 'Pending',
    statusMessage: 'AWS has not received your device. The specified job has not started.',
    drive: { device: '/dev/sdb', serial: 'SN-4C530001' },
    signatureWrittenAt: '2026-11-01T10:05:00.000Z',
    labelAt: null,
    carrier: null,
    trackingNumber: null,
    trackingUrl: null,
    expiresAt: '2026-12-01T10:00:00.000Z',
    canUpdateOrCancel: true,
    ...overrides,
  };
}

export function jobDetail(overrides: Partial<JobDetail> = {}): JobDetail {
  return {
    ...jobRow(),
    locationMessage: 'AWS has not received your device.',
    progressMessage: 'The specified job has not started.',
    errorCount: 0,
    manifest: 'manifestVersion: 2.0\n',
    timeline: [
      {
        at: '2026-11-01T10:00:00.000Z',
        location: 'NotReceived',
        progress: 'Pending',
        message: 'AWS has not received your device. The specified job has not started.',
      },
    ],
    ...overrides,
  };
}
