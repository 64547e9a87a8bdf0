/** The import/export log report: CSV with the DG's columns (reference section 7). */

export const LOG_COLUMNS = [
  'DateTime',
  'File',
  'Status',
  'Code',
  'Key',
  'MD5',
  'Bytes',
  'Content-Type',
] as const;

export interface LogRow {
  dateTime: string;
  file: string;
  status: number;
  code: string;
  key: string;
  md5: string;
  bytes: number;
  contentType: string;
}

/** Status codes of our own beyond the confirmed 200 OK and 103 Ignored (the rest of the DG table is unconfirmed). */
export const LOG_STATUS = {
  ok: { status: 200, code: 'OK' },
  ignored: { status: 103, code: 'Ignored' },
  /** Files over 5 TB and names that are not valid UTF-8 are skipped and listed (confirmed); the codes are ours. */
  tooLarge: { status: 104, code: 'FileTooLarge' },
  invalidName: { status: 105, code: 'InvalidFileName' },
  keyTooLong: { status: 400, code: 'KeyTooLongError' },
  readError: { status: 500, code: 'InternalError' },
} as const;

export function logKeyFor(kind: 'import' | 'export', jobId: string, logPrefix = ''): string {
  return `${logPrefix}${kind}-log-${jobId}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue 03 Feb 2009 21:57:43 GMT`, the DG sample's form. */
export function formatLogDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${p(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${p(
    date.getUTCHours(),
  )}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} GMT`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatLogHeader(): string {
  return LOG_COLUMNS.join(',') + '\n';
}

export function formatLogRow(row: LogRow): string {
  return (
    [
      row.dateTime,
      row.file,
      String(row.status),
      row.code,
      row.key,
      row.md5,
      String(row.bytes),
      row.contentType,
    ]
      .map(csvField)
      .join(',') + '\n'
  );
}

export function formatLogReport(rows: readonly LogRow[]): string {
  return formatLogHeader() + rows.map(formatLogRow).join('');
}

export class LogReportError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`log report line ${line}: ${message}`);
    this.name = 'LogReportError';
  }
}

/**
 * Splits CSV text into records, honouring quotes (a quoted field may hold commas and newlines). Lines
 * without a quote, nearly every line of a real log, take a fast path through `split(',')`.
 */
export function* csvRecords(text: string): Generator<{ fields: string[]; line: number }> {
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const raw = text.slice(pos, end > pos && text[end - 1] === '\r' ? end - 1 : end);
    if (!raw.includes('"')) {
      if (raw.length > 0) yield { fields: raw.split(','), line };
      pos = end + 1;
      line++;
      continue;
    }
    const quoted = readQuotedRecord(text, pos, line);
    yield { fields: quoted.fields, line };
    pos = quoted.next;
    line = quoted.nextLine;
  }
}

/** The slow path: one record that has quotes, possibly spanning lines. */
function readQuotedRecord(
  text: string,
  start: number,
  startLine: number,
): { fields: string[]; next: number; nextLine: number } {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = startLine;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      fields.push(field);
      const next = ch === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      return { fields, next, nextLine: line + 1 };
    } else field += ch;
  }
  fields.push(field);
  return { fields, next: text.length, nextLine: line + 1 };
}

/** Parses a log report; a header row is optional (whether the real one had it is unconfirmed). */
export function parseLogReport(text: string): LogRow[] {
  const rows: LogRow[] = [];
  for (const { fields, line } of csvRecords(text)) {
    if (fields[0] === 'DateTime' && fields[1] === 'File') continue;
    if (fields.length < LOG_COLUMNS.length) {
      throw new LogReportError(`expected ${LOG_COLUMNS.length} columns, found ${fields.length}`, line);
    }
    const [dateTime, file, status, code, key, md5, bytes, contentType] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const statusNumber = Number(status);
    if (!Number.isInteger(statusNumber)) throw new LogReportError(`Status "${status}" is not a number`, line);
    rows.push({
      dateTime,
      file,
      status: statusNumber,
      code,
      key,
      md5,
      bytes: bytes === '' ? 0 : Number(bytes),
      contentType,
    });
  }
  return rows;
}
