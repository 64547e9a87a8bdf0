// Module hooks for record-imports.mjs (they run on the loader thread; appendFileSync keeps every line).
import { appendFileSync } from 'node:fs';

const out = process.env.DOCKHAND_RECORD_IMPORTS;

export async function load(url, context, nextLoad) {
  if (out && url.startsWith('file:')) appendFileSync(out, url + '\n');
  return nextLoad(url, context);
}
