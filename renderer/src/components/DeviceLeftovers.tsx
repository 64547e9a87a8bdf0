import { useState } from 'react';
import type { ContractError, DriveIdentity, InventorySummary } from '../../../electron/shared/contract';
import { useClient } from '../client/client-context';
import { formatBytes } from '../format';
import { ErrorNote } from './ErrorNote';

type Leftover = NonNullable<InventorySummary['leftovers']>[number];

/** How many leftovers are named one by one; the rest are counted. */
const LEFTOVERS_LISTED = 20;

/**
 * Preflight's block for files of Dockhand's own on the drive that are not this job's SIGNATURE: they would
 * be imported into the bucket with the person's files. Removing them touches nothing else (the privileged
 * side re-checks every name); the check then runs again so the inventory matches the drive.
 */
export function DeviceLeftovers({
  drive,
  leftovers,
  onRemoved,
}: {
  drive: DriveIdentity;
  leftovers: readonly Leftover[];
  onRemoved: () => void;
}) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [kept, setKept] = useState<Array<{ path: string; reason: string }>>([]);
  if (leftovers.length === 0) return null;

  const remove = async () => {
    setBusy(true);
    setError(null);
    const r = await client.call('device.removeLeftovers', { drive, paths: leftovers.map((l) => l.path) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setKept(r.value.kept);
    if (r.value.removed.length > 0) onRemoved();
  };

  return (
    <section className="note note-warning stack leftovers" aria-labelledby="leftovers-heading">
      <h3 id="leftovers-heading" className="h-small">
        {leftovers.length === 1
          ? "1 file of Dockhand's own is on the drive"
          : `${leftovers.length} files of Dockhand's own are on the drive`}
      </h3>
      <p>
        Only this job&apos;s SIGNATURE belongs on the drive. These would be imported into your bucket with
        your files:
      </p>
      <ul>
        {leftovers.slice(0, LEFTOVERS_LISTED).map((l) => (
          <li key={l.path}>
            <code>{l.path}</code> ({formatBytes(l.bytes)}): {l.description}
          </li>
        ))}
      </ul>
      {leftovers.length > LEFTOVERS_LISTED ? (
        <p className="muted">…and {leftovers.length - LEFTOVERS_LISTED} more.</p>
      ) : null}
      <ErrorNote error={error} title="The files were not removed" />
      {kept.length > 0 ? (
        <ul>
          {kept.map((k) => (
            <li key={k.path}>
              <code>{k.path}</code> was kept: {k.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void remove()}>
          {busy
            ? 'Removing…'
            : leftovers.length === 1
              ? 'Remove it'
              : `Remove these ${leftovers.length} files`}
        </button>
      </div>
    </section>
  );
}
