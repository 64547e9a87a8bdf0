/** LocationCode and ProgressCode with the reference's messages (reference 4.1 and 4.2). */

export const LOCATION_CODES = ['NotReceived', 'AtAWS', 'Returned'] as const;
export type LocationCode = (typeof LOCATION_CODES)[number];

export const PROGRESS_CODES = [
  'Pending',
  'InProgress',
  'Complete',
  'SuccessWithErrors',
  'Canceled',
  'Expired',
  'DeviceError',
  'InvalidSignature',
  'MissingSignature',
  'MissingDevice',
  'UnsupportedDeviceType',
  'UnsupportedFileFormat',
  'UnsupportedPowerSupply',
] as const;
export type ProgressCode = (typeof PROGRESS_CODES)[number];

/** Codes that end the transfer without loading data: the job is over, the device comes back. */
export const ABORT_PROGRESS_CODES = [
  'DeviceError',
  'InvalidSignature',
  'MissingSignature',
  'MissingDevice',
  'UnsupportedDeviceType',
  'UnsupportedFileFormat',
  'UnsupportedPowerSupply',
] as const satisfies readonly ProgressCode[];
export type AbortProgressCode = (typeof ABORT_PROGRESS_CODES)[number];

/** Codes `dock finish` may set: a successful load or an abort. */
export const FINISH_PROGRESS_CODES = ['Complete', 'SuccessWithErrors', ...ABORT_PROGRESS_CODES] as const;
export type FinishProgressCode = (typeof FINISH_PROGRESS_CODES)[number];

export function isLocationCode(value: string): value is LocationCode {
  return (LOCATION_CODES as readonly string[]).includes(value);
}
export function isProgressCode(value: string): value is ProgressCode {
  return (PROGRESS_CODES as readonly string[]).includes(value);
}
export function isFinishProgressCode(value: string): value is FinishProgressCode {
  return (FINISH_PROGRESS_CODES as readonly string[]).includes(value);
}

export interface LocationDetails {
  carrier?: string;
  trackingNumber?: string;
}

export function locationMessage(code: LocationCode, details: LocationDetails = {}): string {
  switch (code) {
    case 'NotReceived':
      return 'AWS has not received your device.';
    case 'AtAWS':
      return 'Your device is at AWS.';
    case 'Returned':
      return `Your device has been returned. The ${details.carrier ?? 'SHIPPER'} tracking number is ${
        details.trackingNumber ?? 'TRACKING_NUMBER'
      }.`;
    default:
      return assertNever(code);
  }
}

export interface ProgressDetails {
  logKey?: string;
  logBucket?: string;
  errorCount?: number;
}

export function progressMessage(code: ProgressCode, details: ProgressDetails = {}): string {
  const key = details.logKey ?? 'LOG_KEY';
  const bucket = details.logBucket ?? 'LOG_BUCKET';
  switch (code) {
    case 'Pending':
      return 'The specified job has not started.';
    case 'InProgress':
      return 'The data on your device is currently being loaded.';
    case 'Complete':
      return `The data loaded successfully. The log was saved to ${key} in the bucket ${bucket}.`;
    case 'SuccessWithErrors':
      // "bucket LOG_BUCKET. for more details." is the real text, stray period included.
      return `The data load completed with ${details.errorCount ?? 'NUMBER'} of errors. See ${key} in the bucket ${bucket}. for more details.`;
    case 'Canceled':
      return 'The job was canceled.';
    case 'Expired':
      return 'The job expired.';
    case 'DeviceError':
      return 'The job was aborted. Your device would not function properly.';
    case 'InvalidSignature':
      return 'The job was aborted. The SIGNATURE file was invalid.';
    case 'MissingSignature':
      return 'The job was aborted. The SIGNATURE file was missing.';
    case 'MissingDevice':
      return 'The job was aborted. Your device, power supply, or device connectors were missing.';
    case 'UnsupportedDeviceType':
      return 'The job was aborted. AWS Import/Export requires a USB2 or eSATA connector type, or a 2.5" or 3.5" SATA hard drive.';
    case 'UnsupportedFileFormat':
      return 'The job was aborted. The file system on your device is not supported; see the supported file systems.';
    case 'UnsupportedPowerSupply':
      return 'The job was aborted. US East (N. Virginia) buckets requires a 120 volt 60Hz power supply; EU buckets require a 230 volt, 50 Hertz power supply with a Euro plug.';
    default:
      return assertNever(code);
  }
}

/** A job in one of these states will not change again on its own: trackers stop polling it. */
export function isFinalState(location: LocationCode, progress: ProgressCode): boolean {
  return location === 'Returned' || progress === 'Canceled' || progress === 'Expired';
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
