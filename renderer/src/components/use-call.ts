/** Runs one contract call with busy and error state; the result is returned to the caller. */
import { useCallback, useState } from 'react';
import type {
  ContractError,
  OperationArgs,
  OperationName,
  OperationResults,
} from '../../../electron/shared/contract';
import { useClient } from '../client/client-context';

export function useCall<K extends OperationName>(op: K) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const run = useCallback(
    async (args: OperationArgs<K>): Promise<OperationResults[K] | undefined> => {
      setBusy(true);
      setError(null);
      try {
        const r = await client.call(op, args);
        if (r.ok) return r.value;
        setError(r.error);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [client, op],
  );
  return { run, busy, error, setError };
}
