/**
 * Every native addon in the production dependency tree is N-API (ABI-stable), so one install serves Node (CLI,
 * tests, station) and Electron without a rebuild (issue 8). Judged from each binary's own symbol table, for
 * every platform's prebuilt binary shipped in the tree, not from file names.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addonAbi, readBinarySymbols, type BinarySymbols } from '../../helpers/binary-symbols';

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
}

/** The production tree as the lockfile states it (what `npm ci --omit=dev` installs), where present on disk. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  return Object.entries(lock.packages)
    .filter(([dir, e]) => dir !== '' && !e.dev && !e.devOptional)
    .map(([dir]) => path.join(ROOT, dir))
    .filter((dir) => existsSync(dir));
}

/** `.node` files of one package, not descending into its own node_modules (those are entries of their own). */
function addonsIn(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) addonsIn(p, out);
    else if (e.name.endsWith('.node')) out.push(p);
  }
  return out;
}

describe('native addons in the production dependency tree', () => {
  const packages = productionPackages();
  const addons = packages.flatMap((dir) => addonsIn(dir));
  const rel = (f: string) => path.relative(ROOT, f);

  it('finds the addons Dockhand loads (so the check below is not vacuous)', () => {
    expect(addons.some((f) => f.includes('@photostructure/sqlite/prebuilds/linux-x64'))).toBe(true);
    expect(addons.some((f) => f.includes(`${path.sep}drivelist${path.sep}`))).toBe(true);
    expect(packages.some((p) => p.endsWith(`${path.sep}better-sqlite3`))).toBe(false);
  });

  it('every one is N-API and none is a V8-ABI addon', () => {
    const verdicts = addons.map((f) => ({ file: rel(f), ...addonAbi(readBinarySymbols(readFileSync(f))) }));
    const notNapi = verdicts.filter((v) => v.kind !== 'napi');
    expect(notNapi, JSON.stringify(notNapi, null, 2)).toEqual([]);
    // keytar is optional: checked when npm could build it.
    const keytar = verdicts.find((v) => v.file.includes('keytar.node'));
    if (keytar) expect(keytar.kind).toBe('napi');
  });
});

describe('addonAbi', () => {
  const sym = (exported: string[], imported: string[] = []): BinarySymbols => ({
    format: 'elf',
    exported,
    imported,
  });
  it.each([
    ['napi_register_module_v1 exported', sym(['napi_register_module_v1'], ['napi_create_function']), 'napi'],
    ['legacy napi_module_register', sym(['_init'], ['napi_module_register']), 'napi'],
    ['better-sqlite3 12 on Node 20', sym(['node_register_module_v115']), 'v8'],
    ['both entry points', sym(['napi_register_module_v1', 'node_register_module_v150']), 'v8'],
    ['V8 C++ imports', sym(['napi_register_module_v1'], ['_ZN2v87Isolate10GetCurrentEv']), 'v8'],
    ['not an addon', sym(['main']), 'unknown'],
  ] as const)('%s → %s', (_what, symbols, kind) => {
    expect(addonAbi(symbols).kind).toBe(kind);
  });
});
