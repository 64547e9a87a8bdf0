#!/usr/bin/env node
// `node build/run-ts.js file.ts [args...]`: run any TypeScript entry point (bench, scripts) without a build.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node build/run-ts.js FILE.ts [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
await import(pathToFileURL(path.resolve(entry)).href);
