import type { ContractError } from '../../../electron/shared/contract';

/** An error as the person should read it: what happened (with its code for support) and what to do. */
export function ErrorNote({ error, title }: { error: ContractError | null; title?: string }) {
  if (!error) return null;
  return (
    <div className="note note-error" role="alert">
      <strong>{title ?? 'Something went wrong'}</strong>
      <p>{error.message}</p>
      <p className="muted small">Code: {error.code}</p>
    </div>
  );
}
