/**
 * Child process for concurrency.test.ts: opens the dock on a data dir, says `ready`, waits for a line on
 * stdin, then runs `dock start` on each job id as fast as it can and prints `ID started` or `ID refused`.
 * Run with: node build/run-ts.js test/integration/service/dock-race-child.ts DATA_DIR ID...
 */
import { once } from 'node:events';
import { DockError, openDock } from '../../../electron/service/dock/index';

const GAP_MS = 3;
const [dataDir, ...ids] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: dock-race-child.ts DATA_DIR ID...');
const dock = openDock(dataDir);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
// Reverse order with a short gap, while the test cancels front to back: the two meet in the middle.
for (const id of [...ids].reverse()) {
  await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  try {
    dock.start(id);
    process.stdout.write(`${id} started\n`);
  } catch (err) {
    if (!(err instanceof DockError)) throw err;
    process.stdout.write(`${id} refused\n`);
  }
}
dock.close();
process.stdin.destroy();
