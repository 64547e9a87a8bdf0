/**
 * Once per vitest run: rebuild the Node side of dist/ (esbuild, about a second) when any source is newer,
 * so tests that spawn the built CLI (test/helpers/cli.ts) or load the built main never run a stale build.
 * The renderer is built only when missing (`npm test` builds everything first; e2e tests rebuild it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildNode, buildRenderer, distDir, nodeBuildIsStale } from '../../build/build.js';

export default async function setup(): Promise<void> {
  if (await nodeBuildIsStale()) await buildNode();
  if (!existsSync(path.join(distDir, 'renderer', 'index.html'))) await buildRenderer();
}
