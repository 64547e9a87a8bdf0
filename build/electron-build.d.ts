export const root: string;
export const FETCH_TIMEOUT_MS: number;
export const FETCH_RETRY_AFTER_MS: number;
export const FETCH_STATE_FILE: string;
export function findElectron(options?: {
  fetch?: boolean;
  stateFile?: string;
  now?: Date;
  fetchTimeoutMs?: number;
}): { binary: string; reason?: undefined } | { binary?: undefined; reason: string };
