/** An address as printed lines, for any of the shapes the wire or a manifest gives. */
import type { ShippingAddress } from '../../protocol/api';

/** Empty fields vanish; `city, ST 12345` stays on one line as carriers expect. */
export function addressLines(a: ShippingAddress): string[] {
  const clean = (v: string | undefined): string => (v ?? '').trim();
  const region = [clean(a.stateOrProvince), clean(a.postalCode)].filter(Boolean).join(' ');
  const cityLine = [clean(a.city), region].filter(Boolean).join(', ');
  const phone = clean(a.phoneNumber);
  return [
    clean(a.name),
    clean(a.company),
    clean(a.street1),
    clean(a.street2),
    clean(a.street3),
    cityLine,
    clean(a.country),
    phone ? `Phone ${phone}` : '',
  ].filter((line) => line.length > 0);
}
