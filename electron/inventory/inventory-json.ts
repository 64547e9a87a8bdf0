/**
 * An inventory as JSON text in pieces, for `dockhand inventory --json`: the same document as
 * JSON.stringify(inventory, null, 2) would give (same keys, same order), except that each entry sits on one
 * line. Pretty-printing 20,000 entries at once cost more time and memory than hashing them.
 */
import type { Inventory } from './types';

/** Entries per piece written: large enough that writes are few, small enough that memory stays flat. */
export const JSON_ENTRIES_PER_PIECE = 200;

const indent = (json: string): string => json.replace(/\n/g, '\n  ');

export function* inventoryJsonPieces(inv: Inventory): Generator<string> {
  const keys = Object.keys(inv) as Array<keyof Inventory>;
  let head = '{';
  for (const [k, key] of keys.entries()) {
    const comma = k < keys.length - 1 ? ',' : '';
    if (key !== 'entries') {
      head += `\n  ${JSON.stringify(key)}: ${indent(JSON.stringify(inv[key], null, 2))}${comma}`;
      continue;
    }
    if (inv.entries.length === 0) {
      head += `\n  "entries": []${comma}`;
      continue;
    }
    yield `${head}\n  "entries": [`;
    for (let start = 0; start < inv.entries.length; start += JSON_ENTRIES_PER_PIECE) {
      const piece = inv.entries.slice(start, start + JSON_ENTRIES_PER_PIECE).map((e) => JSON.stringify(e));
      const last = start + JSON_ENTRIES_PER_PIECE >= inv.entries.length;
      yield `\n    ${piece.join(',\n    ')}${last ? '' : ','}`;
    }
    head = `\n  ]${comma}`;
  }
  yield `${head}\n}\n`;
}
