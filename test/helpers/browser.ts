/** Debian's Chromium for e2e tests and benches: one place for its path, its flags and the skip rule. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Without the background-networking flags Chromium keeps trying hosts this machine cannot reach; as root it
 * needs --no-sandbox.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The skip reason when Chromium is missing; under CI=true a missing Chromium fails instead. */
export function chromiumSkipReason(what = 'e2e tests'): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`${what} cannot run: ${reason}`);
  console.warn(`skipping ${what}: ${reason}`);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
