/** The operation table: one handler per model operation, checked exhaustively. */
import type { Operation } from '../../protocol/api';
import { cancelJob } from './cancel-job';
import type { OperationHandler } from './context';
import { createJob } from './create-job';
import { getShippingLabel } from './get-shipping-label';
import { getStatus } from './get-status';
import { listJobs } from './list-jobs';
import { updateJob } from './update-job';

export const OPERATION_HANDLERS: Record<Operation, OperationHandler> = {
  CreateJob: createJob,
  CancelJob: cancelJob,
  GetShippingLabel: getShippingLabel,
  GetStatus: getStatus,
  ListJobs: listJobs,
  UpdateJob: updateJob,
};
