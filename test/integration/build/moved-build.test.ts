/**
 * The build as a person gets it: plain JavaScript in dist/ that package.json names, which keeps working
 * from another directory and another working directory (as it must inside an installed app's asar).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli';
import { moveBuild } from '../../helpers/moved-build';

let work: string;
let cli: string;
let distDir: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dockhand-moved-build-'));
  ({ cli, distDir } = await moveBuild(path.join(work, 'installed')));
  await mkdir(path.join(work, 'cwd'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function get(url: URL): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('the build', () => {
  it('is what package.json names: main, and a dockhand bin with a shebang that can be executed', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      bin: { dockhand: string };
    };
    expect(pkg.main).toBe('dist/main.mjs');
    expect(pkg.bin.dockhand).toBe('dist/cli.mjs');
    const bin = path.join(ROOT, pkg.bin.dockhand);
    expect((await readFile(bin, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect((await stat(bin)).mode & 0o111).not.toBe(0);
    await stat(path.join(ROOT, pkg.main));
  });

  it('loads no TypeScript and no tsx at run time', async () => {
    const files = (await readdir(distDir)).filter((f) => /\.(mjs|cjs|js)$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['main.mjs', 'cli.mjs', 'preload.cjs', 'hash-worker.mjs']));
    for (const f of files) {
      // Line comments are dropped: esbuild notes where a glob import came from (`// import("./x/*.ts")`).
      const code = (await readFile(path.join(distDir, f), 'utf8')).replace(/^\s*\/\/.*$/gm, '');
      const specifiers = [
        ...code.matchAll(/\b(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g),
        ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
        ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1] ?? '');
      for (const s of specifiers) {
        expect(s, `${f} imports ${s}`).not.toMatch(/^tsx(\/|$)|\.[cm]?tsx?$/);
      }
    }
  });
});

describe('a copy of dist/ moved to another directory, run from yet another working directory', () => {
  it('takes an inventory: the hashing worker is found beside the bundle', async () => {
    const device = path.join(work, 'device');
    await mkdir(device);
    const content = Buffer.from('hello from a moved build\n');
    await writeFile(path.join(device, 'a.txt'), content);
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, 'inventory', device, '--json'], {
        cwd: path.join(work, 'cwd'),
        env: { ...process.env, DOCKHAND_HOME: path.join(work, 'home') },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const inventory = JSON.parse(run.stdout) as { entries: Array<{ path: string; md5?: string }> };
    expect(inventory.entries).toContainEqual(
      expect.objectContaining({ path: 'a.txt', md5: createHash('md5').update(content).digest('hex') }),
    );
  });

  it('knows its own version without a package.json beside it', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const out = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [cli, '--version'], { cwd: path.join(work, 'cwd') });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.on('close', () => resolve(stdout));
    });
    expect(out).toMatch(new RegExp(`^dockhand/${pkg.version.replaceAll('.', '\\.')} `));
  });

  it('serves the UI from the moved renderer with dockhand station', async () => {
    const child = spawn(process.execPath, [cli, 'station', '--port', '0'], {
      cwd: path.join(work, 'cwd'),
      env: { ...process.env, DOCKHAND_HOME: path.join(work, 'home-station') },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const nl = out.indexOf('\n');
          if (nl >= 0) resolve(out.slice(0, nl));
        });
        child.on('exit', (code) => reject(new Error(`station exited ${code}`)));
      });
      const url = new URL(/(http:\/\/\S+)/.exec(line)?.[1] ?? 'http://invalid/');
      const page = await get(new URL('/', url));
      expect(page.status).toBe(200);
      expect(page.body).toBe(await readFile(path.join(distDir, 'renderer', 'index.html'), 'utf8'));
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('says how to fix a build without its renderer instead of reaching for Vite', async () => {
    const broken = await moveBuild(path.join(work, 'no-renderer'));
    await rm(path.join(broken.distDir, 'renderer'), { recursive: true });
    const direct = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const c = spawn(process.execPath, [broken.cli, 'station', '--port', '0'], {
        env: { ...process.env, DOCKHAND_HOME: path.join(work, 'home-broken') },
      });
      let stderr = '';
      c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      c.on('close', (code) => resolve({ code, stderr }));
    });
    expect(direct.code).not.toBe(0);
    expect(direct.stderr).toContain(path.join(broken.distDir, 'renderer'));
    expect(direct.stderr).toContain('npm run build');
  });
});
