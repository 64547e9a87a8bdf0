export const root: string;
export const distDir: string;
export function nodeBuildIsStale(outDir?: string): Promise<boolean>;
export function rendererIsStale(outDir?: string): Promise<boolean>;
export function buildNode(outDir?: string): Promise<void>;
export function buildRenderer(): Promise<void>;
export function ensureBuilt(options?: { renderer?: boolean }): Promise<Array<'node' | 'renderer'>>;
