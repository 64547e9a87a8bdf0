/**
 * The Job step through the station in a real Chromium, against the embedded endpoint's S3 (ListBuckets,
 * HeadBucket): the account's only bucket is filled in; a log bucket in another region is said in words; a
 * YAML problem is marked inside the text at its line and column, and its link puts the caret there.
 * Screenshots at 1280×800 and 1024×700, light and dark, under test-results/screenshots/job-step-*.
 * No drive is needed: nothing here goes past the Job step.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../electron/app-paths';
import { generateDemoAccount } from '../../electron/service/config';
import { createAppCore } from '../../electron/shared/handlers';
import { startStation, type RunningStation } from '../../electron/station/server';
import { chromiumSkipReason, expectAccessible, launchChromium } from '../helpers/browser';
import { buildRenderer, embeddedEnv, SHOTS_DIR, VIEWPORTS, openPage } from '../helpers/station-e2e';

const EU_LOGS = 'dockhand-logs-eu';

/** Comment lines first, so the problem's line is below the textarea's first screen of text (24 lines). */
const PADDING_LINES = 30;
const PHONE_LINE = PADDING_LINES + 14;
const BAD_YAML = [
  ...Array.from({ length: PADDING_LINES }, (_, i) => `# note ${i + 1}: kept by the operator`),
  'manifestVersion: 2.0',
  'generator: Dockhand e2e',
  'accessKeyId: AKIAIOSFODNN7EXAMPLE',
  'bucket: dockhand-demo',
  'eraseDevice: yes',
  'notificationEmail: ops@example.com',
  'returnAddress:',
  '  name: Ada Lovelace',
  '  company: Analytical Engines Ltd',
  '  street1: 410 Terry Ave N',
  '  city: Seattle',
  '  stateOrProvince: WA',
  '  postalCode: 98109',
  '  phoneNumber: 555',
  '  country: US',
  '',
].join('\n');

const skip = chromiumSkipReason('Job step e2e tests');

describe.skipIf(skip !== undefined)('the Job step in Chromium through dockhand station', () => {
  let browser: Browser;
  let page: Page;
  const homes: string[] = [];
  let station: RunningStation | undefined;

  /** A station on a fresh home; `buckets` replaces the demo account's one bucket. */
  async function openStation(buckets?: Array<{ name: string; region: string }>): Promise<void> {
    await station?.close();
    const home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-jobstep-'));
    homes.push(home);
    const env = embeddedEnv(home);
    const paths = appPaths(env);
    if (buckets) {
      await mkdir(paths.endpointDir, { recursive: true });
      const account = { ...generateDemoAccount(), buckets };
      await writeFile(path.join(paths.endpointDir, 'demo-account.json'), JSON.stringify(account), {
        mode: 0o600,
      });
    }
    station = await startStation({
      createCore: (emit) => createAppCore({ host: 'station', emit, env, paths }),
    });
    await page.goto('about:blank');
    await page.goto(station.openUrl);
    await page.getByRole('heading', { level: 2, name: 'Job & manifest' }).waitFor();
  }

  /** Both sizes, light and dark; `frame` puts what the picture is about in view after each resize. */
  async function shots(name: string, frame: () => Promise<void>): Promise<void> {
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      await frame();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({
          path: path.join(SHOTS_DIR, `job-step-${name}-${vp.width}x${vp.height}-${scheme}.png`),
        });
      }
    }
    await page.setViewportSize(VIEWPORTS[0]);
    await page.emulateMedia({ colorScheme: 'light' });
  }

  beforeAll(async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    await buildRenderer();
    browser = await launchChromium();
    ({ page } = await openPage(browser, VIEWPORTS[0]));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    for (const home of homes) await rm(home, { recursive: true, force: true });
  });

  it("fills in the account's only bucket and says so", async () => {
    await openStation();
    const bucket = page.getByLabel(/^Bucket/);
    await expect.poll(() => bucket.inputValue(), { timeout: 10_000 }).toBe('dockhand-demo');
    await page.getByText(/your only bucket/).waitFor();
    await page.getByText(/The account's bucket, in us-east-1/).waitFor();
    // Filled in, not typed: nothing is red, and the fresh preparation is not saved as a draft.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    expect(await page.getByText(/Progress saved/).count()).toBe(0);
  });

  it('marks a YAML problem at its line and column, inside the text; its link puts the caret there', async () => {
    await page.getByRole('button', { name: 'Edit as YAML' }).click();
    const area = page.getByLabel('Manifest YAML');
    await area.fill(BAD_YAML);
    const link = page.getByRole('button', { name: `Line ${PHONE_LINE}, column 3` });
    await link.waitFor({ timeout: 10_000 });
    const mark = page.locator('mark.yaml-mark-error');
    expect(await mark.count()).toBe(1);
    expect(await mark.textContent()).toBe('phoneNumber: 555');
    expect(await area.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await area.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(
      new RegExp(`Line ${PHONE_LINE}, column 3: .*phone`),
    );

    // The problem's line is below the textarea's first screen: from the top (typing left the caret at the
    // end), the link moves the caret to it and scrolls the text there.
    await area.evaluate((el) => {
      const ta = el as HTMLTextAreaElement;
      ta.setSelectionRange(0, 0);
      ta.scrollTop = 0;
    });
    await link.click();
    const caret = await area.evaluate((el) => {
      const ta = el as HTMLTextAreaElement;
      return { start: ta.selectionStart, end: ta.selectionEnd, focused: document.activeElement === ta };
    });
    const expected =
      BAD_YAML.split('\n')
        .slice(0, PHONE_LINE - 1)
        .join('\n').length +
      1 +
      2;
    expect(caret).toEqual({ start: expected, end: expected, focused: true });
    expect(await area.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

    // Where the mark is drawn is where line PHONE_LINE, column 3 of the textarea is, and it is in view.
    const geometry = await page.evaluate(() => {
      const ta = document.querySelector('textarea.yaml') as HTMLTextAreaElement;
      const m = document.querySelector('mark.yaml-mark-error') as HTMLElement;
      const cs = getComputedStyle(ta);
      const box = ta.getBoundingClientRect();
      const at = m.getBoundingClientRect();
      const charWidth = (() => {
        const probe = document.createElement('span');
        probe.style.font = cs.font;
        probe.style.position = 'absolute';
        probe.textContent = 'x'.repeat(100);
        document.body.append(probe);
        const w = probe.getBoundingClientRect().width / 100;
        probe.remove();
        return w;
      })();
      return {
        lineHeight: parseFloat(cs.lineHeight),
        textTop: box.top + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop) - ta.scrollTop,
        textLeft: box.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft) - ta.scrollLeft,
        charWidth,
        box: { top: box.top, bottom: box.bottom },
        mark: { top: at.top, left: at.left, bottom: at.bottom, width: at.width },
        background: getComputedStyle(m).backgroundColor,
      };
    });
    // An inline box is as tall as the font, not the line: its middle is the line's middle.
    const markMiddle = (geometry.mark.top + geometry.mark.bottom) / 2;
    const lineMiddle = geometry.textTop + (PHONE_LINE - 0.5) * geometry.lineHeight;
    expect(Math.abs(markMiddle - lineMiddle)).toBeLessThan(2);
    expect(Math.abs(geometry.mark.left - (geometry.textLeft + 2 * geometry.charWidth))).toBeLessThan(2);
    expect(geometry.mark.width).toBeGreaterThan('phoneNumber: 555'.length * geometry.charWidth - 2);
    expect(geometry.mark.top).toBeGreaterThanOrEqual(geometry.box.top);
    expect(geometry.mark.bottom).toBeLessThanOrEqual(geometry.box.bottom);
    expect(geometry.background).not.toBe('rgba(0, 0, 0, 0)');

    await expectAccessible(page, 'job-yaml-error');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'job-yaml-error-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // The pictures show the editor with the list of problems under it.
    await shots('yaml-error', () =>
      page.locator('.yaml-marks').evaluate((el) => el.scrollIntoView({ block: 'end' })),
    );
  });

  it('says when the log bucket is in another region than the bucket', async () => {
    await openStation([
      { name: 'dockhand-demo', region: 'us-east-1' },
      { name: EU_LOGS, region: 'eu-west-1' },
    ]);
    await page.getByText(new RegExp(`This account's buckets: dockhand-demo, ${EU_LOGS}`)).waitFor();
    // Two buckets: nothing is guessed.
    expect(await page.getByLabel(/^Bucket/).inputValue()).toBe('');
    await page.getByLabel(/^Bucket/).fill('dockhand-demo');
    const log = page.getByLabel(/^Log bucket/);
    await log.fill(EU_LOGS);
    const said = page.getByText(
      `The log bucket "${EU_LOGS}" is in eu-west-1, but the bucket "dockhand-demo" is in us-east-1`,
      { exact: false },
    );
    await said.first().waitFor({ timeout: 10_000 });
    expect(await log.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').filter({ has: log }).textContent()).toMatch(
      /one region and refuses the job otherwise\. Choose a log bucket in us-east-1/,
    );
    expect(await page.locator('.field-error').filter({ has: log }).textContent()).not.toMatch(/Exception/);
    await expectAccessible(page, 'job-region');
    await shots('region', () =>
      page
        .locator('.field-error')
        .filter({ has: log })
        .evaluate((el) => el.scrollIntoView({ block: 'center' })),
    );
    // Back to one region: the message goes.
    await log.fill('');
    await expect.poll(() => said.count(), { timeout: 10_000 }).toBe(0);
  });
});
