import { useEffect, useId, useState } from 'react';
import type { ContractError, DriveView } from '../../../electron/shared/contract';
import type { JobKind } from '../../../electron/protocol/manifest/types';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';
import { formatBytes } from '../format';
import type { ChosenDrive } from './wizard-state';

interface DeviceStepProps {
  jobKind: JobKind;
  chosen: ChosenDrive | null;
  onChoose: (chosen: ChosenDrive | null) => void;
  onDrives: (drives: DriveView[]) => void;
}

/** What the person must type to choose a drive that already holds something: its label, else its serial. */
export function confirmationWord(drive: DriveView): string {
  return drive.label.trim() || drive.serial;
}

export function needsConfirmation(drive: DriveView): boolean {
  return drive.hasFiles || drive.signatureJobId !== null;
}

export function DeviceStep({ jobKind, chosen, onChoose, onDrives }: DeviceStepProps) {
  const client = useClient();
  const [drives, setDrives] = useState<DriveView[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [pending, setPending] = useState<DriveView | null>(null);
  const [typed, setTyped] = useState('');
  const groupName = useId();
  const confirmId = useId();

  useEffect(() => {
    let live = true;
    const off = client.on('drives.changed', (list) => {
      if (!live) return;
      setDrives(list);
      onDrives(list);
      setPending((p) => (p && list.some((d) => d.device === p.device && d.serial === p.serial) ? p : null));
    });
    void client.call('drives.list', { jobKind }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setDrives(r.value);
        onDrives(r.value);
      } else setError(r.error);
    });
    return () => {
      live = false;
      off();
    };
  }, [client, jobKind, onDrives]);

  const pick = (drive: DriveView) => {
    setTyped('');
    if (needsConfirmation(drive)) {
      setPending(drive);
      onChoose(null);
      return;
    }
    setPending(null);
    onChoose({ drive, mountpoint: drive.mountpoints[0] ?? '' });
  };

  const confirmed = pending !== null && typed.trim() === confirmationWord(pending);

  return (
    <div className="stack">
      <p>
        Plug in the device to prepare. Drives that cannot be used stay listed, greyed, with the reason.
        Nothing is chosen until you choose it.
      </p>
      <ErrorNote error={error} title="The drive list is not available" />
      {drives === null && !error ? <p aria-live="polite">Looking for drives…</p> : null}
      {drives !== null && drives.length === 0 ? (
        <p className="note">No drives found. Plug one in; it appears here within a second.</p>
      ) : null}
      {drives !== null && drives.length > 0 ? (
        <fieldset className="drive-list">
          <legend>Drives on this machine</legend>
          {drives.map((d) => {
            const disabled = d.blocks.length > 0;
            const selected =
              (chosen?.drive.device === d.device && chosen.drive.serial === d.serial) ||
              pending?.device === d.device;
            const reasonsId = `${groupName}-${d.device.replace(/\W/g, '_')}-why`;
            return (
              <label
                key={d.device}
                className={`drive${disabled ? ' drive-disabled' : ''}${selected ? ' drive-selected' : ''}`}
              >
                <input
                  type="radio"
                  name={groupName}
                  disabled={disabled}
                  checked={selected}
                  aria-describedby={disabled ? reasonsId : undefined}
                  onChange={() => pick(d)}
                />
                <span className="drive-body">
                  <span className="drive-name">
                    {d.displayName}{' '}
                    {/* The display name often already carries the model ("0x1af4 (/dev/vda)"): say it once. */}
                    {d.model && !d.displayName.includes(d.model) ? (
                      <span className="muted">{d.model}</span>
                    ) : null}
                  </span>
                  <span className="drive-facts">
                    <span>{formatBytes(d.sizeBytes)}</span>
                    <span>{d.bus}</span>
                    <span>Serial {d.serial}</span>
                    <span>{d.fileSystem || 'no file system'}</span>
                    <span>{d.mountpoints.length > 0 ? d.mountpoints.join(', ') : 'not mounted'}</span>
                    <span>{d.usedBytes === null ? 'used: unknown' : `${formatBytes(d.usedBytes)} used`}</span>
                  </span>
                  {disabled ? (
                    <span className="drive-why" id={reasonsId}>
                      {/* One reason per line; spans, because a label may hold phrasing content only. */}
                      {d.blocks.map((b) => (
                        <span key={b.code} className="drive-reason">
                          {b.sentence}
                        </span>
                      ))}
                    </span>
                  ) : null}
                  {!disabled && d.signatureJobId ? (
                    <span className="drive-warn">Holds the SIGNATURE of job {d.signatureJobId}.</span>
                  ) : null}
                  {!disabled && d.hasFiles && !d.signatureJobId ? (
                    <span className="drive-warn">Already holds files.</span>
                  ) : null}
                </span>
              </label>
            );
          })}
        </fieldset>
      ) : null}

      {pending ? (
        <div className="note note-warning" role="group" aria-labelledby={`${confirmId}-title`}>
          <p id={`${confirmId}-title`}>
            <strong>{pending.displayName}</strong>{' '}
            {pending.signatureJobId
              ? `holds the SIGNATURE of another job (${pending.signatureJobId}).`
              : 'already holds files.'}{' '}
            To use it anyway, type <code>{confirmationWord(pending)}</code>.
          </p>
          <div className="field">
            <label htmlFor={confirmId}>
              Type {pending.label.trim() ? 'the drive label' : 'the serial number'} to confirm
            </label>
            <input
              id={confirmId}
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
          <button
            type="button"
            disabled={!confirmed}
            onClick={() => {
              onChoose({ drive: pending, mountpoint: pending.mountpoints[0] ?? '' });
              setPending(null);
            }}
          >
            Use this drive
          </button>
        </div>
      ) : null}

      {chosen ? (
        <p className="note note-ok" role="status">
          Chosen: <strong>{chosen.drive.displayName}</strong>, serial <code>{chosen.drive.serial}</code>,
          mounted at <code>{chosen.mountpoint}</code>.
        </p>
      ) : null}
    </div>
  );
}
