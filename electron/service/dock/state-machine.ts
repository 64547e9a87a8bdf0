/**
 * The receiving dock's transitions (reference 4 and 11.5) as a pure function: a job's state and an
 * action in, the change or a reason it is refused out.
 */
import {
  ABORT_PROGRESS_CODES,
  assertNever,
  type FinishProgressCode,
  type LocationCode,
  type ProgressCode,
} from '../../protocol/status-codes';

export type DockAction =
  | { kind: 'receive' }
  | { kind: 'start' }
  | { kind: 'finish'; progressCode: FinishProgressCode; errorCount: number }
  | { kind: 'return'; carrier: string; trackingNumber: string }
  | { kind: 'expire' };

export type DockActionKind = DockAction['kind'];

export interface DockState {
  jobId: string;
  location: LocationCode;
  /** The effective progress (an expired-by-age job reads Expired). */
  progress: ProgressCode;
  canceled: boolean;
}

export interface DockChange {
  location: LocationCode;
  progress: ProgressCode;
  errorCount?: number;
  carrier?: string;
  trackingNumber?: string;
  /** The finished job's log is now in place. */
  setsLog?: boolean;
}

export type DockRefusal =
  | 'not-arrived-required'
  | 'at-aws-pending-required'
  | 'in-progress-required'
  | 'finished-required'
  | 'job-closed'
  | 'error-count-mismatch';

export type DockDecision =
  { ok: true; change: DockChange } | { ok: false; reason: DockRefusal; message: string };

const NEEDS: Record<DockActionKind, string> = {
  receive: 'a job that has not arrived yet',
  start: 'a job that is at AWS and Pending',
  finish: 'a job that is InProgress',
  return: 'a job that has finished (Complete, SuccessWithErrors or an abort code) or was canceled at AWS',
  expire: 'a job whose device has not arrived (NotReceived and Pending)',
};

function describe(state: DockState): string {
  if (state.canceled) return 'Canceled';
  if (state.location === 'Returned') return 'Returned';
  if (state.progress === 'Pending') return `${state.location}/Pending`;
  return state.progress;
}

function refuse(state: DockState, action: DockActionKind, reason: DockRefusal): DockDecision {
  return {
    ok: false,
    reason,
    message: `job ${state.jobId} is ${describe(state)}; \`dock ${action}\` needs ${NEEDS[action]}`,
  };
}

const FINISHED: readonly ProgressCode[] = ['Complete', 'SuccessWithErrors', ...ABORT_PROGRESS_CODES];

export function decideDockAction(state: DockState, action: DockAction): DockDecision {
  const waiting = state.location === 'NotReceived' && state.progress === 'Pending' && !state.canceled;
  switch (action.kind) {
    case 'receive':
      if (!waiting) return refuse(state, 'receive', state.canceled ? 'job-closed' : 'not-arrived-required');
      return { ok: true, change: { location: 'AtAWS', progress: 'Pending' } };
    case 'start':
      if (state.canceled || state.location !== 'AtAWS' || state.progress !== 'Pending') {
        return refuse(state, 'start', 'at-aws-pending-required');
      }
      return { ok: true, change: { location: 'AtAWS', progress: 'InProgress' } };
    case 'finish': {
      if (state.canceled || state.location !== 'AtAWS' || state.progress !== 'InProgress') {
        return refuse(state, 'finish', 'in-progress-required');
      }
      const { progressCode, errorCount } = action;
      if (progressCode === 'Complete' && errorCount > 0) {
        return {
          ok: false,
          reason: 'error-count-mismatch',
          message: `job ${state.jobId}: Complete means no errors; with --error-count ${errorCount} use --progress-code SuccessWithErrors`,
        };
      }
      if (progressCode === 'SuccessWithErrors' && errorCount < 1) {
        return {
          ok: false,
          reason: 'error-count-mismatch',
          message: `job ${state.jobId}: SuccessWithErrors needs --error-count of 1 or more`,
        };
      }
      const loaded = progressCode === 'Complete' || progressCode === 'SuccessWithErrors';
      return {
        ok: true,
        change: { location: 'AtAWS', progress: progressCode, errorCount, setsLog: loaded },
      };
    }
    case 'return': {
      const canReturn =
        state.location === 'AtAWS' && (FINISHED.includes(state.progress) || state.progress === 'Canceled');
      if (!canReturn) return refuse(state, 'return', 'finished-required');
      return {
        ok: true,
        change: {
          location: 'Returned',
          progress: state.progress,
          carrier: action.carrier,
          trackingNumber: action.trackingNumber,
        },
      };
    }
    case 'expire':
      if (!waiting) return refuse(state, 'expire', state.canceled ? 'job-closed' : 'not-arrived-required');
      return { ok: true, change: { location: 'NotReceived', progress: 'Expired' } };
    default:
      return assertNever(action);
  }
}
