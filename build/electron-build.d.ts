export const root: string;
export function findElectron(options?: {
  fetch?: boolean;
}): { binary: string; reason?: undefined } | { binary?: undefined; reason: string };
export function bundleElectron(outDir: string): Promise<void>;
export function ensureRenderer(): Promise<void>;
