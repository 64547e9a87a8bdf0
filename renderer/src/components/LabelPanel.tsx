import { useEffect, useId, useState } from 'react';
import type { ContractError, LabelFetched, Printer } from '../../../electron/shared/contract';
import type { ReturnAddress } from '../../../electron/protocol/manifest/types';
import { useClient } from '../client/client-context';
import { ErrorNote } from './ErrorNote';

function pdfBlobUrl(base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/** Fetch, preview, print and save one job's shipping label; used by the wizard and the dashboard. */
export function LabelPanel({
  jobId,
  returnAddress,
  onLabel,
  onPrinted,
  onSaved,
  quiet,
}: {
  jobId: string;
  returnAddress?: ReturnAddress;
  /** Called once a label has been fetched (the journal now records it). */
  onLabel?: () => void;
  onPrinted?: (printer: string) => void;
  onSaved?: (path: string) => void;
  /** Not this screen's primary action yet: its first button is drawn as a secondary one. */
  quiet?: boolean;
}) {
  const client = useClient();
  const [label, setLabel] = useState<LabelFetched | null>(null);
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  const [printers, setPrinters] = useState<Printer[] | null>(null);
  const [printer, setPrinter] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const printerId = useId();

  useEffect(() => {
    let live = true;
    void Promise.all([client.call('printers.list', {}), client.call('settings.get', {})]).then(([p, s]) => {
      if (!live) return;
      if (p.ok) {
        setPrinters(p.value);
        const remembered = s.ok ? s.value.printer : undefined;
        const pick =
          p.value.find((x) => x.name === remembered) ?? p.value.find((x) => x.isDefault) ?? p.value[0];
        setPrinter(pick?.name ?? '');
      } else setPrinters([]);
    });
    return () => {
      live = false;
    };
  }, [client]);

  useEffect(() => () => (blobUrl ? URL.revokeObjectURL(blobUrl) : undefined), [blobUrl]);

  const fetchLabel = async () => {
    setBusy(true);
    setError(null);
    const r = await client.call('labels.fetch', { jobId, ...(returnAddress ? { returnAddress } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setLabel(r.value);
    setBlobUrl(pdfBlobUrl(r.value.pdfBase64));
    onLabel?.();
  };

  const print = async () => {
    setBusy(true);
    setError(null);
    const r = await client.call('labels.print', { jobId, printer });
    setBusy(false);
    if (r.ok) {
      setMessage(`Sent to ${printer}${r.value.printJobId ? ` (print job ${r.value.printJobId})` : ''}.`);
      onPrinted?.(printer);
    } else setError(r.error);
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    const r = await client.call('labels.save', { jobId });
    setBusy(false);
    if (r.ok) {
      setMessage(`Saved as ${r.value.path}.`);
      onSaved?.(r.value.path);
    } else setError(r.error);
  };

  return (
    <div className="stack">
      <ErrorNote error={error} title="Label problem" />
      {error?.code === 'InvalidAddressException' ? (
        <p className="hint">
          The label uses your remembered return address: correct it in Settings, then try again.
        </p>
      ) : null}
      {!label ? (
        <div>
          <button
            type="button"
            className={quiet ? 'button-secondary' : undefined}
            onClick={() => void fetchLabel()}
            disabled={busy}
          >
            {busy ? 'Getting the label…' : 'Get shipping label'}
          </button>
        </div>
      ) : (
        <>
          {label.warning ? <p className="note note-warning">{label.warning}</p> : null}
          {blobUrl ? (
            <iframe className="label-preview" title={`Shipping label for job ${jobId}`} src={blobUrl} />
          ) : null}
          <div className="row">
            {printers && printers.length > 0 ? (
              <>
                <label htmlFor={printerId}>Printer</label>
                <select id={printerId} value={printer} onChange={(e) => setPrinter(e.target.value)}>
                  {printers.map((p) => (
                    <option key={p.name} value={p.name}>
                      {p.name}
                      {p.isDefault ? ' (default)' : ''}
                    </option>
                  ))}
                </select>
                <button type="button" onClick={() => void print()} disabled={busy || !printer}>
                  Print
                </button>
              </>
            ) : (
              <span className="muted">No printer found; save the PDF and print it elsewhere.</span>
            )}
            <button type="button" className="button-secondary" onClick={() => void save()} disabled={busy}>
              Save as PDF
            </button>
            {blobUrl ? (
              <a
                className="button-secondary button-like"
                href={blobUrl}
                download={`dockhand-label-${jobId}.pdf`}
              >
                Download PDF
              </a>
            ) : null}
          </div>
          {message ? (
            <p className="note note-ok" role="status">
              {message}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
