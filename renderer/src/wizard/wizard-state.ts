/** The wizard's state as pure data and transitions; the components only render it. */
import type {
  CreatedJob,
  DriveView,
  InventorySummary,
  ManifestForm,
  SignatureWriteResult,
} from '../../../electron/shared/contract';
import type { JobType } from '../../../electron/protocol/api';

export const WIZARD_STEPS = [
  'account',
  'job',
  'device',
  'preflight',
  'create',
  'signature',
  'label',
  'done',
] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

export function stepTitle(step: WizardStep): string {
  switch (step) {
    case 'account':
      return 'Account';
    case 'job':
      return 'Job & manifest';
    case 'device':
      return 'Device';
    case 'preflight':
      return 'Preflight';
    case 'create':
      return 'Create job';
    case 'signature':
      return 'Write SIGNATURE';
    case 'label':
      return 'Shipping label';
    case 'done':
      return 'Done';
    default:
      return assertNever(step);
  }
}

export interface ChosenDrive {
  drive: DriveView;
  mountpoint: string;
}

export type ManifestSource = { mode: 'form' } | { mode: 'yaml'; text: string };

export interface WizardState {
  step: WizardStep;
  jobType: JobType;
  form: ManifestForm;
  source: ManifestSource;
  chosen: ChosenDrive | null;
  inventory: InventorySummary | null;
  erasedAcknowledged: boolean;
  created: CreatedJob | null;
  signature: SignatureWriteResult | null;
}

export const EMPTY_ADDRESS: ManifestForm['returnAddress'] = {
  name: '',
  company: '',
  street1: '',
  street2: '',
  city: '',
  stateOrProvince: '',
  postalCode: '',
  phoneNumber: '',
  country: '',
};

export function initialWizardState(): WizardState {
  return {
    step: 'account',
    jobType: 'Import',
    form: {
      kind: 's3-import',
      deviceId: '',
      bucket: '',
      prefix: '',
      logBucket: '',
      returnAddress: { ...EMPTY_ADDRESS },
    },
    source: { mode: 'form' },
    chosen: null,
    inventory: null,
    erasedAcknowledged: false,
    created: null,
    signature: null,
  };
}

export type WizardAction =
  | { type: 'go'; step: WizardStep }
  | { type: 'form'; form: ManifestForm }
  | { type: 'source'; source: ManifestSource }
  | { type: 'choose'; chosen: ChosenDrive | null }
  | { type: 'drives'; drives: DriveView[] }
  | { type: 'inventory'; inventory: InventorySummary | null }
  | { type: 'acknowledge'; value: boolean }
  | { type: 'created'; created: CreatedJob }
  | { type: 'signature'; result: SignatureWriteResult }
  | { type: 'reset' };

/** Whether the person may move on from a step, given what has been done. */
export function canLeave(state: WizardState, step: WizardStep): boolean {
  switch (step) {
    case 'account':
    case 'job':
      return true;
    case 'device':
      return state.chosen !== null;
    case 'preflight':
      return state.inventory !== null && state.erasedAcknowledged;
    case 'create':
      return state.created !== null;
    case 'signature':
      return state.signature !== null;
    case 'label':
    case 'done':
      return true;
    default:
      return assertNever(step);
  }
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'go':
      return { ...state, step: action.step };
    case 'form':
      return {
        ...state,
        form: action.form,
        jobType: action.form.kind === 's3-export' ? 'Export' : 'Import',
        inventory: state.created ? state.inventory : null,
      };
    case 'source':
      return { ...state, source: action.source, inventory: state.created ? state.inventory : null };
    case 'choose':
      return {
        ...state,
        chosen: action.chosen,
        form: { ...state.form, deviceId: action.chosen?.drive.serial ?? '' },
        inventory: null,
        erasedAcknowledged: false,
      };
    case 'drives': {
      // A chosen drive that went away (or came back as something else) is dropped, never carried over.
      const c = state.chosen;
      if (!c || state.created) return state;
      const still = action.drives.find(
        (d) =>
          d.device === c.drive.device && d.serial === c.drive.serial && d.sizeBytes === c.drive.sizeBytes,
      );
      if (still && still.blocks.length === 0 && still.mountpoints.includes(c.mountpoint)) {
        return { ...state, chosen: { drive: still, mountpoint: c.mountpoint } };
      }
      return {
        ...state,
        chosen: null,
        form: { ...state.form, deviceId: '' },
        inventory: null,
        erasedAcknowledged: false,
      };
    }
    case 'inventory':
      return { ...state, inventory: action.inventory };
    case 'acknowledge':
      return { ...state, erasedAcknowledged: action.value };
    case 'created':
      return { ...state, created: action.created };
    case 'signature':
      return { ...state, signature: action.result };
    case 'reset':
      return initialWizardState();
    default:
      return assertNever(action);
  }
}

/** Sets `deviceId` in hand-written YAML: replaces the line, or adds one at the top level. */
export function withDeviceId(text: string, deviceId: string): string {
  const quoted = /^[A-Za-z0-9._-]+$/.test(deviceId) ? deviceId : JSON.stringify(deviceId);
  if (/^deviceId\s*:.*$/m.test(text)) return text.replace(/^deviceId\s*:.*$/m, `deviceId: ${quoted}`);
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^accessKeyId\s*:/.test(l));
  lines.splice(at >= 0 ? at + 1 : 0, 0, `deviceId: ${quoted}`);
  return lines.join('\n');
}
