/**
 * The whole journey of one device through the station in a real Chromium: a job created in the wizard on a
 * real zram drive, SIGNATURE (or, until electron/signature lands, the step saying why it cannot write it),
 * the shipping label printed to a real cups-pdf queue (the printed PDF carries the job id), the embedded
 * endpoint's operator moving the job to Returned with a carrier and tracking number, and the dashboard and a
 * notification showing it. Also: a drive unplugged during the Device step disappears and drops the selection.
 * Screenshots of every step go to test-results/screenshots/journey-*.png; every new screen gets an axe check.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSignatureFile } from '../../electron/protocol/signature-file';
import { openDock } from '../../electron/service/dock/index';
import { receiveDevice } from '../../electron/service/loading/index';
import { appPaths } from '../../electron/app-paths';
import { createAppCore } from '../../electron/shared/handlers';
import { startStation, type RunningStation } from '../../electron/station/server';
import { testCups, type TestCups } from '../helpers/cups';
import { pdfText, pdfToolsSkipReason } from '../helpers/pdf-tools';
import {
  chromiumSkipReason,
  expectAccessible as expectPageAccessible,
  launchChromium,
} from '../helpers/browser';
import { createZramDrive, zramSkipReason, type ZramDrive } from '../helpers/zram';
import { buildRenderer, embeddedEnv, SHOTS_DIR, VIEWPORTS, openPage } from '../helpers/station-e2e';

const MiB = 1024 * 1024;
const DRIVE_LABEL = 'DOCKJRNY';
/** The app's tracker polls this often here, so a status change shows within seconds, not 30 s. */
const TEST_POLL_MS = 500;
/** The drive list promises a second; the watcher, lsblk and a loaded CI machine get some slack. */
const DRIVE_APPEARS_WITHIN_MS = 5_000;
const RETURN_CARRIER = 'UPS';
const TRACKING_NUMBER = '1Z999AA10123456784';

const cups: TestCups = await testCups();
const skip =
  chromiumSkipReason('the journey e2e') ??
  zramSkipReason() ??
  pdfToolsSkipReason() ??
  (cups.available ? undefined : cups.skipReason);

describe.skipIf(skip !== undefined)(
  'the whole journey of one device, in Chromium through dockhand station',
  () => {
    let browser: Browser;
    let page: Page;
    let station: RunningStation;
    let drive: ZramDrive;
    let home: string;
    let endpointDir: string;
    let jobId = '';
    let signatureWritten = false;
    const extraDrives: ZramDrive[] = [];

    async function shot(name: string): Promise<void> {
      await page.screenshot({ path: path.join(SHOTS_DIR, `journey-${name}.png`), fullPage: true });
    }

    /** A dashboard state the other e2e files do not reach: at both sizes, light and dark, checked by axe. */
    async function shots(name: string): Promise<void> {
      const before = page.viewportSize() ?? VIEWPORTS[1];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const vp of VIEWPORTS) {
          await page.setViewportSize(vp);
          await page.screenshot({
            path: path.join(SHOTS_DIR, `journey-${name}-${vp.width}x${vp.height}-${scheme}.png`),
            fullPage: true,
          });
        }
        await expectAccessible(`${name} (${scheme})`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize(before);
    }

    const expectAccessible = (where: string) => expectPageAccessible(page, where);

    const next = () => page.getByRole('button', { name: 'Next', exact: true });
    const driveRadio = (d: ZramDrive) =>
      page.getByRole('radio', { name: new RegExp(`\\(${d.devicePath}\\)`) });

    beforeAll(async () => {
      await mkdir(SHOTS_DIR, { recursive: true });
      await buildRenderer();
      home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-journey-'));
      const env = embeddedEnv(home);
      endpointDir = appPaths(env).endpointDir;
      drive = await createZramDrive({
        sizeBytes: 64 * MiB,
        label: DRIVE_LABEL,
        files: { 'photos/2026/harbour.jpg': 'not really a jpeg', 'notes.txt': 'ship me' },
      });
      station = await startStation({
        createCore: (emit) =>
          createAppCore({
            host: 'station',
            emit,
            env,
            paths: appPaths(env),
            tracking: { initialIntervalMs: TEST_POLL_MS, idleCheckMs: TEST_POLL_MS },
          }),
      });
      browser = await launchChromium();
      ({ page } = await openPage(browser, { width: 1024, height: 700 }, async (context) => {
        await context.grantPermissions(['notifications'], { origin: station.url });
        // Records every Web Notification the page shows (headless Chromium draws none), keeping the real one.
        await context.addInitScript(() => {
          const Real = window.Notification;
          const shown: Array<{ title: string; body: string }> = [];
          (window as unknown as { __shownNotifications: typeof shown }).__shownNotifications = shown;
          const Recording = function (title: string, options?: NotificationOptions) {
            shown.push({ title, body: options?.body ?? '' });
            return new Real(title, options);
          } as unknown as typeof Notification;
          Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
          Object.defineProperty(Recording, 'requestPermission', {
            value: (...a: []) => Real.requestPermission(...a),
          });
          window.Notification = Recording;
        });
      }));
    }, 180_000);

    afterEach(async (ctx) => {
      if (ctx.task.result?.state === 'fail' && page) {
        await shot(`failed-${ctx.task.name.split(':')[0]?.replace(/\W+/g, '-') ?? 'step'}`).catch(
          () => undefined,
        );
      }
    });

    afterAll(async () => {
      await browser?.close();
      await station?.close();
      for (const d of extraDrives) await d.unplug();
      await drive?.unplug();
      if (home) await rm(home, { recursive: true, force: true });
    });

    it('Account and Job: the local test endpoint, a manifest for an S3 import', async () => {
      await page.goto(station.openUrl);
      // The local test endpoint has its credentials: a returning person starts at the Job step.
      await page.getByRole('heading', { name: 'Job & manifest' }).waitFor();
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByRole('heading', { name: 'Account' }).waitFor();
      await shot('01-account');
      await next().click();
      await page.getByRole('heading', { name: 'Job & manifest' }).waitFor();
      await page.getByLabel(/^Bucket/).fill('dockhand-demo');
      await page.getByLabel('Key prefix').fill('journey/');
      await page.getByLabel(/^Name/).fill('Ada Lovelace');
      // GetShippingLabel needs a company (InvalidAddressException otherwise), though the manifest does not.
      await page.getByLabel(/^Company/).fill('Analytical Engines Ltd');
      await page.getByLabel(/^Street \*/).fill('410 Terry Ave N');
      await page.getByLabel(/^City/).fill('Seattle');
      await page.getByLabel(/^State or province/).fill('WA');
      await page.getByLabel(/^Postal code/).fill('98109');
      await page.getByLabel(/^Country/).fill('US');
      await page.getByLabel(/^Phone/).fill('+1 206 555 0100');
      await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true);
      await shot('02-job');
    });

    it('Device: a drive plugged in appears, and unplugging it removes it and drops the selection', async () => {
      await next().click();
      await page.getByRole('heading', { name: 'Device' }).waitFor();
      await driveRadio(drive).waitFor({ timeout: 10_000 });
      const spare = await createZramDrive({ sizeBytes: 32 * MiB, label: 'SPARE' });
      extraDrives.push(spare);
      await driveRadio(spare).waitFor({ timeout: DRIVE_APPEARS_WITHIN_MS });
      await driveRadio(spare).check();
      // An empty drive needs no typed confirmation: it is chosen at once.
      await page.getByText('Chosen:').waitFor();
      expect(await driveRadio(spare).isChecked()).toBe(true);
      await shot('03-device-spare-chosen');
      await expectAccessible('device');
      await spare.unplug();
      await driveRadio(spare).waitFor({ state: 'detached', timeout: DRIVE_APPEARS_WITHIN_MS });
      expect(await page.getByText('Chosen:').count()).toBe(0);
      expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
      expect(await next().isEnabled()).toBe(false);
      await page.getByText(/SPARE.*is not connected or not mounted any more/).waitFor();
      await shot('03-device-spare-unplugged');
    });

    it('Device, Preflight, Create: the zram drive, its inventory, then the job', async () => {
      // An import only reads the drive's files: no typed confirmation.
      await driveRadio(drive).check();
      await page.getByText('Chosen:').waitFor();
      await shot('03-device-chosen');
      await next().click();
      await page.getByRole('heading', { name: 'Check & create' }).waitFor();
      await page.getByText(/files, .* will be imported/).waitFor({ timeout: 30_000 });
      await page.getByRole('checkbox', { name: /AWS erases this device/ }).check();
      await shot('04-preflight');
      await page.getByRole('button', { name: 'Create job' }).click();
      await page.getByRole('heading', { name: 'SIGNATURE & label' }).waitFor({ timeout: 30_000 });
      jobId = (await page.locator('.job-id').first().textContent()) ?? '';
      expect(jobId).toMatch(/^[A-Z0-9]{5,}$/);
      await shot('05-created');
    });

    it('Write SIGNATURE: written, read back and safe to unplug — or the step says why it cannot write', async () => {
      await page.getByRole('button', { name: 'Write SIGNATURE' }).click();
      const safe = page.getByText('Safe to unplug.');
      const failed = page.getByText('SIGNATURE was not written');
      await safe.or(failed).first().waitFor({ timeout: 30_000 });
      await shot('06-signature');
      await expectAccessible('signature');
      if (await safe.count()) {
        signatureWritten = true;
        // Unmounted by the app: mount it again to read what landed on the drive.
        await drive.mount();
        const written = parseSignatureFile(readFileSync(path.join(drive.mountpoint, 'SIGNATURE'), 'utf8'));
        expect(written.jobId).toBe(jobId);
      } else {
        // electron/signature has not landed in this build: the step says so, the job is kept.
        const alert = page.getByRole('alert').filter({ hasText: 'SIGNATURE was not written' });
        expect(await alert.textContent()).toMatch(
          /Writing SIGNATURE is not available.*job itself is created and kept/,
        );
        expect(await page.getByRole('button', { name: 'Finish' }).isEnabled()).toBe(false);
      }
    });

    it('Label: printed from the dashboard to the cups-pdf queue, and the printed PDF carries the job id', async () => {
      await page.getByRole('button', { name: 'Jobs', exact: true }).click();
      const row = page.getByRole('row').filter({ hasText: jobId });
      await row.waitFor({ timeout: 10_000 });
      await row.getByRole('button', { name: jobId, exact: true }).click();
      await page.getByRole('button', { name: 'Get label' }).click();
      await page.getByRole('button', { name: 'Get shipping label' }).click();
      await page.locator('iframe.label-preview').waitFor({ timeout: 20_000 });
      await page.getByLabel('Printer').selectOption(cups.queue);
      const since = Date.now();
      await page.getByRole('button', { name: 'Print', exact: true }).click();
      const sent = page.getByText(new RegExp(`Sent to ${cups.queue}`));
      await sent.waitFor({ timeout: 20_000 });
      const printJob = /print job ([^)]+)\)/.exec((await sent.textContent()) ?? '')?.[1];
      const pdf = await cups.waitForPrintedPdf(since, 30_000, printJob);
      expect(await pdfText(pdf)).toContain(jobId);
      await shots('07-label-printed');
      await expectAccessible('label');
    });

    it('Returned: the operator ships it back; the dashboard shows the carrier, tracking number and a notification', async () => {
      if (signatureWritten) {
        // The loading station reads the real device: SIGNATURE checked, files imported, the log written.
        const loaded = await receiveDevice({ dataDir: endpointDir, jobId, mountpoint: drive.mountpoint });
        expect(loaded.abortReason).toBeUndefined();
      }
      const dock = openDock(endpointDir);
      try {
        if (!signatureWritten) {
          dock.receive(jobId);
          dock.start(jobId);
          dock.finish(jobId, 'Complete');
        }
        dock.returnDevice(jobId, { carrier: RETURN_CARRIER, trackingNumber: TRACKING_NUMBER });
      } finally {
        dock.close();
      }
      // The app's tracker notices; the page announces it in a role=status toast.
      const toast = page.getByRole('status', { name: 'Job notifications' });
      await toast.getByText(new RegExp(TRACKING_NUMBER)).first().waitFor({ timeout: 20_000 });
      expect(await toast.textContent()).toMatch(
        new RegExp(`${RETURN_CARRIER} tracking number (is )?${TRACKING_NUMBER}`),
      );
      expect(
        await toast.getByRole('link', { name: 'Track the parcel', exact: true }).getAttribute('href'),
      ).toMatch(/^https:\/\/.*1Z999AA10123456784/);
      const shown = await page.evaluate(
        () =>
          (window as unknown as { __shownNotifications: Array<{ title: string; body: string }> })
            .__shownNotifications,
      );
      expect(shown.some((n) => n.title.includes(jobId) && n.body.includes(TRACKING_NUMBER))).toBe(true);

      const row = page.getByRole('row').filter({ hasText: jobId });
      await row.getByRole('button', { name: jobId, exact: true }).click();
      const returned = page.getByText(/^Returned by UPS, tracking number/);
      await returned.waitFor({ timeout: 10_000 });
      expect(await returned.textContent()).toContain(TRACKING_NUMBER);
      await page.getByRole('link', { name: 'track the parcel', exact: true }).waitFor();
      await shots('08-returned');
      await expectAccessible('returned');
    });

    it('Reconciliation: the finished import file by file, or why there is nothing to compare', async () => {
      const panel = page.getByRole('region', { name: /Reconciliation/ });
      await panel.waitFor({ timeout: 10_000 });
      if (signatureWritten) {
        await panel.getByText(/Every file is accounted for|files needs? a look/).waitFor({ timeout: 20_000 });
        const files = panel.getByRole('table', { name: 'Files, discrepancies first' });
        expect(await files.getByRole('rowheader', { name: 'photos/2026/harbour.jpg' }).count()).toBe(1);
        expect(await files.getByRole('rowheader', { name: 'notes.txt' }).count()).toBe(1);
      } else {
        // Without electron/signature the device was never loaded, so the endpoint wrote no log.
        await panel.getByText(/names no log report/).waitFor({ timeout: 20_000 });
      }
      // The person has read the notification: dismiss it so it does not cover the table.
      await page
        .getByRole('status', { name: 'Job notifications' })
        .getByRole('button', { name: 'Dismiss' })
        .click();
      await panel.scrollIntoViewIfNeeded();
      await shot('09-reconciliation');
      await expectAccessible('reconciliation');
    });
  },
);
