/**
 * Pure readers for what Linux tells us about block devices: `lsblk -J -b`, `blkid -o export`, and
 * /proc/self/mountinfo. Every field is optional because lsblk's columns vary by version (MOUNTPOINTS and
 * FSUSED arrived in util-linux 2.37; older ones print MOUNTPOINT and stringly-typed numbers) and a machine
 * without udev leaves FSTYPE/LABEL/UUID/SERIAL null.
 */

export interface LsblkDevice {
  name: string;
  path: string;
  serial: string;
  model: string;
  fsType: string;
  label: string;
  uuid: string;
  sizeBytes: number;
  mountpoints: string[];
  readOnly: boolean;
  removable: boolean;
  hotplug: boolean;
  transport: string;
  fsUsedBytes: number | null;
  fsAvailBytes: number | null;
  parentName: string;
  type: string;
  children: LsblkDevice[];
}

/** The columns we ask for; LSBLK_FALLBACK_COLUMNS is for util-linux < 2.37. */
export const LSBLK_COLUMNS =
  'NAME,PATH,SERIAL,MODEL,FSTYPE,LABEL,SIZE,MOUNTPOINTS,RO,RM,TRAN,HOTPLUG,FSUSED,FSAVAIL,PKNAME,TYPE,UUID';
export const LSBLK_FALLBACK_COLUMNS =
  'NAME,SERIAL,MODEL,FSTYPE,LABEL,SIZE,MOUNTPOINT,RO,RM,TRAN,PKNAME,TYPE,UUID';

function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  return '';
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

function bool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.trim() === '1' || v.trim().toLowerCase() === 'true';
  return false;
}

function mountpointsOf(raw: Record<string, unknown>): string[] {
  const list: unknown[] = Array.isArray(raw.mountpoints) ? raw.mountpoints : [raw.mountpoint];
  return list.filter((m): m is string => typeof m === 'string' && m.length > 0).map(unescapeLsblk);
}

/** lsblk prints odd bytes in names as \x20 escapes. */
function unescapeLsblk(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function toDevice(raw: Record<string, unknown>, parentName: string): LsblkDevice {
  const name = str(raw.name) || str(raw.kname);
  const children = Array.isArray(raw.children)
    ? raw.children
        .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
        .map((c) => toDevice(c, name))
    : [];
  return {
    name,
    path: str(raw.path) || (name ? `/dev/${name}` : ''),
    serial: str(raw.serial),
    model: str(raw.model),
    fsType: str(raw.fstype),
    label: unescapeLsblk(str(raw.label)),
    uuid: str(raw.uuid),
    sizeBytes: num(raw.size) ?? 0,
    mountpoints: mountpointsOf(raw),
    readOnly: bool(raw.ro),
    removable: bool(raw.rm),
    hotplug: bool(raw.hotplug),
    transport: str(raw.tran),
    fsUsedBytes: num(raw.fsused),
    fsAvailBytes: num(raw.fsavail),
    parentName: str(raw.pkname) || parentName,
    type: str(raw.type),
    children,
  };
}

/** Top-level devices (disks) with their partitions as children. Throws only on text that is not JSON. */
export function parseLsblkJson(text: string): LsblkDevice[] {
  const parsed = JSON.parse(text) as { blockdevices?: unknown };
  const list = Array.isArray(parsed?.blockdevices) ? parsed.blockdevices : [];
  return list
    .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object')
    .map((d) => toDevice(d, ''));
}

export interface BlkidInfo {
  device: string;
  fsType: string;
  label: string;
  uuid: string;
}

/** `blkid -p -o export DEV...`: blocks of KEY=value lines separated by blank lines. */
export function parseBlkidExport(text: string): Map<string, BlkidInfo> {
  const out = new Map<string, BlkidInfo>();
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) fields.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
    }
    const device = fields.get('DEVNAME');
    if (!device) continue;
    out.set(device, {
      device,
      fsType: fields.get('TYPE') ?? '',
      label: fields.get('LABEL') ?? '',
      uuid: fields.get('UUID') ?? '',
    });
  }
  return out;
}

export interface MountEntry {
  /** major:minor of the mounted device */
  devNumber: string;
  mountpoint: string;
  readOnly: boolean;
  fsType: string;
  source: string;
}

/** Octal escapes (\040 for a space) as the kernel writes them. */
function unescapeMountinfo(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** /proc/self/mountinfo: the per-mount read-only flag and the real fs type (`fuseblk` for ntfs-3g). */
export function parseMountinfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(' ');
    const right = line.slice(sep + 3).split(' ');
    const mountOptions = (left[5] ?? '').split(',');
    const superOptions = (right[2] ?? '').split(',');
    out.push({
      devNumber: left[2] ?? '',
      mountpoint: unescapeMountinfo(left[4] ?? ''),
      readOnly: mountOptions.includes('ro') || superOptions.includes('ro'),
      fsType: right[0] ?? '',
      source: unescapeMountinfo(right[1] ?? ''),
    });
  }
  return out;
}
