// Worker entry: registers tsx (resolved from this package, whatever the cwd) and loads the TypeScript worker.
// Plain JS so it starts the same under `node build/dockhand-tsx.js`, vitest and Electron's main process.
import { register } from 'tsx/esm/api';

register();
await import('./hash-worker.ts');
