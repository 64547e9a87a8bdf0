/**
 * The one module that knows where the running code's own files are: the hash worker, the renderer, and
 * the package's name and version. Everything is found from this module's own location, never from the
 * working directory, so it holds from any cwd, after dist/ is moved, and inside an asar.
 *
 * Two layouts:
 * - built (`npm run build`): dist/main.mjs, dist/cli.mjs and their chunks sit side by side in dist/, with
 *   dist/hash-worker.mjs, dist/preload.cjs and dist/renderer/. esbuild injects the package metadata, so
 *   nothing needs package.json at run time.
 * - source (vitest, benches under tsx): this file is electron/runtime-layout.ts; the renderer is the
 *   project's dist/renderer and the worker is a development shim that loads the TypeScript worker via tsx.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  name: string;
  version: string;
  productName: string;
}

/** Set by build/build.js (esbuild `define`); absent when the sources run directly. */
declare const DOCKHAND_PACKAGE_INFO: PackageInfo | undefined;

/** The file names build/build.js writes; the build script and this module must agree. */
export const BUILT_FILES = {
  main: 'main.mjs',
  cli: 'cli.mjs',
  preload: 'preload.cjs',
  hashWorker: 'hash-worker.mjs',
  renderer: 'renderer',
} as const;

export interface RuntimeLayout {
  kind: 'built' | 'source';
  /** dist/ when built; the project root when running from source. */
  baseDir: string;
  rendererDir: string;
  /** Sandbox-safe CommonJS preload (built layout only; Electron never runs the sources). */
  preloadFile: string;
  /** A file a worker_threads Worker can load: outside the asar, since workers cannot read inside it. */
  hashWorkerFile: string;
}

/**
 * Electron's asar support lets the main process read inside app.asar, but a worker thread's loader does
 * not see it, so the worker is unpacked (package.json build.asarUnpack) and loaded from app.asar.unpacked.
 */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The layout for a module at `moduleUrl` (exported for tests; the app uses runtimeLayout()). */
export function layoutFor(moduleUrl: string): RuntimeLayout {
  const here = path.dirname(fileURLToPath(moduleUrl));
  if (/\.[cm]?ts$/.test(moduleUrl)) {
    const root = path.resolve(here, '..');
    return {
      kind: 'source',
      baseDir: root,
      rendererDir: path.join(root, 'dist', BUILT_FILES.renderer),
      preloadFile: path.join(root, 'dist', BUILT_FILES.preload),
      hashWorkerFile: path.join(root, 'electron', 'inventory', 'hash-worker.dev.js'),
    };
  }
  return {
    kind: 'built',
    baseDir: here,
    rendererDir: path.join(here, BUILT_FILES.renderer),
    preloadFile: path.join(here, BUILT_FILES.preload),
    hashWorkerFile: unpackedPath(path.join(here, BUILT_FILES.hashWorker)),
  };
}

let cached: RuntimeLayout | undefined;

export function runtimeLayout(): RuntimeLayout {
  cached ??= layoutFor(import.meta.url);
  return cached;
}

let cachedInfo: PackageInfo | undefined;

/** Name, version and product name: injected into the build, read from package.json when run from source. */
export function packageInfo(): PackageInfo {
  if (cachedInfo) return cachedInfo;
  if (typeof DOCKHAND_PACKAGE_INFO !== 'undefined' && DOCKHAND_PACKAGE_INFO) {
    cachedInfo = DOCKHAND_PACKAGE_INFO;
  } else {
    const file = path.join(runtimeLayout().baseDir, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
      name: string;
      version: string;
      productName?: string;
    };
    cachedInfo = { name: pkg.name, version: pkg.version, productName: pkg.productName ?? pkg.name };
  }
  return cachedInfo;
}
