import { useEffect, useState } from 'react';
import { useClient } from '../client/client-context';
import { formatBytes, formatDate, relativeDays } from '../format';
import { driveName, type WizardState } from './wizard-state';

/** The closing summary: what is on the drive, the label, and the date the device must reach AWS by. */
export function DoneSummary({
  state,
  onOpenJobs,
  onAnother,
}: {
  state: WizardState;
  onOpenJobs: () => void;
  onAnother: () => void;
}) {
  const client = useClient();
  const jobId = state.created?.jobId ?? '';
  const [expires, setExpires] = useState<string | null>(null);
  useEffect(() => {
    if (!jobId) return;
    let live = true;
    void client.call('jobs.status', { jobId }).then((r) => {
      if (live && r.ok) setExpires(r.value.expiresAt);
    });
    return () => {
      live = false;
    };
  }, [client, jobId]);
  const inv = state.inventory;
  const drive = state.chosen?.drive ?? state.remembered;
  const label = state.label;
  return (
    <div className="stack">
      <p className="note note-ok" role="status">
        Job <strong className="job-id">{jobId}</strong> is ready to ship. Dockhand follows its status and
        tells you when it changes.
      </p>
      <dl className="facts">
        <div>
          <dt>Device</dt>
          <dd>{drive ? `${driveName(drive)}, serial ${drive.serial}` : '—'}</dd>
        </div>
        <div>
          <dt>Files</dt>
          <dd>
            {inv
              ? `${inv.importedFiles} of ${inv.files} files (${formatBytes(inv.importedBytes)}) will be imported`
              : 'The inventory is in the journal (taken in Preflight)'}
          </dd>
        </div>
        <div>
          <dt>SIGNATURE</dt>
          <dd>{state.signature ? 'Written and read back' : '—'}</dd>
        </div>
        <div>
          <dt>Label</dt>
          <dd>
            {label?.printedTo ? `Printed on ${label.printedTo}` : ''}
            {label?.printedTo && label.savedPath ? '; ' : ''}
            {label?.savedPath ? `saved as ${label.savedPath}` : ''}
          </dd>
        </div>
        <div>
          <dt>Ship by</dt>
          <dd>
            {expires
              ? `${formatDate(expires)} (${relativeDays(expires)}): the job expires if the device has not reached AWS by then`
              : 'Within 30 days of creating the job'}
          </dd>
        </div>
      </dl>
      <div className="row">
        <button type="button" onClick={onOpenJobs}>
          Open the Jobs dashboard
        </button>
        <button type="button" className="button-secondary" onClick={onAnother}>
          Prepare another device
        </button>
      </div>
    </div>
  );
}
