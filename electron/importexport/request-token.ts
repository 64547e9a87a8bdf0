/**
 * One CreateJob call, one job, told apart by a token rather than by its manifest: two runs with the same
 * manifest are two jobs (issue 11), so after an unknown outcome the client looks only for a job whose
 * CurrentManifest carries this call's token. The token rides in the manifest's free-text `generator` field,
 * which the service stores and echoes verbatim in GetStatus CurrentManifest (reference 2.1, 5.2).
 */
import { randomBytes } from 'node:crypto';
import type { JobType } from '../protocol/api';

/** 128 random bits: no other request, ever, carries the same one. */
export function newRequestToken(): string {
  return randomBytes(16).toString('hex');
}

const TOKEN_PATTERN = /\brequest ([0-9a-f]{32})\b/;
/** A top-level `generator:` line (no indentation), lenient `generator:value` included. */
const GENERATOR_LINE = /^generator[ \t]*:(.*)$/m;

/** The token a manifest's generator carries, if any. */
export function requestTokenIn(manifest: string): string | undefined {
  const line = GENERATOR_LINE.exec(manifest);
  return line ? TOKEN_PATTERN.exec(line[1] ?? '')?.[1] : undefined;
}

/** Does a job's CurrentManifest carry this token? Exact: the whole `request <token>` phrase. */
export function carriesToken(currentManifest: string, token: string): boolean {
  return requestTokenIn(currentManifest) === token;
}

/** Plain YAML when the value needs no quoting, else a double-quoted (JSON) string, which YAML reads the same. */
function scalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 ._/()+,-]*$/.test(value) && !value.endsWith(' ')
    ? value
    : JSON.stringify(value);
}

/**
 * A one-line YAML scalar's value, read by hand (the client does not load a YAML parser for one line):
 * double-quoted (JSON's escapes are YAML's), single-quoted ('' is a quote), or plain up to a ` #` comment.
 */
function scalarValue(raw: string): string {
  const v = raw.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(v);
  if (quoted) {
    try {
      return String(JSON.parse(quoted[0]));
    } catch {
      return quoted[1] ?? v;
    }
  }
  if (v.startsWith("'")) {
    const end = v.lastIndexOf("'");
    return end > 0 ? v.slice(1, end).replace(/''/g, "'") : v;
  }
  return v.replace(/\s+#.*$/, '');
}

/** The generator's current value and where its line ends (a block scalar's indented lines included). */
function currentGenerator(manifest: string, match: RegExpExecArray): { value: string; end: number } {
  let end = match.index + match[0].length;
  const rest = (match[1] ?? '').trim();
  if (rest === '' || rest.startsWith('|') || rest.startsWith('>')) {
    // A value on the next, indented lines: replaced whole (a multi-line generator is refused by the lint).
    const more = /^(?:\r?\n(?:[ \t]+.*|[ \t]*(?=\r?\n)))*/.exec(manifest.slice(end));
    end += more?.[0].length ?? 0;
    return { value: '', end };
  }
  return { value: scalarValue(rest), end };
}

/**
 * The manifest with `request <token>` in its generator: appended to the person's own generator text, or a
 * generator line `<fallback> request <token>` added after manifestVersion when there is none. Anything
 * already carrying a token keeps it replaced by this one.
 */
export function stampRequestToken(manifest: string, token: string, fallbackGenerator = 'Dockhand'): string {
  const match = GENERATOR_LINE.exec(manifest);
  if (match) {
    const { value, end } = currentGenerator(manifest, match);
    const base = value.replace(/\s*\(?\brequest [0-9a-f]{32}\b\)?/, '').trim();
    const next = base ? `${base} (request ${token})` : `${fallbackGenerator} request ${token}`;
    return manifest.slice(0, match.index) + `generator: ${scalar(next)}` + manifest.slice(end);
  }
  const line = `generator: ${scalar(`${fallbackGenerator} request ${token}`)}`;
  const version = /^manifestVersion[ \t]*:.*(?:\r?\n|$)/m.exec(manifest);
  if (!version) return `${line}\n${manifest}`;
  const at = version.index + version[0].length;
  const sep = version[0].endsWith('\n') ? '' : '\n';
  const eol = version[0].endsWith('\r\n') ? '\r\n' : '\n';
  return manifest.slice(0, at) + sep + line + eol + manifest.slice(at);
}

/**
 * How far before our request time a job's CreationDate may lie and still be ours: our clock and the
 * service's may differ even after the Date-header correction. Only bounds the look-up; the token decides.
 */
export const CREATE_JOB_LOOKBACK_SKEW_MS = 5 * 60_000;

export interface CandidateJob {
  JobId: string;
  CreationDate: string;
  IsCanceled: boolean;
  JobType: JobType;
}

export type CandidateVerdict = 'candidate' | 'skip' | 'too-old';

/** Which listed jobs deserve a GetStatus: of the right type, created no earlier than our request. */
export function judgeCandidate(job: CandidateJob, jobType: JobType, sentAtMs: number): CandidateVerdict {
  const created = Date.parse(job.CreationDate);
  if (Number.isFinite(created) && created < sentAtMs - CREATE_JOB_LOOKBACK_SKEW_MS) return 'too-old';
  if (job.JobType !== jobType) return 'skip';
  return 'candidate';
}
