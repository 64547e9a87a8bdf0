import { useState } from 'react';
import type { ContractError, CreatedJob, LiveDeviceJob } from '../../../electron/shared/contract';
import type { JobType } from '../../../electron/protocol/api';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';
import type { ChosenDrive } from './wizard-state';

type Phase = 'idle' | 'validating' | 'creating';

interface CreateStepProps {
  jobType: JobType;
  manifestText: string;
  chosen: ChosenDrive;
  inventoryRunId: string | null;
  created: CreatedJob | null;
  onCreated: (created: CreatedJob) => void;
}

export function CreateStep({
  jobType,
  manifestText,
  chosen,
  inventoryRunId,
  created,
  onCreated,
}: CreateStepProps) {
  const client = useClient();
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<{ error: ContractError; during: 'validate' | 'create' } | null>(null);
  const [validateWarning, setValidateWarning] = useState<string | null>(null);
  // One device, one live job: another job for a drive that has one is the person's decision (issue 11).
  const [duplicates, setDuplicates] = useState<LiveDeviceJob[] | null>(null);

  const create = async (allowDuplicateDevice = false) => {
    setError(null);
    setDuplicates(null);
    if (!allowDuplicateDevice) {
      const live = await client.call('jobs.liveForDevice', { deviceId: chosen.drive.serial });
      if (live.ok && live.value.length > 0) {
        setDuplicates(live.value);
        return;
      }
    }
    setPhase('validating');
    // ValidateOnly first: a manifest the endpoint rejects never becomes a job.
    const v = await client.call('jobs.validate', { jobType, manifestText });
    if (!v.ok) {
      setPhase('idle');
      setError({ error: v.error, during: 'validate' });
      return;
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
      return;
    }
    onCreated(c.value);
  };

  if (created) {
    return (
      <div className="stack">
        <p className="note note-ok" role="status">
          Job <strong className="job-id">{created.jobId}</strong> was created ({created.jobType}).
        </p>
        {created.warning ? <p className="note note-warning">{created.warning}</p> : null}
        <p>Next, write its SIGNATURE file onto the drive.</p>
      </div>
    );
  }

  return (
    <div className="stack">
      <p>
        Dockhand first asks the endpoint to check the manifest without creating anything, then creates the{' '}
        {jobType.toLowerCase()} job for <strong>{chosen.drive.displayName}</strong> (serial{' '}
        <code>{chosen.drive.serial}</code>).
      </p>
      <details className="preview">
        <summary>The manifest that will be sent</summary>
        <pre className="code">{manifestText}</pre>
      </details>
      <ErrorNote
        error={error?.error ?? null}
        title={
          error?.during === 'validate'
            ? 'The endpoint did not accept the manifest'
            : 'The job was not created'
        }
      />
      {validateWarning ? <p className="note note-warning">{validateWarning}</p> : null}
      {duplicates ? (
        <div className="note note-warning" role="alert">
          <p>
            This drive already has a live job:{' '}
            {duplicates
              .map((j) => `${j.jobId} (created ${j.createdAt}, ${j.status ?? 'not checked yet'})`)
              .join(', ')}
            . One device normally goes with one job. Create another job for it anyway?
          </p>
          <button type="button" onClick={() => void create(true)}>
            Create another job for this drive
          </button>{' '}
          <button type="button" onClick={() => setDuplicates(null)}>
            Don&apos;t create
          </button>
        </div>
      ) : null}
      <div aria-live="polite">
        {phase === 'validating' ? <p>Checking the manifest with the endpoint…</p> : null}
        {phase === 'creating' ? <p>Creating the job…</p> : null}
      </div>
      <div>
        <button
          type="button"
          onClick={() => void create()}
          disabled={phase !== 'idle' || duplicates !== null}
        >
          Create job
        </button>
      </div>
    </div>
  );
}
