/** The printer last chosen for labels, kept in the settings file next to the return address. */
import { appPaths } from '../app-paths';
import { readSettings, updateSettings, type SettingsWrite } from '../settings/settings-file';

export const PRINTER_KEY = 'labelPrinter';

export async function loadPrinterChoice(file: string = appPaths().settingsFile): Promise<string | undefined> {
  const { settings } = await readSettings(file);
  const v = settings[PRINTER_KEY];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

export async function rememberPrinterChoice(
  printer: string | undefined,
  file: string = appPaths().settingsFile,
): Promise<SettingsWrite> {
  return updateSettings(file, { [PRINTER_KEY]: printer });
}
