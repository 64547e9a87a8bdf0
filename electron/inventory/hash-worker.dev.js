// Development only: when the sources run directly (vitest, benches under tsx) the hash pool loads this shim,
// which registers tsx and loads the TypeScript worker. The build has its own plain dist/hash-worker.mjs
// (electron/runtime-layout.ts picks which), so nothing built loads tsx.
import { register } from 'tsx/esm/api';

register();
await import('./hash-worker.ts');
