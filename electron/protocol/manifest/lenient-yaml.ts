/**
 * Lenient, bounded YAML reading for manifests. The DG writes both `key: value` and `key:value`
 * (reference 2.1), and the endpoint reads text from the network, so this never throws and never
 * does unbounded work: text size, nesting depth and alias expansion are capped before or during parsing.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node as YamlNode, Document } from 'yaml';
import type { FieldPath } from './issues';
import { readSimpleYaml } from './simple-yaml';

let yamlPackage: typeof Yaml | undefined;
/**
 * The `yaml` package, loaded the first time a manifest is more than readSimpleYaml reads. Nearly every
 * manifest is not, and loading yaml cost every command that reads one ~12 ms even inlined (265 KB of
 * JavaScript; ~20 ms as its sixty files in node_modules).
 */
function yaml(): typeof Yaml {
  yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlPackage;
}

/** Largest manifest we read, in UTF-16 code units (≈ bytes for the ASCII text manifests are). */
export const MAX_MANIFEST_CHARS = 256 * 1024;
/** Deepest nesting we read; real manifests go 3 levels deep (operations → item → field). */
export const MAX_NESTING_DEPTH = 32;
/** Aliases allowed while expanding; a manifest has no reason to use more than a few. */
export const MAX_ALIAS_COUNT = 100;

/**
 * Keys that may appear as `- key:value` in a list item. Only these are rewritten inside list items, so an
 * `ignore` regex such as `- foo:bar` keeps its colon.
 */
const LIST_ITEM_KEYS: ReadonlySet<string> = new Set([
  'exportBucket',
  'prefix',
  'beginMarker',
  'endMarker',
  'targetDirectory',
  'destination',
  'source',
  'region',
  'vaultName',
  'archiveComment',
  'deviceCapacityGreaterThan1TB',
]);

/** A plain key, `:`, then a non-space: `manifestVersion:2.0`. Group 1 is everything up to the colon. */
const TIGHT_KEY = /^(\s*((?:-\s+)*)([A-Za-z_][A-Za-z0-9_]*):)(\S)/;
/** A key whose value is a block scalar (`|`, `>-`, `|2` ...): the lines after it are text, not keys. */
const BLOCK_SCALAR_START = /:\s*[|>][-+0-9]*\s*(#.*)?$/;

export interface Position {
  line: number;
  column: number;
}

export type YamlReadResult =
  | { ok: true; value: unknown; locate: (path: FieldPath) => Position | undefined }
  | { ok: false; detail: string; position?: Position };

export interface Preprocessed {
  text: string;
  /** For each 0-based line, the 0-based column at which we inserted a space, if we did. */
  insertedAt: Map<number, number>;
}

/** Rewrites `key:value` lines to `key: value`, leaving block scalars, comments, URLs and regex list items alone. */
export function preprocessTightKeys(text: string): Preprocessed {
  const lines = text.split('\n');
  const insertedAt = new Map<number, number>();
  let blockIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (line.trimStart().startsWith('#')) continue;
    const m = TIGHT_KEY.exec(line);
    if (m !== null) {
      const head = m[1] ?? '';
      const inListItem = (m[2] ?? '') !== '';
      const key = m[3] ?? '';
      const next = m[4] ?? '';
      const rest = line.slice(head.length);
      const isUrl = rest.startsWith('//');
      if (!isUrl && next !== ':' && (!inListItem || LIST_ITEM_KEYS.has(key))) {
        lines[i] = `${head} ${rest}`;
        insertedAt.set(i, head.length);
      }
    }
    if (BLOCK_SCALAR_START.test(lines[i] ?? '')) blockIndent = indent;
  }
  return { text: lines.join('\n'), insertedAt };
}

const FLOW_BRACKET = /[[\]{}]/;

/**
 * A cheap upper bound on nesting, computed before the parser sees the text: block indentation levels,
 * compact `- - -` items and flow brackets. Quotes are not tracked, so a bracket inside a quoted string counts;
 * with a cap of 32 that errs only on absurd input.
 */
export function nestingDepthExceeds(text: string, maxDepth: number): boolean {
  const indents: number[] = [];
  let flow = 0;
  for (const raw of text.split('\n')) {
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = raw.length - trimmed.length;
    while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
    indents.push(indent);
    const dashes = trimmed.startsWith('-')
      ? (/^(?:-\s+)*/.exec(trimmed)?.[0].replace(/\s/g, '').length ?? 0)
      : 0;
    if (indents.length + dashes > maxDepth) return true;
    // Walking every character of every line was a visible cost of each CreateJob; most lines have no brackets.
    if (!FLOW_BRACKET.test(trimmed)) continue;
    for (const ch of trimmed) {
      if (ch === '[' || ch === '{') {
        flow++;
        if (flow + indents.length > maxDepth) return true;
      } else if (ch === ']' || ch === '}') {
        flow = Math.max(0, flow - 1);
      }
    }
  }
  return false;
}

export function readLenientYaml(text: string): YamlReadResult {
  if (text.length > MAX_MANIFEST_CHARS) {
    return { ok: false, detail: `the manifest is larger than ${MAX_MANIFEST_CHARS / 1024} KiB` };
  }
  // A byte-order mark or CRLF line ends come from Windows editors; neither changes the meaning.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (nestingDepthExceeds(normalized, MAX_NESTING_DEPTH)) {
    return { ok: false, detail: `the manifest nests deeper than ${MAX_NESTING_DEPTH} levels` };
  }
  const pre = preprocessTightKeys(normalized);
  const simple = readSimpleYaml(pre.text, pre.insertedAt);
  if (simple !== undefined) return { ok: true, value: simple.value, locate: simple.locate };
  return readWithParser(pre);
}

/** The `yaml` parser's reading of preprocessed text: the whole language, and the wording of its errors. */
export function readWithParser(pre: Preprocessed): YamlReadResult {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const toOriginal = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    const inserted = pre.insertedAt.get(pos.line - 1);
    const column = inserted !== undefined && pos.col - 1 > inserted ? pos.col - 1 : pos.col;
    return { line: pos.line, column };
  };
  let doc: Document.Parsed;
  let value: unknown;
  try {
    // failsafe: every scalar stays a string (2.0 must not become the number 2); the rules convert explicitly.
    doc = parseDocument(pre.text, {
      schema: 'failsafe',
      uniqueKeys: true,
      prettyErrors: false,
      lineCounter,
    });
    const first = doc.errors[0];
    if (first !== undefined) {
      const offset = first.pos[0];
      return { ok: false, detail: firstLine(first.message), position: toOriginal(offset) };
    }
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // yaml throws a ReferenceError for alias bombs; anything else thrown is still bad input, not our crash.
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, detail: firstLine(message) };
  }
  const contents = doc.contents;
  const locate = (path: FieldPath): Position | undefined => {
    const offset = locateOffset(doc, contents, path);
    return offset === undefined ? undefined : toOriginal(offset);
  };
  return { ok: true, value, locate };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

/** Offset of the deepest node along `path` that exists: the key of a map entry, or the start of a list item. */
function locateOffset(doc: Document.Parsed, root: unknown, path: FieldPath): number | undefined {
  const { isMap, isScalar, isSeq } = yaml();
  let node: unknown = root;
  // A missing top-level field has no useful position; the document start would only mislead.
  let found: number | undefined;
  for (const segment of path) {
    node = resolve(doc, node);
    if (typeof segment === 'number' && isSeq(node)) {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      found = rangeStart(item) ?? found;
      node = item;
    } else if (typeof segment === 'string' && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (pair === undefined) break;
      found = rangeStart(pair.key) ?? found;
      node = pair.value;
    } else {
      break;
    }
  }
  return found;
}

function resolve(doc: Document.Parsed, node: unknown): unknown {
  if (yaml().isAlias(node)) return node.resolve(doc);
  return node;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return range?.[0];
}
