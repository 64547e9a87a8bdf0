/** Country names as people write them on a manifest → ISO 3166-1 alpha-2, plus the EU membership the customs rule needs. */

/** The EU member states (as of 2025). Shipping between them needs no customs (reference 2.8). */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);

/** Names beyond the two-letter codes; keys are lower case with dots and extra spaces removed. */
const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  usa: 'US',
  'united states': 'US',
  'united states of america': 'US',
  america: 'US',
  can: 'CA',
  canada: 'CA',
  mexico: 'MX',
  mex: 'MX',
  brazil: 'BR',
  brasil: 'BR',
  bra: 'BR',
  ireland: 'IE',
  irl: 'IE',
  germany: 'DE',
  deutschland: 'DE',
  deu: 'DE',
  'united kingdom': 'GB',
  'great britain': 'GB',
  uk: 'GB',
  gbr: 'GB',
  england: 'GB',
  france: 'FR',
  fra: 'FR',
  spain: 'ES',
  italy: 'IT',
  netherlands: 'NL',
  'the netherlands': 'NL',
  belgium: 'BE',
  austria: 'AT',
  sweden: 'SE',
  denmark: 'DK',
  finland: 'FI',
  poland: 'PL',
  portugal: 'PT',
  luxembourg: 'LU',
  switzerland: 'CH',
  norway: 'NO',
  singapore: 'SG',
  sgp: 'SG',
  australia: 'AU',
  aus: 'AU',
  'new zealand': 'NZ',
  japan: 'JP',
  jpn: 'JP',
  china: 'CN',
  chn: 'CN',
  'hong kong': 'HK',
  india: 'IN',
  ind: 'IN',
  korea: 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  israel: 'IL',
  'south africa': 'ZA',
  bahrain: 'BH',
  'united arab emirates': 'AE',
  uae: 'AE',
  indonesia: 'ID',
};

/**
 * The ISO alpha-2 code for a country as written (`USA`, `U.S.`, `United States`, `us` → `US`), or undefined when
 * we do not recognise it. Any two-letter input is taken as a code.
 */
export function normalizeCountry(country: string): string | undefined {
  const key = country.trim().toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ');
  if (key === '') return undefined;
  const named = COUNTRY_NAMES[key];
  if (named !== undefined) return named;
  if (/^[a-z]{2}$/.test(key)) return key.toUpperCase();
  return undefined;
}

export function isEuCountry(code: string): boolean {
  return EU_COUNTRIES.has(code);
}
