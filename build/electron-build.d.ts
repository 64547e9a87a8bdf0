export const root: string;
export function findElectron(options?: {
  fetch?: boolean;
}): { binary: string; reason?: undefined } | { binary?: undefined; reason: string };
