/** Drive-relative paths (raw bytes, `/`-separated) made absolute under a mountpoint. */
const SLASH = Buffer.from('/');

export function absOnDrive(mountpoint: string, rel: Buffer): Buffer {
  const mp = Buffer.from(mountpoint.replace(/\/+$/, ''));
  return rel.length === 0 ? mp : Buffer.concat([mp, SLASH, rel]);
}
