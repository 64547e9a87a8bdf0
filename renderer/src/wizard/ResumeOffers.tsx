import { useEffect, useState } from 'react';
import type { DraftList } from '../../../electron/shared/contract';
import { useClient } from '../client/client-context';
import { formatDate } from '../format';
import { isWizardStep, stepTitle } from './wizard-state';

/**
 * On a fresh preparation: the ones left unfinished (other tabs, before a restart) and jobs created but not
 * yet ready to ship, each with "Continue". Nothing is resumed without the person choosing it, so a second
 * tab preparing another drive starts clean.
 */
export function ResumeOffers({
  currentDraftId,
  onContinueDraft,
  onContinueJob,
}: {
  currentDraftId: string;
  onContinueDraft: (draftId: string) => void;
  onContinueJob: (jobId: string) => void;
}) {
  const client = useClient();
  const [list, setList] = useState<DraftList | null>(null);
  useEffect(() => {
    let live = true;
    void client.call('drafts.list', {}).then((r) => {
      if (live && r.ok) setList(r.value);
    });
    return () => {
      live = false;
    };
  }, [client]);
  if (!list) return null;
  const drafts = list.drafts.filter((d) => d.draftId !== currentDraftId);
  const drafted = new Set(drafts.map((d) => d.jobId).filter(Boolean));
  const jobs = list.unfinishedJobs.filter((j) => !drafted.has(j.jobId));
  if (drafts.length === 0 && jobs.length === 0) return null;
  return (
    <section className="resume note" aria-labelledby="resume-title">
      <h3 id="resume-title" className="h-small">
        Unfinished preparations
      </h3>
      <ul className="resume-list">
        {drafts.map((d) => (
          <li key={d.draftId}>
            <span>
              {d.jobId ? (
                <>
                  Job <strong className="job-id">{d.jobId}</strong>
                </>
              ) : (
                (d.bucket ?? 'A new job')
              )}
              {d.driveName ? ` on ${d.driveName}` : ''} — {isWizardStep(d.step) ? stepTitle(d.step) : d.step},{' '}
              <span className="muted">saved {formatDate(d.updatedAt)}</span>
            </span>
            <button type="button" className="button-secondary" onClick={() => onContinueDraft(d.draftId)}>
              {d.jobId ? `Continue preparing ${d.jobId}` : 'Continue'}
            </button>
          </li>
        ))}
        {jobs.map((j) => (
          <li key={j.jobId}>
            <span>
              Job <strong className="job-id">{j.jobId}</strong> needs{' '}
              {[!j.signatureWritten ? 'its SIGNATURE' : '', !j.labelFetched ? 'its label' : '']
                .filter(Boolean)
                .join(' and ')}
              , <span className="muted">created {formatDate(j.createdAt)}</span>
            </span>
            <button type="button" className="button-secondary" onClick={() => onContinueJob(j.jobId)}>
              Continue preparing {j.jobId}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
