import { useEffect, useId, useState } from 'react';
import type { ContractError, LintResult } from '../../../electron/shared/contract';
import type { JobType } from '../../../electron/protocol/api';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';
import { IssueList } from '../wizard/JobStep';
import { LINT_DEBOUNCE_MS } from '../wizard/Wizard';

/** Edit a job's manifest before its transfer starts: linted as typed, checked with ValidateOnly, then sent. */
export function UpdateManifest({
  jobId,
  jobType,
  manifest,
  onDone,
}: {
  jobId: string;
  jobType: JobType;
  manifest: string;
  onDone: (message: string) => void;
}) {
  const client = useClient();
  const [text, setText] = useState(manifest);
  const [lint, setLint] = useState<LintResult | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      void client.call('manifest.lint', { text, jobType }).then((r) => live && r.ok && setLint(r.value));
    }, LINT_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, text, jobType]);

  const send = async () => {
    setBusy(true);
    setError(null);
    const check = await client.call('jobs.update', {
      jobId,
      jobType,
      manifestText: text,
      validateOnly: true,
    });
    if (!check.ok) {
      setBusy(false);
      return setError(check.error);
    }
    const r = await client.call('jobs.update', { jobId, jobType, manifestText: text, validateOnly: false });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value.warning ? `Manifest updated. ${r.value.warning}` : 'Manifest updated.');
  };

  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={id}>Manifest of job {jobId} (YAML)</label>
        <textarea
          id={id}
          className="yaml"
          rows={12}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <IssueList issues={lint?.issues ?? []} valid={lint?.valid ?? false} />
      <ErrorNote error={error} title="The manifest was not updated" />
      <div>
        <button type="button" onClick={() => void send()} disabled={busy || !(lint?.valid ?? false)}>
          {busy ? 'Updating…' : 'Check and update'}
        </button>
      </div>
    </div>
  );
}
