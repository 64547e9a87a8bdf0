import { useState } from 'react';
import type { ContractError } from '../../../electron/shared/contract';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';

interface ReplacedJobOfferProps {
  /** The job whose SIGNATURE was on the drive before. */
  replacedJobId: string;
  /** The job the drive carries now. */
  jobId: string;
  /** Where the old SIGNATURE is kept on this computer. */
  backupPath?: string;
  onCanceled?: (jobId: string) => void;
}

/**
 * After another job's SIGNATURE was replaced: the drive is this job's now, so the old job will not ship on
 * it. Say where its SIGNATURE is kept (this computer, never the drive) and offer to cancel it, naming it.
 */
export function ReplacedJobOffer({ replacedJobId, jobId, backupPath, onCanceled }: ReplacedJobOfferProps) {
  const client = useClient();
  const [state, setState] = useState<'asking' | 'busy' | 'canceled' | 'kept'>('asking');
  const [error, setError] = useState<ContractError | null>(null);
  const known = replacedJobId !== 'UNKNOWN';

  const cancel = async () => {
    setState('busy');
    setError(null);
    const r = await client.call('jobs.cancel', { jobId: replacedJobId });
    if (r.ok) {
      setState('canceled');
      onCanceled?.(replacedJobId);
    } else {
      setState('asking');
      setError(r.error);
    }
  };

  return (
    <div className="note note-warning stack replaced-job" role="group" aria-label="The replaced job">
      <p>
        The drive carried the SIGNATURE of{' '}
        {known ? (
          <>
            job <strong className="job-id">{replacedJobId}</strong>
          </>
        ) : (
          'another job'
        )}
        ; it now carries job <strong className="job-id">{jobId}</strong>.
        {backupPath ? (
          <>
            {' '}
            The old SIGNATURE is kept on this computer at <code>{backupPath}</code>, not on the drive.
          </>
        ) : null}
      </p>
      <ErrorNote error={error} title={`Job ${replacedJobId} was not cancelled`} />
      {known && (state === 'asking' || state === 'busy') ? (
        <>
          <p>
            Job <strong className="job-id">{replacedJobId}</strong> will not ship on this drive. Cancel it?
          </p>
          <div className="row">
            <button
              type="button"
              className="button-secondary"
              disabled={state === 'busy'}
              onClick={() => void cancel()}
            >
              {state === 'busy' ? 'Cancelling…' : `Cancel job ${replacedJobId}`}
            </button>
            <button
              type="button"
              className="button-link"
              disabled={state === 'busy'}
              onClick={() => setState('kept')}
            >
              Keep job {replacedJobId}
            </button>
          </div>
        </>
      ) : null}
      {state === 'canceled' ? <p role="status">Job {replacedJobId} is cancelled.</p> : null}
      {state === 'kept' ? (
        <p role="status">
          Job {replacedJobId} stays open; it needs another drive with its SIGNATURE before it can ship.
        </p>
      ) : null}
    </div>
  );
}
