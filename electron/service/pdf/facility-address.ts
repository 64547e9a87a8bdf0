/**
 * The AWS facility a device is shipped to. The street address is the API sample's (reference 8.2:
 * `AWS Import/Export, JOBID TEST1, 2646 Rainier Ave South Suite 1060, Seattle, WA 98144`). Which
 * facility served which region is not modelled: one facility for every job is our choice.
 */
export const FACILITY_NAME = 'AWS Import/Export';
export const FACILITY_STREET_LINES: readonly string[] = [
  '2646 Rainier Ave South Suite 1060',
  'Seattle, WA 98144',
];

/** `JOBID A B`: a package without its job ids on the address is refused (reference 8.2). */
export function jobIdLine(jobIds: readonly string[]): string {
  return `JOBID ${jobIds.join(' ')}`;
}

/** The address lines to ship to, for one job or for several sharing a label. */
export function facilityAddressLines(jobIds: readonly string[]): string[] {
  return [FACILITY_NAME, jobIdLine(jobIds), ...FACILITY_STREET_LINES];
}
