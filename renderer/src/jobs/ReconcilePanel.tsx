import { useCallback, useEffect, useId, useState } from 'react';
import type { ContractError, ReconciliationView } from '../../../electron/shared/contract';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';
import { formatBytes, formatDate } from '../format';
import {
  filterLabel,
  isDiscrepancy,
  OUTCOME_ORDER,
  outcomeDetail,
  outcomeLabel,
  skipsByWhy,
  skipWhyText,
  visibleOutcomes,
  type OutcomeFilter,
} from './reconcile-view';

/** A table of 100,000 rows helps no one and stalls the page; the filter and search narrow it down. */
export const MAX_ROWS_SHOWN = 500;

/**
 * After an import completes: its log report against the inventory taken before shipping, file by file. The
 * saved reconciliation is shown at once; "Fetch the log again" fetches and reconciles afresh.
 */
export function ReconcilePanel({ jobId }: { jobId: string }) {
  const client = useClient();
  const [view, setView] = useState<ReconciliationView | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<OutcomeFilter>('all');
  const [search, setSearch] = useState('');
  const ids = { filter: useId(), search: useId(), heading: useId() };

  const load = useCallback(
    async (refresh: boolean) => {
      setBusy(true);
      const r = await client.call('jobs.reconcile', { jobId, ...(refresh ? { refresh } : {}) });
      setBusy(false);
      if (r.ok) {
        setView(r.value);
        setError(null);
      } else setError(r.error);
    },
    [client, jobId],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  const filters: OutcomeFilter[] = ['all', 'discrepancies', ...OUTCOME_ORDER];
  const shown = view ? visibleOutcomes(view.outcomes, filter, search) : [];
  const skips = view ? skipsByWhy(view.outcomes) : [];

  return (
    <section className="reconcile stack" aria-labelledby={ids.heading}>
      <div className="row-between">
        <h3 id={ids.heading} className="h-small">
          Reconciliation: log report against the inventory
        </h3>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void load(true)}>
          {busy ? 'Fetching the log…' : 'Fetch the log again'}
        </button>
      </div>
      <ErrorNote error={error} title="The log could not be reconciled" />
      {busy && !view ? (
        <p role="status">Fetching the log report and comparing it with the inventory…</p>
      ) : null}
      {view ? (
        <>
          <p className={view.summary.discrepancies === 0 ? 'note note-ok' : 'note note-warning'}>
            {view.summary.discrepancies === 0
              ? `Every file is accounted for (${view.summary.total}).`
              : `${view.summary.discrepancies} of ${view.summary.total} files need a look.`}{' '}
            <span className="muted small">
              Log s3://{view.logBucket}/{view.logKey}, {view.saved ? 'saved' : 'fetched'}{' '}
              {formatDate(view.reconciledAt)}.
            </span>
          </p>
          <table className="reconcile-summary">
            <caption className="visually-hidden">Files by outcome</caption>
            <thead>
              <tr>
                <th scope="col">Outcome</th>
                <th scope="col">Files</th>
                <th scope="col">Size</th>
              </tr>
            </thead>
            <tbody>
              {OUTCOME_ORDER.map((k) => (
                <tr key={k} className={isDiscrepancy(k) && view.summary.files[k] > 0 ? 'discrepancy' : ''}>
                  <th scope="row">
                    {outcomeLabel(k)}
                    {k === 'skipped' && skips.length > 0 ? (
                      <ul className="reasons">
                        {skips.map((s) => (
                          <li key={s.why}>
                            {s.files} × {skipWhyText(s.why)}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </th>
                  <td>{view.summary.files[k]}</td>
                  <td>{formatBytes(view.summary.bytes[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="filters" role="group" aria-label="Filter files">
            <label htmlFor={ids.filter}>Show</label>
            <select
              id={ids.filter}
              value={filter}
              onChange={(e) => setFilter(e.target.value as OutcomeFilter)}
            >
              {filters.map((f) => (
                <option key={f} value={f}>
                  {filterLabel(f)}
                </option>
              ))}
            </select>
            <label htmlFor={ids.search}>File</label>
            <input
              id={ids.search}
              type="search"
              placeholder="Path contains…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          {shown.length === 0 ? <p className="muted">No files match.</p> : null}
          {shown.length > 0 ? (
            <table className="jobs reconcile-files">
              <caption className="visually-hidden">Files, discrepancies first</caption>
              <colgroup>
                <col className="col-file" />
                <col className="col-outcome" />
                <col className="col-size" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Size</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, MAX_ROWS_SHOWN).map((o, i) => (
                  <tr key={`${o.kind}:${o.path}:${i}`} className={isDiscrepancy(o.kind) ? 'discrepancy' : ''}>
                    <th scope="row" className="path">
                      {o.path}
                    </th>
                    <td>
                      <strong>{outcomeLabel(o.kind)}</strong>
                      <span className="outcome-detail">{outcomeDetail(o)}</span>
                    </td>
                    <td>{formatBytes(o.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {shown.length > MAX_ROWS_SHOWN ? (
            <p className="muted small">
              Showing the first {MAX_ROWS_SHOWN} of {shown.length} files; narrow them with Show or File.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
