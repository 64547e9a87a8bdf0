/**
 * The whole UI through the station in a real Chromium: the wizard up to a created job on a real zram
 * drive, the dashboard and settings, an axe check of every screen, and screenshots of every step (light and
 * dark) under test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../electron/app-paths';
import { createAppCore } from '../../electron/shared/handlers';
import { startStation, type RunningStation } from '../../electron/station/server';
import {
  chromiumSkipReason,
  expectAccessible as expectPageAccessible,
  launchChromium,
} from '../helpers/browser';
import { createZramDrive, zramSkipReason, type ZramDrive } from '../helpers/zram';
import { buildRenderer, embeddedEnv, SHOTS_DIR, openPage } from '../helpers/station-e2e';

const MiB = 1024 * 1024;
const DRIVE_LABEL = 'DOCKE2E';

const skip = chromiumSkipReason('e2e tests') ?? zramSkipReason();

describe.skipIf(skip !== undefined)('the wizard in Chromium through dockhand station', () => {
  let browser: Browser;
  let page: Page;
  let station: RunningStation;
  let drive: ZramDrive;
  let home: string;
  let jobId = '';

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
  }

  const expectAccessible = (where: string) => expectPageAccessible(page, where);

  const next = () => page.getByRole('button', { name: 'Next', exact: true });

  beforeAll(async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    // Always a fresh build, so the test never runs against a stale dist/renderer.
    await buildRenderer();
    home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-e2e-'));
    const env = embeddedEnv(home);
    drive = await createZramDrive({
      sizeBytes: 64 * MiB,
      label: DRIVE_LABEL,
      files: { 'photos/2026/harbour.jpg': 'not really a jpeg', 'notes.txt': 'ship me' },
    });
    station = await startStation({
      createCore: (emit) => createAppCore({ host: 'station', emit, env, paths: appPaths(env) }),
    });
    browser = await launchChromium();
    ({ page } = await openPage(browser, { width: 1024, height: 700 }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await drive?.unplug();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('refuses the page without its token', async () => {
    await page.goto(station.url + '/');
    await expect.poll(() => page.getByText(/needs the full address/).count()).toBe(1);
  });

  it('Account: shows the local test endpoint', async () => {
    // A fragment-only change would not reload the page; start from a blank one.
    await page.goto('about:blank');
    await page.goto(station.openUrl);
    // Credentials are known (the local test endpoint's): the wizard starts at the Job step; Back shows them.
    await page.getByRole('heading', { name: 'Job & manifest' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    await page.getByText('Local test endpoint').first().waitFor();
    expect(page.url()).not.toContain('token=');
    await shot('01-account');
    await expectAccessible('account');
  });

  it('Job & manifest: lints as typed, field by field', async () => {
    await next().click();
    await page.getByRole('heading', { name: 'Job & manifest' }).waitFor();
    await page
      .getByText(/bucket/i)
      .first()
      .waitFor();
    await shot('02-job-empty');
    await page.getByLabel(/^Bucket/).fill('dockhand-demo');
    await page.getByLabel('Key prefix').fill('e2e/');
    await page.getByLabel(/^Name/).fill('Ada Lovelace');
    await page.getByLabel(/^Company/).fill('Analytical Engines Ltd');
    await page.getByLabel(/^Street \*/).fill('410 Terry Ave N');
    await page.getByLabel(/^City/).fill('Seattle');
    await page.getByLabel(/^State or province/).fill('WA');
    await page.getByLabel(/^Postal code/).fill('98109');
    await page.getByLabel(/^Country/).fill('US');
    await page.getByLabel(/^Phone/).fill('+1 206 555 0100');
    await page.waitForTimeout(500);
    await shot('02-job-filled');
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true);
    await expectAccessible('job');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('02-job-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('Device: the zram drive is listed, nothing is chosen, and an import drive with files is chosen without typing', async () => {
    await next().click();
    await page.getByRole('heading', { name: 'Device' }).waitFor();
    const radio = page.getByRole('radio', { name: new RegExp(drive.devicePath.replace('/dev/', '')) });
    await radio.waitFor({ timeout: 10_000 });
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await shot('03-device-list');
    await expectAccessible('device');
    await radio.check();
    await page
      .getByText(/Dockhand only reads them/)
      .first()
      .waitFor();
    await page.getByText('Chosen:').waitFor();
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true);
    await shot('03-device-chosen');
  });

  it('Check & create: inventory with findings, then the erase acknowledgement, then Create', async () => {
    await next().click();
    await page.getByRole('heading', { name: 'Check & create' }).waitFor();
    await page.getByText(/files, .* will be imported/).waitFor({ timeout: 30_000 });
    const create = page.getByRole('button', { name: 'Create job' });
    expect(await create.isEnabled()).toBe(false);
    await page.getByRole('checkbox', { name: /AWS erases this device/ }).check();
    expect(await create.isEnabled()).toBe(true);
    await shot('04-preflight');
    await expectAccessible('preflight');
    await create.click();
    await page.getByRole('heading', { name: 'SIGNATURE & label' }).waitFor({ timeout: 30_000 });
    jobId = (await page.locator('.job-id').first().textContent()) ?? '';
    expect(jobId).toMatch(/^[A-Z0-9]{5,}$/);
  });

  it('Write SIGNATURE: the step for the created job', async () => {
    expect(await page.getByText(jobId).count()).toBeGreaterThan(0);
    await shot('06-signature');
    await expectAccessible('signature');
  });

  it('Jobs: the new job is on the dashboard with its drive and deadline', async () => {
    await page.getByRole('button', { name: 'Jobs', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: jobId });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: jobId, exact: true }).click();
    await page.getByText(/unless the device reaches AWS/).waitFor();
    await shot('07-jobs');
    await expectAccessible('jobs');
  });

  it('Jobs: fetches the shipping label, previews it and saves it as a PDF', async () => {
    await page.getByRole('button', { name: 'Get label' }).click();
    await page.getByRole('button', { name: 'Get shipping label' }).click();
    await page
      .locator('iframe.label-preview')
      .waitFor({ timeout: 20_000 })
      .catch(async (err: unknown) => {
        await shot('failed-label');
        throw err;
      });
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    const saved = page.getByText(/Saved as .*\.pdf/);
    await saved.waitFor();
    const file = ((await saved.textContent()) ?? '').replace(/^Saved as /, '').replace(/\.$/, '');
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot('07-jobs-label');
    await expectAccessible('jobs-label');
  });

  it('Settings: endpoint, credentials, return address, printer', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await shot('08-settings');
    await expectAccessible('settings');
  });

  it('works from the keyboard alone: Tab reaches the main navigation with a visible focus ring', async () => {
    await page.goto('about:blank');
    await page.goto(station.openUrl);
    await page.getByRole('heading', { level: 2 }).waitFor();
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Jobs');
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
  });
});
