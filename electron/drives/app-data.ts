/** Gathers what the eligibility rules need to know about the app's own data directory. */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { appPaths } from '../app-paths';
import type { JobKind } from '../protocol/manifest/types';
import { mountpointContaining, type EligibilityContext } from './eligibility';
import { parseMountinfo } from './probe-parsers';

/** The nearest existing ancestor, resolved through symlinks: the data dir may not exist yet. */
async function resolveExisting(dir: string): Promise<string> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      return await realpath(current);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

export async function eligibilityContextFor(
  jobKind?: JobKind,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EligibilityContext> {
  const appDataDir = appPaths(env).root;
  let mountpoints: string[] = [];
  try {
    mountpoints = parseMountinfo(await readFile('/proc/self/mountinfo', 'utf8')).map((m) => m.mountpoint);
  } catch {
    /* not Linux: drivelist's isSystem still guards the system drive */
  }
  const appDataMountpoint = mountpointContaining(await resolveExisting(appDataDir), mountpoints);
  return {
    ...(jobKind ? { jobKind } : {}),
    appDataDir,
    ...(appDataMountpoint ? { appDataMountpoint } : {}),
  };
}
