import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutFor, packageInfo, runtimeLayout, unpackedPath } from '../../electron/runtime-layout';

describe('runtime layout', () => {
  it('finds everything beside the bundle when built, wherever dist/ is', () => {
    const layout = layoutFor(pathToFileURL('/opt/elsewhere/dist/chunk-ABC.mjs').href);
    expect(layout).toEqual({
      kind: 'built',
      baseDir: '/opt/elsewhere/dist',
      rendererDir: '/opt/elsewhere/dist/renderer',
      preloadFile: '/opt/elsewhere/dist/preload.cjs',
      hashWorkerFile: '/opt/elsewhere/dist/hash-worker.mjs',
    });
  });

  it('loads the worker from app.asar.unpacked when the bundle is inside an asar', () => {
    const layout = layoutFor(pathToFileURL('/opt/Dockhand/resources/app.asar/dist/main.mjs').href);
    expect(layout.rendererDir).toBe('/opt/Dockhand/resources/app.asar/dist/renderer');
    expect(layout.hashWorkerFile).toBe('/opt/Dockhand/resources/app.asar.unpacked/dist/hash-worker.mjs');
    expect(unpackedPath('C:\\Program Files\\Dockhand\\resources\\app.asar\\dist\\hash-worker.mjs')).toBe(
      'C:\\Program Files\\Dockhand\\resources\\app.asar.unpacked\\dist\\hash-worker.mjs',
    );
    expect(unpackedPath('/home/ada/my.app.asarx/dist/x.mjs')).toBe('/home/ada/my.app.asarx/dist/x.mjs');
  });

  it('running from source, uses the project dist/renderer and the development worker shim', () => {
    const layout = runtimeLayout();
    const root = path.resolve(import.meta.dirname, '../..');
    expect(layout.kind).toBe('source');
    expect(layout.rendererDir).toBe(path.join(root, 'dist', 'renderer'));
    expect(layout.hashWorkerFile).toBe(path.join(root, 'electron', 'inventory', 'hash-worker.dev.js'));
    expect(packageInfo()).toMatchObject({ name: 'dockhand', productName: 'Dockhand' });
  });
});
