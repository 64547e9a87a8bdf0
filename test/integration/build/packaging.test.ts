/**
 * Packaging with electron-builder, as far as this machine can show it: electron-builder cannot fetch
 * Electron or its tools here, so the installers themselves are not built. What is checked:
 * - electron-builder.yml passes electron-builder's own schema validation, and says what the issue asks;
 * - electron-builder itself packs the app (its `dir` target, from a staged production install, against a
 *   stand-in Electron distribution, with fuses off since they patch the real binary) and the asar it writes
 *   holds the main entry, preload, renderer and CLI, with the worker and every .node file unpacked;
 * - the icons exist at the sizes each target reads.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../../helpers/cli';

const require = createRequire(import.meta.url);
const CONFIG_FILE = path.join(ROOT, 'electron-builder.yml');

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string; desktop: { entry: Record<string, string> } };
  deb: { depends: string[] };
  mac: { target: string; icon: string };
  win: { target: string; icon: string };
  [key: string]: unknown;
}

type Validate = (config: unknown, logger: { isEnabled: boolean; add(): void }) => Promise<void>;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: Validate;
};
const validate = (config: unknown) => validateConfiguration(config, { isEnabled: false, add() {} });

let config: BuilderConfig;
beforeAll(async () => {
  config = parseYaml(await readFile(CONFIG_FILE, 'utf8')) as BuilderConfig;
});

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation, which does reject a wrong option", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, linux: { ...config.linux, targets: ['deb'] } })).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('names the app, the targets, the unpacked files and the deb dependency on libsecret', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+\.[a-z0-9-]+$/);
    expect(config.productName).toBe('Dockhand');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'dist/hash-worker.mjs']));
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.deb.depends).toContain('libsecret-1-0');
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.linux.desktop.entry).toMatchObject({ Name: 'Dockhand' });
  });

  it("sets Electron's fuses from the security checklist", () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has icons at the sizes each target reads', async () => {
    const pngSize = async (file: string) => {
      const b = await readFile(file);
      expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
      return [b.readUInt32BE(16), b.readUInt32BE(20)];
    };
    for (const n of [16, 32, 48, 64, 128, 256, 512]) {
      expect(await pngSize(path.join(ROOT, config.linux.icon, `${n}x${n}.png`))).toEqual([n, n]);
    }
    const ico = await readFile(path.join(ROOT, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const icns = await readFile(path.join(ROOT, config.mac.icon));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true); // 1024 px (512@2x)
  });
});

/** The project's production dependencies, copied from node_modules as npm installed them. */
async function stageProductionModules(stage: string): Promise<void> {
  const modulesRoot = await realpath(path.join(ROOT, 'node_modules'));
  const found = new Set<string>();
  const locate = async (name: string, from: string): Promise<string | undefined> => {
    for (let dir = from; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (
        await stat(path.join(candidate, 'package.json')).then(
          () => true,
          () => false,
        )
      )
        return realpath(candidate);
      if (dir === path.dirname(modulesRoot) || dir === path.dirname(dir)) return undefined;
    }
  };
  const visit = async (pkgDir: string, from: string): Promise<void> => {
    const pkg = JSON.parse(await readFile(path.join(pkgDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const dir = await locate(name, from);
      if (!dir || found.has(dir)) continue; // an optional dependency for another platform
      found.add(dir);
      await visit(dir, dir);
    }
  };
  await visit(ROOT, path.dirname(modulesRoot));
  for (const dir of found) {
    await cp(dir, path.join(stage, 'node_modules', path.relative(modulesRoot, dir)), {
      recursive: true,
      // Nested node_modules hold dependencies of their own, staged when the walk reaches them.
      filter: (src) => src === dir || !src.slice(dir.length).split(path.sep).includes('node_modules'),
    });
  }
}

describe('the app electron-builder packs', () => {
  let work: string;
  let resources: string;
  let listing: Array<{ packed: boolean; file: string }>;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'dockhand-packaging-'));
    const stage = path.join(work, 'stage');
    for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml', 'dist']) {
      await cp(path.join(ROOT, f), path.join(stage, f), { recursive: true });
    }
    await cp(path.join(ROOT, 'build', 'icons'), path.join(stage, 'build', 'icons'), { recursive: true });
    await stageProductionModules(stage);
    // A stand-in for the unpacked Electron distribution electron-builder would download.
    const electronDist = path.join(work, 'electron-dist');
    await mkdir(path.join(electronDist, 'resources'), { recursive: true });
    await writeFile(path.join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    await writeFile(path.join(electronDist, 'LICENSE'), 'stand-in\n');
    const { build, Platform } = require('electron-builder') as typeof import('electron-builder');
    const output = path.join(work, 'out');
    await build({
      projectDir: stage,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      config: {
        ...(config as object),
        electronDist,
        // Read from node_modules/electron in a full install; the staged production install has no electron.
        electronVersion: (require('electron/package.json') as { version: string }).version,
        // Fuses patch the real Electron binary; the stand-in has none to patch.
        electronFuses: null,
        directories: { buildResources: 'build', output },
      },
    });
    resources = path.join(output, 'linux-unpacked', 'resources');
    const asar = require('@electron/asar') as typeof import('@electron/asar');
    listing = asar.listPackage(path.join(resources, 'app.asar'), { isPack: true }).map((line) => {
      const [kind, file] = line.split(/\s*:\s*/) as [string, string];
      return { packed: kind === 'pack', file };
    });
  }, 240_000);
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const packed = (file: string) => listing.find((e) => e.file === file);

  it('holds the main entry package.json names, the preload, the CLI and the renderer', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    for (const file of [
      '/package.json',
      `/${pkg.main}`,
      '/dist/preload.cjs',
      '/dist/cli.mjs',
      '/dist/renderer/index.html',
    ]) {
      expect(packed(file), file).toMatchObject({ packed: true });
    }
    for (const asset of await readdir(path.join(ROOT, 'dist', 'renderer', 'assets'))) {
      expect(packed(`/dist/renderer/assets/${asset}`), asset).toMatchObject({ packed: true });
    }
  });

  it('unpacks the hashing worker and every native module, beside the asar', async () => {
    expect(packed('/dist/hash-worker.mjs')).toMatchObject({ packed: false });
    await stat(path.join(resources, 'app.asar.unpacked', 'dist', 'hash-worker.mjs'));
    const natives = listing.filter((e) => e.file.endsWith('.node'));
    expect(natives.length).toBeGreaterThan(0);
    for (const n of natives) {
      expect(n, n.file).toMatchObject({ packed: false });
      await stat(path.join(resources, 'app.asar.unpacked', n.file));
    }
  });

  it('carries every package the build imports, and no sources, tests or development tools', async () => {
    for (const f of listing) {
      expect(f.file, f.file).not.toMatch(/^\/(electron|renderer|test|build)\//);
      expect(f.file, f.file).not.toMatch(/^\/node_modules\/(tsx|esbuild|vite|vitest|electron|typescript)\//);
    }
    const imports = new Set<string>();
    for (const f of await readdir(path.join(ROOT, 'dist'))) {
      if (!f.endsWith('.mjs')) continue;
      const code = await readFile(path.join(ROOT, 'dist', f), 'utf8');
      // Top-level import statements (esbuild writes them at the start of a line) and dynamic imports.
      const statements = code.matchAll(/^(?:import|export)\b[^;]*?["']([^"'./][^"']*)["'];/gm);
      const dynamic = code.matchAll(/\bimport\(\s*["']([^"'./][^"']*)["']\s*\)/g);
      for (const m of [...statements, ...dynamic]) {
        const spec = m[1] ?? '';
        if (spec.startsWith('node:') || spec === 'electron' || spec === 'vite') continue;
        imports.add(
          spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec),
        );
      }
    }
    expect(imports.size).toBeGreaterThan(3);
    for (const name of imports) {
      expect(packed(`/node_modules/${name}/package.json`), name).toBeDefined();
    }
  });

  it("resolves every packed package's own dependencies inside the asar, as Node would", () => {
    const asar = require('@electron/asar') as typeof import('@electron/asar');
    const archive = path.join(resources, 'app.asar');
    const packageDirs = new Set(
      listing
        .map((e) => /^(.*\/node_modules\/(?:@[^/]+\/)?[^/@]+)\/package\.json$/.exec(e.file)?.[1])
        .filter((d): d is string => d !== undefined),
    );
    expect(packageDirs.size).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const dir of packageDirs) {
      const pkg = JSON.parse(asar.extractFile(archive, `${dir.slice(1)}/package.json`).toString('utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const dep of Object.keys(pkg.dependencies ?? {})) {
        let found = false;
        // Node's lookup: <dir>/node_modules/dep, then each enclosing node_modules up to the app's root.
        for (let at = dir; !found; at = path.posix.dirname(at)) {
          found = packageDirs.has(`${at === '/' ? '' : at}/node_modules/${dep}`);
          if (at === '/') break;
        }
        if (!found) missing.push(`${dir} -> ${dep}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
