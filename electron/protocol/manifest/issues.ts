/** Building, naming and ordering manifest issues. */
import type { ManifestIssue, ManifestIssueCode } from './types';

/** The real service's message for a manifest that is not YAML (reference 2.1, confirmed; no trailing period). */
export const MALFORMED_MESSAGE = 'Your manifest is not well-formed';

export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

/** `['operations', 1, 'exportBucket']` → `operations[1].exportBucket`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** An issue as the rules build it: with its path as segments so the reader can attach line and column. */
export interface PendingIssue {
  path: FieldPath;
  code: ManifestIssueCode;
  message: string;
  fix: string;
  severity: 'error' | 'warning';
}

/** Collects issues in the order the rules find them (the first error is what the endpoint reports). */
export class IssueList {
  readonly items: PendingIssue[] = [];

  error(path: FieldPath, code: ManifestIssueCode, message: string, fix: string): void {
    this.items.push({ path, code, message, fix, severity: 'error' });
  }

  warning(path: FieldPath, code: ManifestIssueCode, message: string, fix: string): void {
    this.items.push({ path, code, message, fix, severity: 'warning' });
  }

  missing(path: FieldPath, what: string, fix: string): void {
    this.error(path, 'MissingManifestFieldException', `${formatPath(path)} is missing: ${what}`, fix);
  }

  invalid(path: FieldPath, what: string, fix: string): void {
    this.error(path, 'InvalidManifestFieldException', `${formatPath(path)} ${what}`, fix);
  }

  /** Issues produced elsewhere (address, customs) under a prefix path. */
  addAll(issues: readonly ManifestIssue[]): void {
    for (const issue of issues) {
      this.items.push({
        path: parsePath(issue.field),
        code: issue.code,
        message: issue.message,
        fix: issue.fix,
        severity: issue.severity,
      });
    }
  }

  get hasErrors(): boolean {
    return this.items.some((i) => i.severity === 'error');
  }
}

/** Inverse of formatPath, for issues that arrive already named. */
export function parsePath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  for (let m = re.exec(field); m !== null; m = re.exec(field)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
  }
  return out;
}

export function finishIssue(
  pending: PendingIssue,
  position: { line: number; column: number } | undefined,
): ManifestIssue {
  const issue: ManifestIssue = {
    field: formatPath(pending.path),
    code: pending.code,
    message: pending.message,
    fix: pending.fix,
    severity: pending.severity,
  };
  if (position !== undefined) {
    issue.line = position.line;
    issue.column = position.column;
  }
  return issue;
}

/** Errors first (in the order found), then warnings. */
export function orderIssues(issues: readonly ManifestIssue[]): ManifestIssue[] {
  return [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity === 'warning')];
}

export function makeIssue(
  field: string,
  code: ManifestIssueCode,
  message: string,
  fix: string,
  severity: 'error' | 'warning' = 'error',
): ManifestIssue {
  return { field, code, message, fix, severity };
}

/** `returnAddress` + `postalCode` → `returnAddress.postalCode`; an empty prefix gives the bare name. */
export function joinField(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}
