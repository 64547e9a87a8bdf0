/**
 * A copy of the build somewhere else, as an installed app has it: `<dir>/dist` (a copy of dist/) beside a
 * `<dir>/node_modules` (a link to the project's, as the packaged app carries its production dependencies).
 * Nothing of the project's own tree is reachable from it by a relative path.
 */
import { cp, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './cli';

export async function moveBuild(dir: string): Promise<{ distDir: string; cli: string }> {
  await mkdir(dir, { recursive: true });
  const distDir = path.join(dir, 'dist');
  await cp(path.join(ROOT, 'dist'), distDir, { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { distDir, cli: path.join(distDir, 'cli.mjs') };
}
