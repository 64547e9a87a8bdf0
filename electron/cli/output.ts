/**
 * How a command's result is printed: `--query` (JMESPath) first, on the assembled result, then `--output`
 * json | table | text | yaml, as the AWS CLI does. Pure functions; the JMESPath and YAML packages are
 * loaded by prepareRenderer only when asked for.
 */
export const OUTPUT_FORMATS = ['json', 'table', 'text', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(v: string): v is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(v);
}

export type Renderer = (value: unknown) => string;

/** A --query expression that does not compile: a command-line error (exit 252) raised before anything runs. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/**
 * The renderer for these flags. Compiles --query up front, so a typo fails before any request is sent
 * (the AWS CLI checks it while parsing the command line too).
 */
export async function prepareRenderer(format: OutputFormat, query: string | undefined): Promise<Renderer> {
  let select = (value: unknown): unknown => value;
  if (query !== undefined) {
    // compile is exported at run time though @types/jmespath does not declare it.
    const { search, compile } = (await import('jmespath')) as unknown as typeof import('jmespath') & {
      compile(expression: string): unknown;
    };
    try {
      compile(query);
    } catch (err) {
      throw new QueryError(
        `Bad value for --query ${query}: ${(err as Error).message.replace(/\.+$/, '')}. See https://jmespath.org for the syntax, e.g. --query 'Jobs[].JobId'.`,
      );
    }
    select = (value) => search(toJson(value), query);
  }
  let format_: (value: unknown) => string;
  switch (format) {
    case 'json':
      format_ = formatJson;
      break;
    case 'table':
      format_ = formatTable;
      break;
    case 'text':
      format_ = formatText;
      break;
    case 'yaml': {
      const { stringify } = await import('yaml');
      format_ = (value) => (value === null || value === undefined ? 'null' : stringify(toJson(value)));
      break;
    }
  }
  return (value) => format_(select(value));
}

/** Drops undefined and turns class instances into plain data, as JSON.stringify would. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export function formatJson(value: unknown): string {
  // As the AWS CLI's JSON formatter: an empty object prints nothing, a null query result prints null.
  if (value === undefined) return 'null';
  if (isObject(value) && Object.keys(value).length === 0) return '';
  return JSON.stringify(value, null, 4);
}

// ---- text: the AWS CLI's formatter (awscli/text.py), tab-separated -----------------------------------

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: Json): boolean => !(Array.isArray(v) || isObject(v));

/** A scalar as Python's str() writes it, which is what AWS CLI scripts expect (True, False, None). */
function scalarText(v: Json): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return String(v);
}

/**
 * The AWS CLI's `--output text`: a dict prints its scalar values on one line (keys sorted), tab-separated,
 * then each list or dict under it with the key upper-cased as the line's first field; a list of scalars prints
 * on one line; a list of dicts prints one line per dict with the union of their scalar keys as columns.
 */
export function formatText(value: unknown): string {
  const lines: string[] = [];
  writeText(toJson(value), lines);
  return lines.join('\n');
}

function writeText(item: Json, out: string[], identifier?: string, scalarKeys?: string[]): void {
  if (isObject(item)) writeDict(item, out, identifier, scalarKeys);
  else if (Array.isArray(item)) writeList(item, out, identifier);
  else if (item !== null) out.push(scalarText(item));
}

function writeList(items: Json[], out: string[], identifier?: string): void {
  if (items.length === 0) return;
  if (items.some(isObject)) {
    const keys = allScalarKeys(items.filter(isObject));
    for (const el of items) writeText(el, out, identifier, keys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter(isScalar);
    if (scalars.length > 0) writeScalarList(scalars, out, identifier);
    for (const el of items.filter((e) => !isScalar(e))) writeText(el, out, identifier);
  } else {
    writeScalarList(items, out, identifier);
  }
}

function writeScalarList(items: Json[], out: string[], identifier?: string): void {
  if (identifier !== undefined) {
    for (const item of items) out.push(`${identifier.toUpperCase()}\t${scalarText(item)}`);
  } else {
    out.push(items.map(scalarText).join('\t'));
  }
}

function writeDict(item: Record<string, Json>, out: string[], identifier?: string, scalarKeys?: string[]) {
  const scalars: string[] = [];
  const nested: Array<[string, Json]> = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(item).sort()) {
      const v = item[key];
      if (isScalar(v)) scalars.push(scalarText(v));
      else nested.push([key, v]);
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in item ? scalarText(item[key]) : '');
    for (const key of Object.keys(item).sort()) {
      if (!scalarKeys.includes(key)) nested.push([key, item[key]]);
    }
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(scalars.join('\t'));
  }
  for (const [key, v] of nested) writeText(v, out, key);
}

function allScalarKeys(dicts: Array<Record<string, Json>>): string[] {
  const keys = new Set<string>();
  for (const d of dicts) for (const [k, v] of Object.entries(d)) if (isScalar(v)) keys.add(k);
  return [...keys].sort();
}

// ---- table ---------------------------------------------------------------------------------------------

/**
 * A table in the AWS CLI's spirit: objects become `key  value` rows, arrays of objects become
 * column-aligned rows with a header.
 */
export function formatTable(value: unknown): string {
  if (Array.isArray(value)) {
    const rows = value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object');
    if (rows.length === 0) return value.map(String).join('\n');
    const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const cells = [cols, ...rows.map((r) => cols.map((c) => cell(r[c])))];
    const widths = cols.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
    return cells
      .map((row) =>
        row
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      )
      .join('\n');
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const scalars = entries.filter(([, v]) => !Array.isArray(v));
    const lists = entries.filter(([, v]) => Array.isArray(v));
    const width = Math.max(0, ...scalars.map(([k]) => k.length));
    const parts = scalars.map(([k, v]) => `${k.padEnd(width)}  ${cell(v)}`);
    for (const [k, v] of lists) parts.push('', `${k}:`, formatTable(v));
    return parts.join('\n');
  }
  return cell(value);
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).replace(/\n/g, '\\n');
}
