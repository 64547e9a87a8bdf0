/**
 * The wizard's stories through the station in a real Chromium, on real zram drives, written as the person
 * acts: the drive re-plugged on the Device and SIGNATURE screens (the same drive under a new device name is
 * offered and works, a different one is not), a reload and a detour to Jobs or Settings on every screen,
 * a created job continued from a fresh tab and from the dashboard, and the finish. Screenshots of every
 * screen at 1280×800 and 1024×700, light and dark, under test-results/screenshots/wizard-*.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../electron/app-paths';
import { createAppCore } from '../../electron/shared/handlers';
import { startStation, type RunningStation } from '../../electron/station/server';
import { chromiumSkipReason, expectAccessible, launchChromium } from '../helpers/browser';
import { createZramDrive, zramSkipReason, type ZramDrive } from '../helpers/zram';
import { buildRenderer, embeddedEnv, SHOTS_DIR, VIEWPORTS, openPage } from '../helpers/station-e2e';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const LABEL = 'SHIPME';
/** The drive list's promise: a drive appears or goes within a second; the page gets a little more. */
const DRIVE_CHANGE_MS = 10_000;

const skip = chromiumSkipReason('wizard story tests') ?? zramSkipReason();

/**
 * The same drive, unplugged and plugged back in under another device name: its bytes (file system UUID, label,
 * files) are copied onto a fresh zram device, the old one goes away, and the copy is mounted elsewhere.
 */
async function replugAsNewDevice(old: ZramDrive, scratch: string): Promise<ZramDrive> {
  const image = path.join(scratch, `zram${old.index}.img`);
  await old.unmount();
  await run('dd', [`if=${old.devicePath}`, `of=${image}`, 'bs=1M', 'status=none']);
  // The new device exists before the old one goes, so the kernel hands it another index (another name).
  const again = await createZramDrive({ sizeBytes: old.sizeBytes, label: old.label, mount: false });
  await old.unplug();
  await run('dd', [`if=${image}`, `of=${again.devicePath}`, 'bs=1M', 'conv=fsync', 'status=none']);
  await rm(image, { force: true });
  await again.mount();
  return again;
}

describe.skipIf(skip !== undefined)(
  'wizard stories in Chromium through dockhand station',
  { timeout: 120_000 },
  () => {
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let station: RunningStation;
    let home: string;
    let scratch: string;
    let drive: ZramDrive;
    const others: ZramDrive[] = [];
    let jobId = '';

    const heading = (name: string) => page.getByRole('heading', { level: 2, name });
    const next = () => page.getByRole('button', { name: 'Next', exact: true });
    const radioFor = (d: ZramDrive) => page.getByRole('radio', { name: new RegExp(`\\(${d.devicePath}\\)`) });

    /** Every screen at both sizes, light and dark; the page is left at 1280×800, light. The window as the
     * person sees it, or the whole page where what is below the fold is the point of the screen. */
    async function shots(name: string, fullPage = false): Promise<void> {
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.screenshot({
            path: path.join(SHOTS_DIR, `wizard-${name}-${vp.width}x${vp.height}-${scheme}.png`),
            fullPage,
          });
        }
      }
      await page.setViewportSize(VIEWPORTS[0]);
      await page.emulateMedia({ colorScheme: 'light' });
    }

    /** A reload, then Jobs and back, then Settings and back: each time the same screen comes back. */
    async function survivesReloadAndDetours(screen: string, check: () => Promise<void>): Promise<void> {
      await page.getByText(/Progress saved/).waitFor();
      await page.reload();
      await heading(screen).waitFor();
      await check();
      for (const tab of ['Jobs', 'Settings']) {
        await page.getByRole('button', { name: tab, exact: true }).click();
        await page.getByRole('heading', { level: 2, name: tab }).first().waitFor();
        await page.getByRole('button', { name: 'Prepare a device', exact: true }).click();
        await heading(screen).waitFor();
        await check();
      }
    }

    beforeAll(async () => {
      await mkdir(SHOTS_DIR, { recursive: true });
      await buildRenderer();
      home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-stories-'));
      scratch = await mkdtemp(path.join(os.tmpdir(), 'dockhand-replug-'));
      const env = embeddedEnv(home);
      drive = await createZramDrive({
        sizeBytes: 48 * MiB,
        label: LABEL,
        files: { 'photos/harbour.jpg': 'not really a jpeg', 'notes.txt': 'ship me' },
      });
      station = await startStation({
        createCore: (emit) => createAppCore({ host: 'station', emit, env, paths: appPaths(env) }),
      });
      browser = await launchChromium();
      ({ context, page } = await openPage(browser, VIEWPORTS[0]));
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await station?.close();
      for (const d of others) await d.unplug().catch(() => undefined);
      await drive?.unplug().catch(() => undefined);
      if (home) await rm(home, { recursive: true, force: true });
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    it('Job: a returning person starts here; problems show after Next, in the words of the form', async () => {
      await page.goto(station.openUrl);
      await heading('Job & manifest').waitFor();
      await page.getByText(/This account's buckets: dockhand-demo/).waitFor();
      expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
      await next().click();
      await page.getByText(/fields? needs? attention/).waitFor();
      const said = (await page.locator('.issues, .field .issue').allTextContents()).join('\n');
      expect(said).not.toMatch(/`|returnAddress\./);
      await shots('job-errors');
      await page.getByLabel(/^Bucket/).fill('not-a-bucket-here');
      await page.getByLabel(/^Bucket/).blur();
      await page
        .getByText(/no bucket named "not-a-bucket-here"/)
        .first()
        .waitFor();
      await page.getByLabel(/^Bucket/).fill('dockhand-demo');
      await page.getByText(/The account's bucket, in us-east-1/).waitFor();
      await page.getByLabel(/^Name/).fill('Ada Lovelace');
      await page.getByLabel(/^Company/).fill('Analytical Engines Ltd');
      await page.getByLabel(/^Street \*/).fill('410 Terry Ave N');
      await page.getByLabel(/^City/).fill('Seattle');
      await page.getByLabel(/^State or province/).fill('WA');
      await page.getByLabel(/^Postal code/).fill('98109');
      await page.getByLabel(/^Country/).fill('USA');
      await page.getByLabel(/^Country/).blur();
      await page
        .getByText(/"USA" is not a two-letter code/)
        .first()
        .waitFor();
      await page.getByLabel(/^Country/).fill('US');
      await page.getByLabel(/^Phone/).fill('+1 206 555 0100');
      // Only the optional notification e-mail is left, as a warning: nothing is red.
      await page.getByRole('heading', { name: '1 warning' }).waitFor();
      expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
      await shots('job');
      await expectAccessible(page, 'job');
      await survivesReloadAndDetours('Job & manifest', async () => {
        expect(await page.getByLabel(/^Bucket/).inputValue()).toBe('dockhand-demo');
        expect(await page.getByLabel(/^Country/).inputValue()).toBe('US');
      });
    });

    it('Device: the drive unplugged and back as another device is offered; a different drive is not', async () => {
      await next().click();
      await heading('Device').waitFor();
      await radioFor(drive).waitFor({ timeout: DRIVE_CHANGE_MS });
      // An import only reads the files: chosen without typing anything.
      await radioFor(drive).check();
      await page.getByText('Chosen:').waitFor();
      await shots('device');
      await expectAccessible(page, 'device');
      await survivesReloadAndDetours('Device', async () => {
        await page.getByText('Chosen:').waitFor();
        expect(await radioFor(drive).isChecked()).toBe(true);
      });

      const before = drive.devicePath;
      drive = await replugAsNewDevice(drive, scratch);
      expect(drive.devicePath).not.toBe(before);
      const offer = page.getByText(new RegExp(`${LABEL} is back as ${drive.devicePath}`));
      await offer.waitFor({ timeout: DRIVE_CHANGE_MS });
      expect(await page.getByText('Chosen:').count()).toBe(0);
      expect(await next().isEnabled()).toBe(false);
      // A different drive with the same label is listed, but never offered as this one.
      const impostor = await createZramDrive({ sizeBytes: 48 * MiB, label: LABEL });
      others.push(impostor);
      await radioFor(impostor).waitFor({ timeout: DRIVE_CHANGE_MS });
      expect(await page.getByText(new RegExp(`is back as ${impostor.devicePath}`)).count()).toBe(0);
      await shots('device-replug');
      await expectAccessible(page, 'device-replug');
      await page.getByRole('button', { name: `Use ${LABEL} at ${drive.devicePath}` }).click();
      await page.getByText('Chosen:').waitFor();
      expect(await radioFor(drive).isChecked()).toBe(true);
    });

    it('Check & create: preflight, the erase acknowledgement, then one Create', async () => {
      await next().click();
      await heading('Check & create').waitFor();
      await page.getByText(/files, .* will be imported/).waitFor({ timeout: 30_000 });
      await page.getByRole('checkbox', { name: /AWS erases this device/ }).check();
      await shots('check');
      await expectAccessible(page, 'check');
      // Add files, opened as a person who still has data to put on the drive would, then closed again.
      const addFiles = page.getByText(/^Add files to the drive first/);
      await addFiles.click();
      await page.getByRole('button', { name: 'Check the plan' }).waitFor();
      await shots('check-add-files', true);
      await expectAccessible(page, 'check-add-files');
      await addFiles.click();
      await survivesReloadAndDetours('Check & create', async () => {
        await page.getByText(/files, .* will be imported/).waitFor({ timeout: 30_000 });
        expect(await page.getByRole('checkbox', { name: /AWS erases this device/ }).isChecked()).toBe(true);
      });
      await page.getByRole('button', { name: 'Create job' }).click();
      await heading('SIGNATURE & label').waitFor({ timeout: 30_000 });
      jobId = (await page.locator('.job-id').first().textContent()) ?? '';
      expect(jobId).toMatch(/^[A-Z0-9]{5,}$/);
      expect(await page.getByRole('button', { name: 'Back' }).isEnabled()).toBe(false);
    });

    it('a created job is offered as "Continue preparing" in a fresh tab and on its dashboard row', async () => {
      const tab = await context.newPage();
      await tab.goto(station.openUrl);
      await tab.getByRole('heading', { level: 2, name: 'Job & manifest' }).waitFor();
      await tab
        .getByRole('button', { name: `Continue preparing ${jobId}` })
        .first()
        .click();
      await tab.getByRole('heading', { level: 2, name: 'SIGNATURE & label' }).waitFor();
      expect(await tab.locator('.job-id').first().textContent()).toBe(jobId);
      await tab.close();

      await page.getByRole('button', { name: 'Jobs', exact: true }).click();
      const row = page.getByRole('row').filter({ hasText: jobId });
      await row.waitFor({ timeout: 10_000 });
      await row.getByRole('button', { name: `Continue preparing ${jobId}` }).click();
      await heading('SIGNATURE & label').waitFor();
      expect(await page.locator('.job-id').first().textContent()).toBe(jobId);
    });

    it('SIGNATURE: the drive re-plugged under a new name is offered on the screen, and the write works', async () => {
      await shots('ship');
      await expectAccessible(page, 'ship');
      await survivesReloadAndDetours('SIGNATURE & label', async () => {
        await page.getByRole('button', { name: 'Write SIGNATURE' }).waitFor();
      });
      const before = drive.devicePath;
      drive = await replugAsNewDevice(drive, scratch);
      expect(drive.devicePath).not.toBe(before);
      await page
        .getByText(new RegExp(`${LABEL} is back as ${drive.devicePath}`))
        .waitFor({ timeout: DRIVE_CHANGE_MS });
      expect(await page.getByText(new RegExp(`is back as ${others[0]?.devicePath ?? 'none'}`)).count()).toBe(
        0,
      );
      expect(await page.getByRole('button', { name: 'Write SIGNATURE' }).count()).toBe(0);
      await shots('ship-replug');
      await expectAccessible(page, 'ship-replug');
      await page.getByRole('button', { name: `Use ${LABEL} at ${drive.devicePath}` }).click();
      await page.getByRole('button', { name: 'Write SIGNATURE' }).click();
      await page.getByText('Safe to unplug.').waitFor({ timeout: 30_000 });
    });

    it('Finish waits for the label and the checklist, then sums up with the ship-by date and no Back', async () => {
      const finish = page.getByRole('button', { name: 'Finish' });
      expect(await finish.isEnabled()).toBe(false);
      await page.getByRole('button', { name: 'Get shipping label' }).click();
      await page.locator('iframe.label-preview').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Save as PDF' }).click();
      await page.getByText(/Saved as .*\.pdf/).waitFor();
      expect(await finish.isEnabled()).toBe(false);
      for (const box of await page.locator('.checklist input[type="checkbox"]').all()) await box.check();
      await expect.poll(() => finish.isEnabled()).toBe(true);
      await shots('ship-ready');
      await finish.click();
      await heading('Ready to ship').waitFor();
      await page.getByText(/the job expires if the device has not reached AWS by then/).waitFor();
      expect(await page.getByRole('button', { name: 'Back' }).count()).toBe(0);
      await shots('done');
      await expectAccessible(page, 'done');
    });

    it('the next preparation types nothing the app knows: the return address is one line', async () => {
      await page.getByRole('button', { name: 'Prepare another device' }).click();
      await heading('Job & manifest').waitFor();
      await page.getByText(/Return address:.*Ada Lovelace/).waitFor();
      expect(await page.getByLabel(/^Street \*/).count()).toBe(0);
      await shots('job-returning');
      await expectAccessible(page, 'job-returning');
    });

    it('Account and Settings: the screens a returning person passes by are whole at both sizes', async () => {
      await page.getByRole('button', { name: 'Back' }).click();
      await heading('Account').waitFor();
      await shots('account');
      await expectAccessible(page, 'account');
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Settings' }).first().waitFor();
      await shots('settings', true);
      await expectAccessible(page, 'settings');
    });
  },
);
