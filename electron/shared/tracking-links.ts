/**
 * Carrier tracking pages: the only external URLs the app ever opens. Pure, so the renderer, the Electron
 * guard (shell.openExternal) and the tests share one allow-list.
 */

interface CarrierLink {
  /** Lower-case carrier names as GetStatus may send them. */
  names: readonly string[];
  host: string;
  url: (trackingNumber: string) => string;
}

/**
 * The service names UPS as the carrier (reference: "The UPS tracking number is ..."); the others are our
 * choice of the carriers AWS used for returns in some regions.
 */
const CARRIER_LINKS: readonly CarrierLink[] = [
  {
    names: ['ups'],
    host: 'www.ups.com',
    url: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`,
  },
  {
    names: ['fedex'],
    host: 'www.fedex.com',
    url: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`,
  },
  {
    names: ['dhl'],
    host: 'www.dhl.com',
    url: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${encodeURIComponent(n)}`,
  },
];

export const TRACKING_HOSTS: readonly string[] = CARRIER_LINKS.map((c) => c.host);

/** The carrier's tracking page for a tracking number, or null for a carrier we do not know. */
export function trackingUrlFor(
  carrier: string | undefined | null,
  trackingNumber: string | undefined | null,
): string | null {
  if (!carrier || !trackingNumber) return null;
  const name = carrier.trim().toLowerCase();
  const link = CARRIER_LINKS.find((c) => c.names.includes(name));
  return link ? link.url(trackingNumber.trim()) : null;
}

/** Whether a URL may be handed to the OS browser: https, on a carrier host, no credentials in it. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    TRACKING_HOSTS.includes(url.hostname)
  );
}
