/** `dockhand --version`, read from package.json wherever the running file sits (sources or a build). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** How many directories up from this file package.json may be (electron/cli/ in sources, dist/ built). */
const MAX_LEVELS_UP = 4;

export function packageVersion(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i <= MAX_LEVELS_UP; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'dockhand' && pkg.version) return pkg.version;
    } catch {
      // not here; look one level up
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

/** As `aws --version` prints it: tool/version runtime/version platform/arch. */
export function versionLine(): string {
  return `dockhand/${packageVersion()} node/${process.versions.node} ${process.platform}/${process.arch}`;
}
