import type { DriveView, RememberedDrive } from '../../../electron/shared/contract';
import { driveName } from './wizard-state';

/**
 * The chosen drive went away. Said on the same screen, with what to do; when the same drive (serial, size,
 * label) is back under another device name it is offered — the person says yes, nothing is carried over
 * silently — the way Etcher and Raspberry Pi Imager recover.
 */
export function ReplugOffer({
  remembered,
  candidate,
  onUse,
}: {
  remembered: RememberedDrive;
  candidate: DriveView | null;
  onUse: (drive: DriveView) => void;
}) {
  const name = driveName(remembered);
  if (candidate) {
    return (
      <div className="note note-ok replug" role="status">
        <p>
          <strong>{name}</strong> is back as <code>{candidate.device}</code>
          {candidate.mountpoints[0] ? (
            <>
              {' '}
              (mounted at <code>{candidate.mountpoints[0]}</code>)
            </>
          ) : null}{' '}
          — use it?
        </p>
        <p className="hint">
          Same serial <code>{candidate.serial}</code>, size and label as the drive you chose.
        </p>
        <button type="button" onClick={() => onUse(candidate)}>
          Use {name} at {candidate.device}
        </button>
      </div>
    );
  }
  return (
    <div className="note note-warning replug" role="status">
      <p>
        <strong>{name}</strong> ({remembered.device}, serial <code>{remembered.serial}</code>) is not
        connected or not mounted any more. Plug it back in and mount it: Dockhand offers it here as soon as it
        appears, even under another device name.
      </p>
    </div>
  );
}
