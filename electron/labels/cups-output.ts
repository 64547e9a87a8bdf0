/**
 * Pure readers of CUPS client output (`lpstat`, `lp`, `lpinfo`). The commands run with LC_ALL=C, so
 * these match CUPS's English messages.
 */

/** `lpstat -e`: one destination per line (`name` or `name/instance`). */
export function parseDestinations(stdout: string): string[] {
  return [
    ...new Set(
      stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0 && !/\s/.test(l)),
    ),
  ];
}

/** `lpstat -d`: `system default destination: NAME` or `no system default destination`. */
export function parseDefaultDestination(stdout: string): string | undefined {
  const m = /^system default destination:\s*(\S+)\s*$/m.exec(stdout);
  return m?.[1];
}

/** `lpstat -r`: `scheduler is running` / `scheduler is not running`. */
export function parseSchedulerRunning(stdout: string): boolean {
  return /^scheduler is running\s*$/m.test(stdout);
}

/** `lp`: `request id is PRINTER-12 (1 file(s))` gives `PRINTER-12`. */
export function parseRequestId(stdout: string): string | undefined {
  return /request id is (\S+)/.exec(stdout)?.[1];
}

export type LpFailure =
  | { kind: 'scheduler-not-running' }
  | { kind: 'unknown-printer' }
  | { kind: 'no-default' }
  | { kind: 'other'; message: string };

/** What an `lp` failure's stderr means. */
export function classifyLpFailure(stderr: string): LpFailure {
  const text = stderr.trim();
  if (/scheduler (is )?not (running|responding)|Unable to connect to server|connection refused/i.test(text)) {
    return { kind: 'scheduler-not-running' };
  }
  if (/printer or class does not exist/i.test(text)) return { kind: 'unknown-printer' };
  if (/no default destination/i.test(text)) return { kind: 'no-default' };
  return { kind: 'other', message: text.replace(/^lp:\s*(Error - )?/i, '') || 'lp failed without a message' };
}

/** `lpinfo -m`: the cups-pdf driver's name (the first word of its line), preferring the one with options. */
export function findCupsPdfDriver(stdout: string): string | undefined {
  const lines = stdout.split('\n').filter((l) => /CUPS-PDF/i.test(l));
  const pick = lines.find((l) => /CUPS-PDF_opt|w\/ options/i.test(l)) ?? lines[0];
  return pick?.trim().split(/\s+/)[0];
}
