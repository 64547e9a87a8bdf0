export { runCopy, planOnly, DEFAULT_CHUNK_BYTES, DEFAULT_COPY_CONCURRENCY } from './run';
export type { PlanSummary, RunCopyOptions } from './run';
export { CopyError, type CopyErrorCode } from './errors';
export { CopyRecords, type CopyRecord, type DriveKey } from './records';
export { planCopy, normalizeTargetDir, CopyPlanError } from './plan';
export { checkDriveForCopy } from './drive-check';
export { TEMP_PREFIX, BY_DESIGN } from './types';
export type * from './types';
