/** The contract client for the component tree; components never know which transport is behind it. */
import { createContext, useContext } from 'react';
import type { ContractClient } from '../../../electron/shared/contract';

export const ClientContext = createContext<ContractClient | null>(null);

export function useClient(): ContractClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}
