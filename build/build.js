#!/usr/bin/env node
// `npm run build`: everything that runs, as plain JavaScript in dist/ (nothing loads tsx or .ts at run time).
//   dist/main.mjs        the Electron main entry (package.json "main")
//   dist/cli.mjs         the `dockhand` command (package.json "bin"), with a shebang
//   dist/chunk-*.mjs     code main and the CLI share, and the CLI's commands, loaded on demand
//   dist/hash-worker.mjs the inventory's hashing thread: self-contained (no chunks), because it is unpacked
//                        from the asar and loaded from app.asar.unpacked, where the chunks are not
//   dist/preload.cjs     the sandboxed preload: CommonJS, requires only 'electron'
//   dist/renderer/       the React app (Vite)
// electron/runtime-layout.ts is the run-time side of this list.
//
//   node build/build.js            clean build of everything
//   node build/build.js --node     the Node side only (esbuild, about a second)
//   node build/build.js --if-stale only what is older than its sources (tests and npm start use this)
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = path.join(root, 'dist');
const NODE_STAMP = '.node-build';

/** Newest modification time (ms) of any file under the given paths; 0 when none exist. */
async function newestMtime(paths) {
  let newest = 0;
  const visit = async (p) => {
    let s;
    try {
      s = await stat(p);
    } catch {
      return;
    }
    if (s.isDirectory()) {
      for (const entry of await readdir(p)) {
        if (entry !== 'node_modules') await visit(path.join(p, entry));
      }
    } else newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of paths) await visit(path.join(root, p));
  return newest;
}

async function mtimeOf(file) {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return 0;
  }
}

const NODE_SOURCES = ['electron', 'package.json', 'build/build.js'];
// The renderer imports the contract's shapes from electron/shared.
const RENDERER_SOURCES = ['renderer', 'electron/shared', 'vite.config.ts', 'package.json'];

export async function nodeBuildIsStale(outDir = distDir) {
  const built = await mtimeOf(path.join(outDir, NODE_STAMP));
  return built === 0 || (await newestMtime(NODE_SOURCES)) > built;
}

export async function rendererIsStale(outDir = distDir) {
  const built = await mtimeOf(path.join(outDir, 'renderer', 'index.html'));
  return built === 0 || (await newestMtime(RENDERER_SOURCES)) > built;
}

async function packageInfo() {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  return { name: pkg.name, version: pkg.version, productName: pkg.productName ?? pkg.name };
}

/**
 * Pure-JS packages bundled into the chunks instead of loaded from node_modules: every API command loads
 * fast-xml-parser (and the embedded endpoint its builder), and as some forty small ES modules it cost
 * ~160 ms to import on the development machine against ~25 ms bundled, most of `dockhand get-status`'s
 * start-up beyond `--help` (issue 10; test/bench/startup.ts). Their own dependencies come along. (yaml is
 * not inlined: manifests load it only when the fast reader cannot read them, see lenient-yaml.ts.)
 */
const INLINED_PACKAGES = ['fast-xml-parser'];

/**
 * An esbuild plugin: every bare import is external except those of `names` and what they import (an importer
 * inside node_modules can only be one of theirs, since every other package stays external).
 */
function inlineOnly(names) {
  const inside = (file) => file.includes(`${path.sep}node_modules${path.sep}`);
  return {
    name: 'inline-only',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const pkg = args.path.startsWith('@')
          ? args.path.split('/').slice(0, 2).join('/')
          : args.path.split('/')[0];
        if (names.includes(pkg) || inside(args.importer)) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

/** The Node side: main, CLI, worker, preload. */
export async function buildNode(outDir = distDir) {
  const { build } = await import('esbuild');
  await mkdir(outDir, { recursive: true });
  // Old chunks would pile up (their names carry a hash); the renderer is left alone.
  for (const entry of await readdir(outDir)) {
    if (/\.(mjs|cjs|js|map)$/.test(entry) || entry === NODE_STAMP) await rm(path.join(outDir, entry));
  }
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    // Node 20 for the CLI; Electron 45 runs Node 22, which reads the same output.
    target: 'node20',
    logLevel: 'warning',
    define: { DOCKHAND_PACKAGE_INFO: JSON.stringify(await packageInfo()) },
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: { main: 'electron/main/index.ts', cli: 'electron/cli/main.ts' },
      outdir: outDir,
      format: 'esm',
      splitting: true,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunk-[hash]',
      // Dependencies load from node_modules (in the asar when packaged); native ones must, the rest may,
      // except the few in INLINED_PACKAGES.
      plugins: [inlineOnly(INLINED_PACKAGES)],
    }),
    build({
      ...common,
      entryPoints: { 'hash-worker': 'electron/inventory/hash-worker.ts' },
      outdir: outDir,
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      packages: 'external',
    }),
    build({
      ...common,
      entryPoints: { preload: 'electron/preload/index.ts' },
      outdir: outDir,
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      // A sandboxed preload may require only 'electron' (and a few Node shims); everything else is inlined.
      external: ['electron'],
    }),
  ]);
  const cli = path.join(outDir, 'cli.mjs');
  const code = await readFile(cli, 'utf8');
  if (!code.startsWith('#!')) await writeFile(cli, `#!/usr/bin/env node\n${code}`);
  await chmod(cli, 0o755);
  await writeFile(path.join(outDir, NODE_STAMP), `${new Date().toISOString()}\n`);
}

/** The renderer, through Vite (vite.config.ts writes dist/renderer). */
export async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

/** Builds whatever is missing or older than its sources; returns what it built. */
export async function ensureBuilt({ renderer = true } = {}) {
  const built = [];
  if (await nodeBuildIsStale()) {
    await buildNode();
    built.push('node');
  }
  if (renderer && (await rendererIsStale())) {
    await buildRenderer();
    built.push('renderer');
  }
  return built;
}

async function main(args) {
  const started = Date.now();
  if (args.includes('--if-stale')) {
    const built = await ensureBuilt({ renderer: !args.includes('--node') });
    if (built.length > 0) console.log(`built ${built.join(' + ')} in ${Date.now() - started} ms`);
    return;
  }
  if (args.includes('--node')) {
    await buildNode();
  } else {
    await rm(distDir, { recursive: true, force: true });
    await Promise.all([buildNode(), buildRenderer()]);
  }
  console.log(`built dist/ in ${Date.now() - started} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
