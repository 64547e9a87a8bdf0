/** A tiny INI reader for ~/.aws/credentials and ~/.aws/config: sections of `key = value` lines. */

export type IniSections = Record<string, Record<string, string>>;

export interface IniIssue {
  line: number;
  message: string;
}

export interface IniParseResult {
  sections: IniSections;
  /** Lines we could not read; reported, never fatal, as the AWS CLI skips them too. */
  issues: IniIssue[];
}

/**
 * Reads `[section]` headers and `key = value` pairs. Comments start with `#` or `;` at the start of a line
 * (or after whitespace inside a value, as botocore does). Keys are lower-cased; section names keep their
 * case but lose surrounding spaces. Indented lines continue a nested block (`s3 =` sub-settings) and are
 * ignored, as no setting we read is nested.
 */
export function parseIni(text: string): IniParseResult {
  const sections: IniSections = {};
  const issues: IniIssue[] = [];
  let current: Record<string, string> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (/^\s*([#;].*)?$/.test(raw)) return;
    if (/^\s/.test(raw) && current) return;
    const line = raw.trim();
    const header = /^\[([^\]]*)\]\s*([#;].*)?$/.exec(line);
    if (header) {
      const name = (header[1] ?? '').trim().replace(/\s+/g, ' ');
      sections[name] ??= {};
      current = sections[name];
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      issues.push({ line: lineNo, message: `line ${lineNo} is neither [section] nor key = value` });
      return;
    }
    if (!current) {
      issues.push({ line: lineNo, message: `line ${lineNo} comes before any [section]` });
      return;
    }
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line
      .slice(eq + 1)
      .replace(/\s+[#;].*$/, '')
      .trim();
    current[key] = value;
  });
  return { sections, issues };
}

/** `[default]` or `[NAME]` in credentials; `[default]` or `[profile NAME]` in config (the CLI's rule). */
export function profileSection(
  sections: IniSections,
  profile: string,
  file: 'credentials' | 'config',
): Record<string, string> | undefined {
  if (file === 'credentials') return sections[profile];
  if (profile === 'default') return sections['default'] ?? sections['profile default'];
  return sections[`profile ${profile}`];
}
