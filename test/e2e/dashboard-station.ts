/**
 * What the dashboard e2e tests share: the station on a fresh DOCKHAND_HOME with the embedded endpoint, the
 * app core behind it (for the steps a test takes as set-up, through the same contract the page uses), a
 * Chromium page, and screenshots of a state at 1280×800 and 1024×700, light and dark, each checked by axe.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { appPaths, type AppPaths } from '../../electron/app-paths';
import type {
  DriveIdentity,
  OperationArgs,
  OperationName,
  OperationResults,
} from '../../electron/shared/contract';
import { createAppCore, type AppCore } from '../../electron/shared/handlers';
import { startStation, type RunningStation } from '../../electron/station/server';
import { expectAccessible, launchChromium } from '../helpers/browser';
import { buildRenderer, embeddedEnv, SHOTS_DIR, VIEWPORTS, openPage } from '../helpers/station-e2e';
export { SHOTS_DIR, VIEWPORTS };

/** The app's tracker polls this often here, so a status change shows within seconds. */
const TEST_POLL_MS = 500;

export const SCHEMES = ['light', 'dark'] as const;

export interface DashboardStation {
  home: string;
  paths: AppPaths;
  station: RunningStation;
  browser: Browser;
  page: Page;
  /** One contract call, as the page would make it; throws with the contract's error. */
  call<K extends OperationName>(op: K, args: OperationArgs<K>): Promise<OperationResults[K]>;
  /** Screenshots of the page as it is, in every viewport and colour scheme, each checked by axe. */
  shoot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openDashboardStation(prefix: string): Promise<DashboardStation> {
  await mkdir(SHOTS_DIR, { recursive: true });
  await buildRenderer();
  const home = await mkdtemp(path.join(os.tmpdir(), `dockhand-${prefix}-`));
  const env = embeddedEnv(home);
  const paths = appPaths(env);
  let core: AppCore | undefined;
  const station = await startStation({
    createCore: async (emit) => {
      core = await createAppCore({
        host: 'station',
        emit,
        env,
        paths,
        tracking: { initialIntervalMs: TEST_POLL_MS, idleCheckMs: TEST_POLL_MS },
      });
      return core;
    },
  });
  const browser = await launchChromium();
  const { page } = await openPage(browser, VIEWPORTS[0]);

  async function call<K extends OperationName>(op: K, args: OperationArgs<K>): Promise<OperationResults[K]> {
    if (!core) throw new Error('the station has not built its core yet');
    const r = await core.dispatch(op, args);
    if (!r.ok) throw new Error(`${op}: ${r.error.code}: ${r.error.message}`);
    return r.value as OperationResults[K];
  }

  async function shoot(name: string): Promise<void> {
    const before = page.viewportSize() ?? VIEWPORTS[0];
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        await page.screenshot({
          path: path.join(SHOTS_DIR, `${prefix}-${name}-${vp.width}x${vp.height}-${scheme}.png`),
          fullPage: true,
        });
      }
      await expectAccessible(page, `${name} (${scheme})`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(before);
  }

  return {
    home,
    paths,
    station,
    browser,
    page,
    call,
    shoot,
    async close() {
      await browser.close();
      await station.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** A manifest for an S3 import to the demo bucket from the drive with this serial, built by the app. */
export async function importManifest(
  s: Pick<DashboardStation, 'call'>,
  serial: string,
  prefix: string,
): Promise<string> {
  const formatted = await s.call('manifest.format', {
    form: {
      kind: 's3-import',
      deviceId: serial,
      bucket: 'dockhand-demo',
      prefix,
      returnAddress: {
        name: 'Ada Lovelace',
        company: 'Analytical Engines Ltd',
        street1: '410 Terry Ave N',
        city: 'Seattle',
        stateOrProvince: 'WA',
        postalCode: '98109',
        country: 'US',
        phoneNumber: '+1 206 555 0100',
      },
    },
  });
  return formatted.text;
}

/** The identity of a plugged, mounted drive as the Device step captures it. */
export async function identityOf(
  s: Pick<DashboardStation, 'call'>,
  devicePath: string,
): Promise<DriveIdentity> {
  for (let i = 0; i < 50; i++) {
    const drives = await s.call('drives.list', {});
    const d = drives.find((x) => x.device === devicePath && x.mountpoints[0]);
    if (d) {
      return {
        device: d.device,
        serial: d.serial,
        sizeBytes: d.sizeBytes,
        mountpoint: d.mountpoints[0] as string,
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${devicePath} did not show up mounted in the drive list`);
}

/**
 * Inventory (Preflight) then CreateJob, bound to the drive, as the wizard does. `allowDuplicateDevice` is the
 * person's yes to "this drive already has a live job; create another?".
 */
export async function prepareJob(
  s: Pick<DashboardStation, 'call'>,
  drive: DriveIdentity,
  prefix: string,
  options: { allowDuplicateDevice?: boolean } = {},
): Promise<{ jobId: string; leftovers: NonNullable<OperationResults['inventory.start']['leftovers']> }> {
  const manifestText = await importManifest(s, drive.serial, prefix);
  const runId = `run-${Math.random().toString(36).slice(2)}`;
  const inventory = await s.call('inventory.start', { runId, drive, manifestText, jobType: 'Import' });
  const created = await s.call('jobs.create', {
    jobType: 'Import',
    manifestText,
    drive,
    inventoryRunId: runId,
    ...(options.allowDuplicateDevice ? { allowDuplicateDevice: true } : {}),
  });
  return { jobId: created.jobId, leftovers: inventory.leftovers ?? [] };
}
