#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm install && npx dockhand` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
