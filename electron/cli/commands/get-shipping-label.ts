/**
 * `dockhand get-shipping-label --job-ids A,B --name ... [--save FILE] [--print [--printer NAME]]`:
 * aws importexport get-shipping-label, plus saving and printing the PDF. Address flags left out are
 * taken from the remembered return address (said on stderr); the address used is remembered for next
 * time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SHIPPING_ADDRESS_FIELDS, type ShippingAddress } from '../../protocol/api';
import { validateAddress } from '../../protocol/manifest';
import { appPaths } from '../../app-paths';
import { downloadLabel } from '../../labels/download-label';
import { loadPrinterChoice, rememberPrinterChoice } from '../../labels/printer-choice';
import { printPdf } from '../../labels/printers';
import { fillFromRemembered, loadReturnAddress, rememberReturnAddress } from '../../labels/return-address';
import type { SettingsWrite } from '../../settings/settings-file';
import { CliError, parseCommandArgs, type CliContext } from '../context';
import { getShippingLabelOptions } from '../specs/importexport';
import { openSession } from '../session';
import { EXIT } from '../exit-codes';

type Field = keyof ShippingAddress;

/** `stateOrProvince` -> `state-or-province`: the flag that sets a field. */
export function flagOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `A,B, C` -> `['A','B','C']`; repeated flags add up. Pure. */
export function parseJobIds(values: readonly string[]): string[] {
  const ids = values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return [...new Set(ids)];
}

function reportSettingsWrite(ctx: CliContext, write: SettingsWrite): void {
  if (write.movedCorruptFileTo) {
    ctx.err(
      `dockhand: the settings file was unreadable (${write.corrupt?.reason ?? 'corrupt'}); it was moved to ${write.movedCorruptFileTo} and a new one written.`,
    );
  }
}

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('get-shipping-label', args, getShippingLabelOptions);
  const jobIds = parseJobIds(values['job-ids'] ?? []);
  if (jobIds.length === 0) {
    throw new CliError(
      'MissingParameter',
      'dockhand get-shipping-label: --job-ids is required, e.g. --job-ids ABCDE,FGHIJ',
      EXIT.USAGE,
    );
  }
  const savePath = values.save;
  if (savePath !== undefined && savePath.trim() === '') {
    throw new CliError(
      'InvalidArguments',
      'dockhand get-shipping-label: --save needs a file name, e.g. --save label.pdf',
      EXIT.USAGE,
    );
  }
  const printer = values.printer;
  const wantPrint = values.print === true || printer !== undefined;

  const settingsFile = appPaths().settingsFile;
  const given: ShippingAddress = {};
  for (const f of SHIPPING_ADDRESS_FIELDS) {
    const v = (values as Record<string, unknown>)[flagOf(f)];
    if (typeof v === 'string') given[f] = v;
  }
  const remembered = await loadReturnAddress(settingsFile);
  if (remembered.problem) ctx.err(`dockhand: ${remembered.problem}`);
  const { address, filled } = fillFromRemembered(given, remembered.address);
  if (filled.length > 0) {
    ctx.err(
      `dockhand: using the remembered return address for ${filled.map((f: Field) => `--${flagOf(f)}`).join(', ')} (from ${settingsFile})`,
    );
  }
  const problems = validateAddress(address, '', { requireCompany: true }).filter(
    (i) => i.severity === 'error',
  );
  if (problems.length > 0) {
    const lines = problems.map((p) => {
      const flag = `--${flagOf(p.field || 'name')}`;
      const value = (address as Record<string, string | undefined>)[p.field];
      // The shared rules speak manifest ("Add `city:`"); a missing value here is a missing flag.
      return value === undefined || value.trim() === ''
        ? `  ${flag} is missing: give ${flag} VALUE`
        : `  ${flag}: ${p.message}. ${p.fix}`;
    });
    throw new CliError(
      'InvalidAddress',
      `dockhand get-shipping-label: the sender address is incomplete or invalid:\n${lines.join('\n')}`,
      EXIT.USAGE,
    );
  }

  const session = await openSession(ctx);
  const label = await session.client.getShippingLabel({ jobIds, ...address });
  reportSettingsWrite(ctx, await rememberReturnAddress(address, settingsFile));

  const result: Record<string, string> = { ShippingLabelURL: label.ShippingLabelURL };
  if (label.Warning) result.Warning = label.Warning;

  if (savePath !== undefined) {
    const saved = await downloadLabel(label.ShippingLabelURL, savePath);
    result.SavedTo = saved.file;
  }
  if (wantPrint) {
    let file = result.SavedTo;
    let tmpDir: string | undefined;
    try {
      if (!file) {
        tmpDir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-label-'));
        file = (await downloadLabel(label.ShippingLabelURL, path.join(tmpDir, 'label.pdf'))).file;
      }
      const chosen = printer ?? (await loadPrinterChoice(settingsFile));
      const printed = await printPdf(file, {
        ...(chosen !== undefined ? { printer: chosen } : {}),
        title: `AWS Import/Export label ${jobIds.join(' ')}`,
      });
      result.PrintJob = printed.jobId;
      result.Printer = printed.printer;
      if (printer !== undefined) reportSettingsWrite(ctx, await rememberPrinterChoice(printer, settingsFile));
    } catch (err) {
      // The label exists even when the printer fails: show where it is before the error.
      ctx.print(result);
      throw err;
    } finally {
      // lp has copied the file into the CUPS spool by the time it returns.
      if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
    }
  }
  if (session.embedded && savePath === undefined && !wantPrint) {
    ctx.err(
      'dockhand: the local test endpoint stops when this command ends, and its label URL with it; use --save FILE or --print to keep the label.',
    );
  }
  ctx.print(result);
  return 0;
}
