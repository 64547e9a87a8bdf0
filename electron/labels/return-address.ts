/**
 * The last return (sender) address, remembered in the settings file so the next label needs only the
 * job ids. Filling from memory works by groups: the street lines travel together and so do city,
 * state, postal code and country, so a new street never gets an old second line or an old city.
 */
import { z } from 'zod';
import { SHIPPING_ADDRESS_FIELDS, type ShippingAddress } from '../protocol/api';
import { appPaths } from '../app-paths';
import { readSettings, updateSettings, type SettingsWrite } from '../settings/settings-file';

export const RETURN_ADDRESS_KEY = 'returnAddress';

type Field = keyof ShippingAddress;

/** Fields that are only ever taken from memory all together. */
export const ADDRESS_GROUPS: readonly (readonly Field[])[] = [
  ['name'],
  ['company'],
  ['street1', 'street2', 'street3'],
  ['city', 'stateOrProvince', 'postalCode', 'country'],
  ['phoneNumber'],
];

const storedAddress = z.object(
  Object.fromEntries(SHIPPING_ADDRESS_FIELDS.map((f) => [f, z.string().optional()])) as Record<
    Field,
    z.ZodOptional<z.ZodString>
  >,
);

export interface RememberedAddress {
  address: ShippingAddress | undefined;
  /** Why the settings could not give an address (corrupt file, wrong shape); the caller reports it. */
  problem?: string;
}

const given = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/**
 * The address to use: what was given, plus each group of fields none of which was given, taken from
 * memory. `filled` names the fields that came from memory. Pure.
 */
export function fillFromRemembered(
  address: ShippingAddress,
  remembered: ShippingAddress | undefined,
): { address: ShippingAddress; filled: Field[] } {
  const out: ShippingAddress = {};
  for (const f of SHIPPING_ADDRESS_FIELDS) if (given(address[f])) out[f] = address[f];
  const filled: Field[] = [];
  if (!remembered) return { address: out, filled };
  for (const group of ADDRESS_GROUPS) {
    if (group.some((f) => given(address[f]))) continue;
    for (const f of group) {
      const v = remembered[f];
      if (given(v)) {
        out[f] = v;
        filled.push(f);
      }
    }
  }
  return { address: out, filled };
}

export async function loadReturnAddress(file: string = appPaths().settingsFile): Promise<RememberedAddress> {
  const read = await readSettings(file);
  if (read.corrupt) {
    return {
      address: undefined,
      problem: `${file} is unreadable (${read.corrupt.reason}); no address remembered`,
    };
  }
  const value = read.settings[RETURN_ADDRESS_KEY];
  if (value === undefined) return { address: undefined };
  const parsed = storedAddress.safeParse(value);
  if (!parsed.success) {
    return {
      address: undefined,
      problem: `${file}: "${RETURN_ADDRESS_KEY}" is not an address (fields must be strings); it is ignored and replaced on the next save`,
    };
  }
  const address: ShippingAddress = {};
  for (const f of SHIPPING_ADDRESS_FIELDS) {
    const v = parsed.data[f];
    if (given(v)) address[f] = v;
  }
  return { address };
}

/** Stores `address` (its non-empty fields) as the remembered one, keeping every other setting. */
export async function rememberReturnAddress(
  address: ShippingAddress,
  file: string = appPaths().settingsFile,
): Promise<SettingsWrite> {
  const clean: ShippingAddress = {};
  for (const f of SHIPPING_ADDRESS_FIELDS) if (given(address[f])) clean[f] = address[f]?.trim();
  return updateSettings(file, { [RETURN_ADDRESS_KEY]: clean });
}
