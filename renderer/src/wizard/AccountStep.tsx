import { useEffect, useState } from 'react';
import type { AppInfo, ContractError, CredentialsStatus } from '../../../electron/shared/contract';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';

export function AccountStep({ onOpenSettings }: { onOpenSettings: () => void }) {
  const client = useClient();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [creds, setCreds] = useState<CredentialsStatus | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([client.call('app.info', {}), client.call('credentials.status', {})]).then(([i, c]) => {
      if (!live) return;
      if (i.ok) setInfo(i.value);
      else setError(i.error);
      if (c.ok) setCreds(c.value);
      else setError(c.error);
    });
    return () => {
      live = false;
    };
  }, [client]);
  return (
    <div className="stack">
      <p>Dockhand talks to this Import/Export endpoint and signs with these credentials.</p>
      <ErrorNote error={error} />
      <dl className="facts">
        <div>
          <dt>Endpoint</dt>
          <dd>
            {info ? (
              <>
                <code>{info.endpointUrl || 'not connected'}</code>{' '}
                {info.localTestEndpoint ? (
                  <span className="badge badge-test">Local test endpoint</span>
                ) : null}
              </>
            ) : (
              'Loading…'
            )}
          </dd>
        </div>
        {info && !info.localTestEndpoint ? (
          <div>
            <dt>Chosen by</dt>
            <dd>{info.endpointSource}</dd>
          </div>
        ) : null}
        <div>
          <dt>Credentials</dt>
          <dd>
            {creds?.accessKeyId ? (
              <>
                <code>{creds.accessKeyId}</code> from {creds.source}
              </>
            ) : (
              (creds?.problem ?? 'Loading…')
            )}
          </dd>
        </div>
      </dl>
      {info?.localTestEndpoint ? (
        <p className="note">
          Jobs made here go to the local test endpoint on this machine, not to AWS. Choose a real endpoint in
          Settings when you are ready to ship.
        </p>
      ) : null}
      <div>
        <button type="button" className="button-secondary" onClick={onOpenSettings}>
          Change endpoint or credentials…
        </button>
      </div>
    </div>
  );
}
