/** Picks the transport (Electron's bridge or the station's HTTP/WS) and mounts the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ContractClient } from '../../electron/shared/contract';
import { App } from './App';
import { createBridgeClient } from './client/bridge-client';
import { ClientContext } from './client/client-context';
import { createStationClient, tokenFromHash } from './client/station-client';
import './styles.css';

function chooseClient(): ContractClient | string {
  if (window.dockhand) return createBridgeClient(window.dockhand);
  const token = tokenFromHash(window.location.hash) ?? sessionStorage.getItem('dockhand.token') ?? undefined;
  if (!token) return 'This page needs the full address dockhand station printed (it ends in #token=...).';
  // Kept for reloads of this tab only; the address bar no longer shows it.
  sessionStorage.setItem('dockhand.token', token);
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return createStationClient(new URL('./', window.location.href).href, token);
}

const root = createRoot(document.getElementById('root') as HTMLElement);
const client = chooseClient();
root.render(
  <StrictMode>
    {typeof client === 'string' ? (
      <main className="panel">
        <h1>Dockhand</h1>
        <p>{client}</p>
      </main>
    ) : (
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>
    )}
  </StrictMode>,
);
