/**
 * Listing a device's directories in name-byte order with names kept exact: what the inventory's walk and the
 * receiving dock's walk both need, so the device is read in the same order on either side of the shipment.
 * Names are read as text (cheap); only a directory where a name decodes with U+FFFD (bytes that are not
 * UTF-8) is listed again as bytes, and a path keeps its bytes from such a name down.
 */
import { isUtf8 } from 'node:buffer';
import type { Dirent } from 'node:fs';
import fsp from 'node:fs/promises';

const SLASH = Buffer.from('/');
const REPLACEMENT = '\uFFFD';

export interface DirEntry {
  /** Decoded; U+FFFD where the bytes are not UTF-8. */
  name: string;
  /** Only when the name is not valid UTF-8. */
  nameBytes?: Buffer;
  dirent: Dirent | Dirent<Buffer>;
}

/** A directory's entries, sorted by the bytes of their names. */
export async function listDirByName(abs: string | Buffer): Promise<DirEntry[]> {
  const text = await fsp.readdir(abs, { withFileTypes: true });
  let entries: DirEntry[];
  if (text.some((d) => d.name.includes(REPLACEMENT))) {
    const raw = await fsp.readdir(abs, { withFileTypes: true, encoding: 'buffer' });
    entries = raw.map((d) =>
      isUtf8(d.name)
        ? { name: d.name.toString('utf8'), dirent: d }
        : { name: d.name.toString('utf8'), nameBytes: d.name, dirent: d },
    );
    entries.sort((a, b) => Buffer.compare(bytesOf(a), bytesOf(b)));
  } else {
    entries = text.map((d) => ({ name: d.name, dirent: d }));
    // UTF-8 byte order is code point order; JS compares UTF-16 units, which differs only for astral
    // characters against U+E000..U+FFFF, so those (rare) names fall back to a byte comparison.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.some((e) => /[\uD800-\uDFFF\uE000-\uFFFF]/.test(e.name))) {
      entries.sort((a, b) => Buffer.compare(bytesOf(a), bytesOf(b)));
    }
  }
  return entries;
}

const bytesOf = (e: DirEntry): Buffer => e.nameBytes ?? Buffer.from(e.name);

/** A device-relative path: `/`-separated text, and its bytes when some name on the way is not UTF-8. */
export interface RelPath {
  rel: string;
  relBytes?: Buffer;
}

/** The path of `entry` inside the directory at `parent` (the root is `{ rel: '' }`). */
export function childPath(parent: RelPath, entry: DirEntry): RelPath {
  const rel = parent.rel === '' ? entry.name : `${parent.rel}/${entry.name}`;
  if (!parent.relBytes && !entry.nameBytes) return { rel };
  const relBytes =
    parent.rel === ''
      ? bytesOf(entry)
      : Buffer.concat([parent.relBytes ?? Buffer.from(parent.rel), SLASH, bytesOf(entry)]);
  return { rel, relBytes };
}

/** What to open for a device-relative path: the absolute path, as bytes only when it is not valid UTF-8. */
export function absolutePaths(root: string): (rel: string, relBytes?: Buffer) => string | Buffer {
  // Trailing slashes dropped, so children are root + '/' + name (and '/' itself yields '/name', not '//name').
  const rootText = root.replace(/\/+$/, '');
  const rootBytes = Buffer.from(rootText);
  return (rel, relBytes) => {
    if (relBytes) return Buffer.concat([rootBytes, SLASH, relBytes]);
    if (rel === '') return rootText === '' ? '/' : rootText;
    return `${rootText}/${rel}`;
  };
}
