/**
 * What the UI costs to load: the gzip size of the built renderer (JS and CSS) as a ratio against the
 * gzip size of react-dom's own production client build, measured in the same run.
 *
 *   node build/run-ts.js test/bench/renderer-size.ts
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { PROJECT_ROOT, RENDERER_DIST_DIR } from '../../electron/station/server';

/** The usual transfer setting of web servers; the same for anchor and subject. */
const GZIP_LEVEL = 6;

const gz = (bytes: Buffer): number => gzipSync(bytes, { level: GZIP_LEVEL }).length;
const kb = (n: number): string => (n / 1024).toFixed(1);

await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'silent' });
const assetsDir = path.join(RENDERER_DIST_DIR, 'assets');
const files = await readdir(assetsDir);
const sizes = async (ext: string) => {
  let raw = 0;
  let zipped = 0;
  for (const f of files.filter((f) => f.endsWith(ext))) {
    const bytes = await readFile(path.join(assetsDir, f));
    raw += bytes.length;
    zipped += gz(bytes);
  }
  return { raw, zipped };
};
const js = await sizes('.js');
const css = await sizes('.css');

const require = createRequire(import.meta.url);
// The package's exports hide cjs/; find it next to package.json.
const anchorFile = path.join(
  path.dirname(require.resolve('react-dom/package.json')),
  'cjs',
  'react-dom-client.production.js',
);
const anchorBytes = await readFile(anchorFile);
const anchor = { raw: anchorBytes.length, zipped: gz(anchorBytes) };

console.log('| bundle | raw KiB | gzip KiB | gzip vs react-dom |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| react-dom client, production (anchor) | ${kb(anchor.raw)} | ${kb(anchor.zipped)} | 1.00x |`);
console.log(
  `| Dockhand renderer JS (React + app) | ${kb(js.raw)} | ${kb(js.zipped)} | ${(js.zipped / anchor.zipped).toFixed(2)}x |`,
);
console.log(
  `| Dockhand renderer CSS | ${kb(css.raw)} | ${kb(css.zipped)} | ${(css.zipped / anchor.zipped).toFixed(2)}x |`,
);
