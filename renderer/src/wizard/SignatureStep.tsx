import { useState } from 'react';
import type { ContractError, SignatureWriteResult } from '../../../electron/shared/contract';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';
import { ReplacedJobOffer } from '../jobs/ReplacedJobOffer';
import type { ChosenDrive } from './wizard-state';

interface SignatureStepProps {
  jobId: string;
  chosen: ChosenDrive;
  result: SignatureWriteResult | null;
  onWritten: (result: SignatureWriteResult) => void;
}

export function SignatureStep({ jobId, chosen, result, onWritten }: SignatureStepProps) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [ejected, setEjected] = useState(false);
  const identity = {
    device: chosen.drive.device,
    serial: chosen.drive.serial,
    sizeBytes: chosen.drive.sizeBytes,
    mountpoint: chosen.mountpoint,
  };

  const write = async (confirmReplace = false) => {
    setBusy(true);
    setError(null);
    const r = await client.call('signature.write', {
      jobId,
      drive: identity,
      ...(confirmReplace ? { confirmReplace } : {}),
    });
    setBusy(false);
    if (r.ok) onWritten(r.value);
    else setError(r.error);
  };

  const eject = async () => {
    setBusy(true);
    setError(null);
    const r = await client.call('device.eject', { drive: identity });
    setBusy(false);
    if (r.ok) setEjected(r.value.safeToUnplug);
    else setError(r.error);
  };

  const safe = ejected || result?.safeToUnplug === true;
  return (
    <div className="stack">
      <p>
        Dockhand checks that the drive in the slot is still <strong>{chosen.drive.displayName}</strong>{' '}
        (serial <code>{chosen.drive.serial}</code>), writes the SIGNATURE of job{' '}
        <strong className="job-id">{jobId}</strong> to its root, reads it back, then flushes and unmounts it.
      </p>
      <ErrorNote error={error} title="SIGNATURE was not written" />
      {!result ? (
        <div className="row">
          <button type="button" onClick={() => void write()} disabled={busy}>
            {busy ? 'Writing…' : 'Write SIGNATURE'}
          </button>
          {error?.code === 'OtherJobSignature' ? (
            <button type="button" className="button-danger" onClick={() => void write(true)} disabled={busy}>
              Replace the other job&apos;s SIGNATURE (kept as a backup)
            </button>
          ) : null}
        </div>
      ) : (
        <div className="stack" role="status">
          <p className="note note-ok">
            SIGNATURE written to <code>{result.path}</code> ({result.bytes} bytes) and read back correctly.
          </p>
          {result.replacedJobId ? (
            <ReplacedJobOffer
              replacedJobId={result.replacedJobId}
              jobId={jobId}
              {...(result.backupPath ? { backupPath: result.backupPath } : {})}
            />
          ) : null}
          {safe ? (
            <p className="note note-ok safe">
              <strong>Safe to unplug.</strong> Write the job ID <strong className="job-id">{jobId}</strong> on
              the drive.
            </p>
          ) : (
            <div className="note note-warning">
              <p>Not yet safe to unplug. {result.unmountProblem}</p>
              <button type="button" onClick={() => void eject()} disabled={busy}>
                Eject
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
