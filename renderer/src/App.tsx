import { useEffect, useState } from 'react';
import type { AppInfo } from '../../electron/shared/contract';
import { useClient } from './client/client-context';
import {
  askForNotifications,
  notificationAccess,
  type NotificationAccess,
} from './components/job-notifications';
import { JobToasts } from './components/JobToasts';
import { JobsDashboard } from './jobs/JobsDashboard';
import { SettingsPage } from './settings/SettingsPage';
import { assertNever } from './wizard/wizard-state';
import { Wizard } from './wizard/Wizard';

export type Page = 'wizard' | 'jobs' | 'settings';

function pageTitle(page: Page): string {
  switch (page) {
    case 'wizard':
      return 'Prepare a device';
    case 'jobs':
      return 'Jobs';
    case 'settings':
      return 'Settings';
    default:
      return assertNever(page);
  }
}

const PAGES: readonly Page[] = ['wizard', 'jobs', 'settings'];

export function App() {
  const client = useClient();
  const [page, setPage] = useState<Page>('wizard');
  // The dashboard's "Continue preparing JOBID": the wizard opens that job's preparation, then clears this.
  const [resumeJobId, setResumeJobId] = useState<string | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [access, setAccess] = useState<NotificationAccess>(notificationAccess);
  const host = info?.host;

  useEffect(() => {
    void client.call('app.info', {}).then((r) => r.ok && setInfo(r.value));
  }, [client, page]);

  useEffect(() => {
    document.title = `${pageTitle(page)} — Dockhand`;
  }, [page]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <h1 className="brand">Dockhand</h1>
        <nav aria-label="Main">
          <ul className="tabs">
            {PAGES.map((p) => (
              <li key={p}>
                <button
                  type="button"
                  className={page === p ? 'tab on' : 'tab'}
                  aria-current={page === p ? 'page' : undefined}
                  onClick={() => setPage(p)}
                >
                  {pageTitle(p)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {host === 'station' && access === 'default' ? (
          <button
            type="button"
            className="button-link"
            onClick={() => void askForNotifications().then(setAccess)}
          >
            Turn on desktop notifications
          </button>
        ) : null}
        <span className="endpoint" title={info?.endpointUrl}>
          {info?.localTestEndpoint ? (
            <span className="badge badge-test">Local test endpoint</span>
          ) : info?.endpointUrl ? (
            <code>{info.endpointUrl}</code>
          ) : null}
        </span>
      </header>
      <JobToasts host={host} />
      <main id="main" tabIndex={-1}>
        {page === 'wizard' ? (
          <Wizard
            onOpenSettings={() => setPage('settings')}
            onOpenJobs={() => setPage('jobs')}
            resumeJobId={resumeJobId}
            onResumed={() => setResumeJobId(null)}
          />
        ) : null}
        {page === 'jobs' ? (
          <JobsDashboard
            onContinuePreparing={(jobId) => {
              setResumeJobId(jobId);
              setPage('wizard');
            }}
          />
        ) : null}
        {page === 'settings' ? <SettingsPage /> : null}
      </main>
    </div>
  );
}
