import { useState } from 'react';
import type {
  ContractError,
  CreatedJob,
  DriveView,
  LiveDeviceJob,
  RememberedDrive,
} from '../../../electron/shared/contract';
import type { JobType } from '../../../electron/protocol/api';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';
import { AddFilesStep } from './AddFilesStep';
import { PreflightStep } from './PreflightStep';
import { ReplugOffer } from './ReplugOffer';
import type { ChosenDrive, WizardAction, WizardState } from './wizard-state';

export type CreatePhase = 'idle' | 'validating' | 'creating';

export interface CreateRun {
  phase: CreatePhase;
  error: { error: ContractError; during: 'validate' | 'create' } | null;
  validateWarning: string | null;
  /** The drive's live jobs when it has some: another job for it is the person's decision (issue 11). */
  duplicates: LiveDeviceJob[] | null;
  dismissDuplicates(): void;
  /**
   * ValidateOnly first, then CreateJob; resolves with the job or undefined when either refused, or when the
   * drive already has a live job and `allowDuplicateDevice` was not given (then `duplicates` names it).
   */
  create(
    args: {
      jobType: JobType;
      manifestText: string;
      chosen: ChosenDrive;
      inventoryRunId: string | null;
    },
    allowDuplicateDevice?: boolean,
  ): Promise<CreatedJob | undefined>;
}

/** The Check step's primary action, held by the Wizard so its button can sit in the step's action bar. */
export function useCreateJob(): CreateRun {
  const client = useClient();
  const [phase, setPhase] = useState<CreatePhase>('idle');
  const [error, setError] = useState<CreateRun['error']>(null);
  const [validateWarning, setValidateWarning] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<LiveDeviceJob[] | null>(null);
  const create: CreateRun['create'] = async (
    { jobType, manifestText, chosen, inventoryRunId },
    allowDuplicateDevice = false,
  ) => {
    setError(null);
    setDuplicates(null);
    if (!allowDuplicateDevice) {
      const live = await client.call('jobs.liveForDevice', { deviceId: chosen.drive.serial });
      if (live.ok && live.value.length > 0) {
        setDuplicates(live.value);
        return undefined;
      }
    }
    setPhase('validating');
    // ValidateOnly first: a manifest the endpoint rejects never becomes a job.
    const v = await client.call('jobs.validate', { jobType, manifestText });
    if (!v.ok) {
      setPhase('idle');
      setError({ error: v.error, during: 'validate' });
      return undefined;
    }
    setValidateWarning(v.value.warning);
    setPhase('creating');
    const c = await client.call('jobs.create', {
      jobType,
      manifestText,
      drive: {
        device: chosen.drive.device,
        serial: chosen.drive.serial,
        sizeBytes: chosen.drive.sizeBytes,
        mountpoint: chosen.mountpoint,
      },
      ...(inventoryRunId ? { inventoryRunId } : {}),
      ...(allowDuplicateDevice ? { allowDuplicateDevice } : {}),
    });
    setPhase('idle');
    if (!c.ok) {
      setError({ error: c.error, during: 'create' });
      return undefined;
    }
    return c.value;
  };
  return {
    phase,
    error,
    validateWarning,
    duplicates,
    dismissDuplicates: () => setDuplicates(null),
    create,
  };
}

/** Preflight of the chosen drive, the erase acknowledgement, then Create (in the action bar). */
export function CheckStep({
  state,
  manifestText,
  replug,
  run,
  dispatch,
  onCreateAnother,
  onContinueJob,
}: {
  state: WizardState;
  manifestText: string;
  replug: DriveView | null;
  run: CreateRun;
  dispatch: (a: WizardAction) => void;
  onCreateAnother: () => void;
  onContinueJob: (jobId: string) => void;
}) {
  const chosen = state.chosen;
  const [copies, setCopies] = useState(0);
  const [addingFiles, setAddingFiles] = useState(false);
  if (!chosen) {
    return (
      <div className="stack">
        {state.remembered ? (
          <ReplugOffer
            remembered={state.remembered as RememberedDrive}
            candidate={replug}
            onUse={(d) =>
              dispatch({ type: 'choose', chosen: { drive: d, mountpoint: d.mountpoints[0] ?? '' } })
            }
          />
        ) : (
          <p className="note note-warning">No drive is chosen: go Back to the Device step and choose one.</p>
        )}
      </div>
    );
  }
  return (
    <div className="stack">
      {state.jobType === 'Import' ? (
        <details className="preview" onToggle={(e) => setAddingFiles(e.currentTarget.open)}>
          <summary>Add files to the drive first: copy from this computer, hashed as it writes</summary>
          {/* Mounted only when opened: nothing is listed or planned for a person who does not ask. */}
          {addingFiles ? (
            <AddFilesStep
              drive={{
                device: chosen.drive.device,
                serial: chosen.drive.serial,
                sizeBytes: chosen.drive.sizeBytes,
                mountpoint: chosen.mountpoint,
              }}
              driveName={chosen.drive.displayName}
              manifestText={manifestText}
              onDone={(outcome) => {
                // Check the drive again with the new files (their MD5s come from the copy, not a second read).
                if (outcome.mode !== 'copied') return;
                dispatch({ type: 'inventory', inventory: null });
                setCopies((n) => n + 1);
              }}
            />
          ) : null}
        </details>
      ) : null}
      <PreflightStep
        key={copies}
        chosen={chosen}
        jobType={state.jobType}
        manifestText={manifestText}
        inventory={state.inventory}
        acknowledged={state.erasedAcknowledged}
        onInventory={(inventory) => dispatch({ type: 'inventory', inventory })}
        onAcknowledge={(value) => dispatch({ type: 'acknowledge', value })}
      />
      <details className="preview">
        <summary>The manifest that will be sent</summary>
        <pre className="code">{manifestText}</pre>
      </details>
      <ErrorNote
        error={run.error?.error ?? null}
        title={
          run.error?.during === 'validate'
            ? 'The endpoint did not accept the manifest'
            : 'The job was not created'
        }
      />
      {run.validateWarning ? <p className="note note-warning">{run.validateWarning}</p> : null}
      {run.duplicates ? (
        <div className="note note-warning" role="alert">
          <p>
            This drive already has a live job:{' '}
            {run.duplicates
              .map((j) => `${j.jobId} (created ${j.createdAt}, ${j.status ?? 'not checked yet'})`)
              .join(', ')}
            . One device normally goes with one job: continue preparing that one, or create another job for it
            anyway?
          </p>
          <div className="row">
            {run.duplicates.map((j) => (
              <button key={j.jobId} type="button" onClick={() => onContinueJob(j.jobId)}>
                Continue preparing {j.jobId}
              </button>
            ))}
            <button type="button" className="button-secondary" onClick={onCreateAnother}>
              Create another job for this drive
            </button>
            <button type="button" className="button-secondary" onClick={run.dismissDuplicates}>
              Don&apos;t create
            </button>
          </div>
        </div>
      ) : null}
      <div aria-live="polite">
        {run.phase === 'validating' ? <p>Checking the manifest with the endpoint…</p> : null}
        {run.phase === 'creating' ? <p>Creating the job…</p> : null}
      </div>
      {state.inventory && state.erasedAcknowledged && !run.error ? (
        <p className="hint">
          Create asks the endpoint to check the manifest without creating anything first, then creates the{' '}
          {state.jobType.toLowerCase()} job for <strong>{chosen.drive.displayName}</strong>.
        </p>
      ) : null}
    </div>
  );
}
