import { useEffect, useId, useState } from 'react';
import type {
  AppInfo,
  ContractError,
  CredentialsStatus,
  Printer,
  Settings,
} from '../../../electron/shared/contract';
import type { ReturnAddress } from '../../../electron/protocol/manifest/types';
import { useClient } from '../client/client-context';
import { ErrorNote } from '../components/ErrorNote';
import { Field } from '../components/Field';
import { EMPTY_ADDRESS } from '../wizard/wizard-state';

export function SettingsPage() {
  const client = useClient();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [creds, setCreds] = useState<CredentialsStatus | null>(null);
  const [printers, setPrinters] = useState<Printer[]>([]);
  const [endpoint, setEndpoint] = useState('');
  const [s3Endpoint, setS3Endpoint] = useState('');
  const [keyId, setKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const [address, setAddress] = useState<ReturnAddress>({ ...EMPTY_ADDRESS });
  const [error, setError] = useState<ContractError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const printerId = useId();
  // Without a keychain a key entered here lives in memory for this session only; the page says so up front.
  const noKeychain = creds?.keychainAvailable === false;

  useEffect(() => {
    void (async () => {
      const [i, s, c, p] = await Promise.all([
        client.call('app.info', {}),
        client.call('settings.get', {}),
        client.call('credentials.status', {}),
        client.call('printers.list', {}),
      ]);
      if (i.ok) setInfo(i.value);
      if (s.ok) {
        setSettings(s.value);
        setEndpoint(s.value.endpointUrl ?? '');
        setS3Endpoint(s.value.s3EndpointUrl ?? '');
        if (s.value.returnAddress) setAddress({ ...EMPTY_ADDRESS, ...s.value.returnAddress });
      } else setError(s.error);
      if (c.ok) setCreds(c.value);
      if (p.ok) setPrinters(p.value);
    })();
  }, [client]);

  const done = (what: string) => {
    setError(null);
    setSaved(what);
  };

  const saveEndpoint = async () => {
    const r = await client.call('settings.set', {
      endpointUrl: endpoint.trim(),
      s3EndpointUrl: s3Endpoint.trim(),
    });
    if (!r.ok) return setError(r.error);
    setSettings(r.value);
    const [i, c] = await Promise.all([client.call('app.info', {}), client.call('credentials.status', {})]);
    if (i.ok) setInfo(i.value);
    if (c.ok) setCreds(c.value);
    done(endpoint.trim() ? `Now using ${endpoint.trim()}.` : 'Now using the local test endpoint.');
  };

  const saveCredentials = async () => {
    const r = await client.call('credentials.save', { accessKeyId: keyId.trim(), secretAccessKey: secret });
    // The secret leaves the form as soon as it has been handed over, whatever the answer.
    setSecret('');
    if (!r.ok) return setError(r.error);
    setCreds(r.value);
    setKeyId('');
    done(
      r.value.fromSession
        ? 'Key in use until Dockhand closes. It is held in memory only and was not written anywhere.'
        : 'Credentials saved in the OS keychain.',
    );
  };

  const clearCredentials = async () => {
    const r = await client.call('credentials.clear', {});
    if (!r.ok) return setError(r.error);
    const wasSession = creds?.fromSession === true;
    setCreds(r.value);
    done(
      wasSession
        ? 'The key held for this session is forgotten.'
        : 'Credentials removed from the OS keychain.',
    );
  };

  const saveAddress = async () => {
    const r = await client.call('settings.set', { returnAddress: address });
    if (!r.ok) return setError(r.error);
    setSettings(r.value);
    done('Return address saved.');
  };

  const savePrinter = async (name: string) => {
    const r = await client.call('settings.set', { printer: name });
    if (!r.ok) return setError(r.error);
    setSettings(r.value);
    done(`Labels print on ${name}.`);
  };

  return (
    <div className="settings">
      <section className="panel" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <ErrorNote error={error} title="Not saved" />
        {saved ? (
          <p className="note note-ok" role="status">
            {saved}
          </p>
        ) : null}

        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void saveEndpoint();
          }}
        >
          <h3 className="h-small">Endpoint</h3>
          <p>
            Now: <code>{info?.endpointUrl || 'not connected'}</code>{' '}
            {info?.localTestEndpoint ? <span className="badge badge-test">Local test endpoint</span> : null}
          </p>
          <Field
            label="Import/Export endpoint URL"
            type="url"
            value={endpoint}
            onChange={setEndpoint}
            hint="Leave empty to use the local test endpoint. Environment variables (AWS_ENDPOINT_URL) take precedence."
          />
          {endpoint.trim() ? (
            <Field
              label="S3 endpoint URL (for the bucket checks)"
              type="url"
              value={s3Endpoint}
              onChange={setS3Endpoint}
              hint="Where the Job step lists the account's buckets and checks the one you name. Leave empty for AWS S3 in the bucket's region."
            />
          ) : null}
          <div>
            <button type="submit">Save endpoint</button>
          </div>
        </form>

        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void saveCredentials();
          }}
        >
          <h3 className="h-small">Credentials</h3>
          <p>
            {creds?.accessKeyId ? (
              <>
                Signing with <code>{creds.accessKeyId}</code> from {creds.source}.
              </>
            ) : (
              (creds?.problem ?? 'No credentials.')
            )}
          </p>
          {noKeychain ? (
            <div className="note note-warning">
              <p>{creds?.problem}</p>
              <p>
                A key you enter here is kept in memory only, until Dockhand closes; it is never written to a
                file, and you will enter it again next time.
              </p>
            </div>
          ) : null}
          <Field label="Access key ID" value={keyId} onChange={setKeyId} autoComplete="username" />
          <Field
            label="Secret access key"
            type="password"
            value={secret}
            onChange={setSecret}
            autoComplete="new-password"
            hint={
              noKeychain
                ? 'Kept in memory for this session only; never shown again.'
                : 'Kept in the OS keychain; never shown again.'
            }
          />
          <div className="row">
            <button type="submit" disabled={!keyId || !secret}>
              {noKeychain ? 'Use for this session' : 'Save in keychain'}
            </button>
            {creds?.fromKeychain || creds?.fromSession ? (
              <button type="button" className="button-secondary" onClick={() => void clearCredentials()}>
                {creds.fromSession ? 'Forget this key' : 'Remove from keychain'}
              </button>
            ) : null}
          </div>
        </form>

        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void saveAddress();
          }}
        >
          <h3 className="h-small">Return address</h3>
          <div className="form-grid">
            {(
              [
                ['name', 'Name'],
                ['company', 'Company'],
                ['street1', 'Street'],
                ['street2', 'Street (line 2)'],
                ['city', 'City'],
                ['stateOrProvince', 'State or province'],
                ['postalCode', 'Postal code'],
                ['country', 'Country (two-letter code)'],
                ['phoneNumber', 'Phone'],
              ] as Array<[keyof ReturnAddress, string]>
            ).map(([key, label]) => (
              <Field
                key={key}
                label={label}
                value={address[key] ?? ''}
                onChange={(v) => setAddress({ ...address, [key]: v })}
              />
            ))}
          </div>
          <div>
            <button type="submit">Save return address</button>
          </div>
        </form>

        <div className="stack">
          <h3 className="h-small">Printer</h3>
          {printers.length > 0 ? (
            <div className="row">
              <label htmlFor={printerId}>Print labels on</label>
              <select
                id={printerId}
                value={settings?.printer ?? ''}
                onChange={(e) => void savePrinter(e.target.value)}
              >
                <option value="" disabled>
                  Choose a printer
                </option>
                {printers.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                    {p.isDefault ? ' (default)' : ''}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="muted">No printers found. Labels can always be saved as PDF.</p>
          )}
        </div>
        <p className="muted small">Dockhand {info?.version}</p>
      </section>
    </div>
  );
}
