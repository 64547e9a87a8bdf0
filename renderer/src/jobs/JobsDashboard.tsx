import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ContractError, DriveView, JobDetail, JobRow } from '../../../electron/shared/contract';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';
import { LabelPanel } from '../components/LabelPanel';
import { formatDate, relativeDays } from '../format';
import { ReconcilePanel } from './ReconcilePanel';
import { UpdateManifest } from './UpdateManifest';
import { filterJobs, filterLabel, JOB_FILTERS, statusText, type JobFilter } from './job-filters';

export function JobsDashboard() {
  const client = useClient();
  const [rows, setRows] = useState<JobRow[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [filter, setFilter] = useState<JobFilter>('all');
  const [type, setType] = useState<'any' | 'Import' | 'Export'>('any');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [changed, setChanged] = useState(0);
  const ids = { search: useId(), type: useId() };

  const refresh = useCallback(async () => {
    const r = await client.call('jobs.list', {});
    if (r.ok) {
      setRows(r.value);
      setError(null);
    } else setError(r.error);
  }, [client]);

  useEffect(() => {
    void refresh();
    return client.on('jobs.changed', () => {
      setChanged((n) => n + 1);
      void refresh();
    });
  }, [client, refresh]);

  const shown = rows ? filterJobs(rows, filter, type, search) : [];
  return (
    <div className="dashboard">
      <section className="panel" aria-labelledby="jobs-heading">
        <div className="row-between">
          <h2 id="jobs-heading">Jobs</h2>
          <button type="button" className="button-secondary" onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
        <ErrorNote error={error} title="Jobs could not be listed" />
        <div className="filters" role="group" aria-label="Filter jobs">
          <div className="segmented" role="radiogroup" aria-label="Status">
            {JOB_FILTERS.map((f) => (
              <button
                key={f}
                type="button"
                role="radio"
                aria-checked={filter === f}
                className={filter === f ? 'on' : ''}
                onClick={() => setFilter(f)}
              >
                {filterLabel(f)}
              </button>
            ))}
          </div>
          <label htmlFor={ids.type}>Type</label>
          <select
            id={ids.type}
            value={type}
            onChange={(e) => setType(e.target.value as 'any' | 'Import' | 'Export')}
          >
            <option value="any">Any</option>
            <option value="Import">Import</option>
            <option value="Export">Export</option>
          </select>
          <label htmlFor={ids.search}>Search</label>
          <input
            id={ids.search}
            type="search"
            placeholder="Job ID or serial"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        {rows === null && !error ? <p>Loading jobs…</p> : null}
        {rows !== null && shown.length === 0 ? <p className="muted">No jobs match.</p> : null}
        {shown.length > 0 ? (
          <table className="jobs">
            <caption className="visually-hidden">Jobs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Job ID</th>
                <th scope="col">Type</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">Drive</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.jobId} className={selected === r.jobId ? 'selected' : ''}>
                  <th scope="row">
                    <button
                      type="button"
                      className="button-link job-id"
                      aria-pressed={selected === r.jobId}
                      onClick={() => setSelected(r.jobId)}
                    >
                      {r.jobId}
                    </button>
                  </th>
                  <td>{r.jobType}</td>
                  <td>{formatDate(r.createdAt)}</td>
                  <td>{statusText(r)}</td>
                  <td>{r.drive?.serial ?? <span className="muted">not on this machine</span>}</td>
                  <td>{r.expiresAt ? relativeDays(r.expiresAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {selected ? (
        <JobPanel key={`${selected}-${changed}`} jobId={selected} onChanged={() => void refresh()} />
      ) : null}
    </div>
  );
}

function JobPanel({ jobId, onChanged }: { jobId: string; onChanged: () => void }) {
  const client = useClient();
  const [detail, setDetail] = useState<JobDetail | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [showLabel, setShowLabel] = useState(false);
  const [rewrite, setRewrite] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    const r = await client.call('jobs.status', { jobId });
    if (r.ok) setDetail(r.value);
    else setError(r.error);
  }, [client, jobId]);

  useEffect(() => {
    void load();
    heading.current?.focus();
  }, [load]);

  const cancel = async () => {
    const r = await client.call('jobs.cancel', { jobId });
    setConfirmCancel(false);
    if (!r.ok) return setError(r.error);
    await load();
    onChanged();
  };

  const rewriteSignature = async () => {
    setRewrite(null);
    setError(null);
    const list = await client.call('drives.list', {});
    if (!list.ok) return setError(list.error);
    const serial = detail?.drive?.serial;
    const drive: DriveView | undefined = list.value.find((d) => d.serial === serial);
    if (!drive || !drive.mountpoints[0]) {
      return setError({
        code: 'DriveNotFound',
        message: `The drive with serial ${serial ?? '(unknown)'} is not plugged in and mounted; plug it in and try again.`,
      });
    }
    const r = await client.call('signature.write', {
      jobId,
      drive: {
        device: drive.device,
        serial: drive.serial,
        sizeBytes: drive.sizeBytes,
        mountpoint: drive.mountpoints[0],
      },
    });
    if (!r.ok) return setError(r.error);
    setRewrite(
      r.value.safeToUnplug
        ? 'SIGNATURE rewritten and verified. Safe to unplug.'
        : `SIGNATURE rewritten. ${r.value.unmountProblem ?? ''}`,
    );
    onChanged();
  };

  return (
    <section className="panel job-panel" aria-labelledby="job-heading">
      <h2 id="job-heading" ref={heading} tabIndex={-1}>
        Job <span className="job-id">{jobId}</span>
      </h2>
      <ErrorNote error={error} />
      {!detail && !error ? <p>Loading…</p> : null}
      {detail ? (
        <div className="stack">
          <p>
            {detail.locationMessage} {detail.progressMessage}
          </p>
          {detail.location === 'Returned' && detail.trackingNumber ? (
            <p className="note note-ok">
              Returned by {detail.carrier ?? 'the carrier'}, tracking number{' '}
              <code>{detail.trackingNumber}</code>
              {detail.trackingUrl ? (
                <>
                  {' — '}
                  <a href={detail.trackingUrl} target="_blank" rel="noreferrer noopener">
                    track the parcel
                  </a>
                </>
              ) : null}
              .
            </p>
          ) : null}
          <dl className="facts">
            <div>
              <dt>Created</dt>
              <dd>{formatDate(detail.createdAt)}</dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>
                {detail.expiresAt
                  ? `${formatDate(detail.expiresAt)} (${relativeDays(detail.expiresAt)}) unless the device reaches AWS`
                  : 'No longer applies'}
              </dd>
            </div>
            <div>
              <dt>Update or cancel</dt>
              <dd>
                {detail.canUpdateOrCancel ? 'Possible until the transfer starts' : 'No longer possible'}
              </dd>
            </div>
            <div>
              <dt>SIGNATURE written</dt>
              <dd>{formatDate(detail.signatureWrittenAt)}</dd>
            </div>
            <div>
              <dt>Label</dt>
              <dd>{formatDate(detail.labelAt)}</dd>
            </div>
          </dl>
          {detail.local &&
          detail.jobType === 'Import' &&
          (detail.progress === 'Complete' || detail.progress === 'SuccessWithErrors') ? (
            <ReconcilePanel jobId={jobId} />
          ) : null}
          <h3 className="h-small">Timeline</h3>
          <ol className="timeline">
            {detail.timeline.map((t, i) => (
              <li key={i}>
                <time dateTime={t.at}>{formatDate(t.at)}</time> <span>{t.message}</span>
              </li>
            ))}
          </ol>
          <div className="row">
            {detail.canUpdateOrCancel && !editing ? (
              <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                Update manifest…
              </button>
            ) : null}
            {detail.canUpdateOrCancel ? (
              confirmCancel ? (
                <span className="row">
                  <span>Cancel job {jobId}? This cannot be undone.</span>
                  <button type="button" className="button-danger" onClick={() => void cancel()}>
                    Yes, cancel the job
                  </button>
                  <button type="button" className="button-secondary" onClick={() => setConfirmCancel(false)}>
                    Keep it
                  </button>
                </span>
              ) : (
                <button type="button" className="button-secondary" onClick={() => setConfirmCancel(true)}>
                  Cancel job…
                </button>
              )
            ) : null}
            {!detail.isCanceled && detail.location !== 'Returned' ? (
              <>
                <button type="button" className="button-secondary" onClick={() => setShowLabel(true)}>
                  {detail.labelAt ? 'Reprint label' : 'Get label'}
                </button>
                {detail.local ? (
                  <button type="button" className="button-secondary" onClick={() => void rewriteSignature()}>
                    Rewrite SIGNATURE
                  </button>
                ) : null}
              </>
            ) : null}
          </div>
          {rewrite ? (
            <p className="note note-ok" role="status">
              {rewrite}
            </p>
          ) : null}
          {editing && detail.canUpdateOrCancel ? (
            <UpdateManifest
              jobId={jobId}
              jobType={detail.jobType}
              manifest={detail.manifest}
              onDone={(message) => {
                setEditing(false);
                setRewrite(message);
                void load();
              }}
            />
          ) : null}
          {showLabel ? <LabelPanel jobId={jobId} onLabel={() => void load()} /> : null}
        </div>
      ) : null}
    </section>
  );
}
