/** The token that tells one CreateJob call's job from every other, carried in the manifest's generator. */
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../electron/protocol/manifest';
import {
  CREATE_JOB_LOOKBACK_SKEW_MS,
  carriesToken,
  judgeCandidate,
  newRequestToken,
  requestTokenIn,
  stampRequestToken,
} from '../../../electron/importexport/request-token';
import { manifest } from '../../helpers/service';

const TOKEN = 'a'.repeat(32);
const OTHER = 'b'.repeat(32);

function generatorOf(text: string): string | undefined {
  const read = readManifest(text, 'Import');
  expect(read.ok, JSON.stringify(read.ok ? [] : read.issues)).toBe(true);
  return read.ok ? read.manifest.generator : undefined;
}

describe('stampRequestToken', () => {
  it("keeps the person's generator text and adds the token; the manifest stays valid", () => {
    const text = manifest('s3-import', undefined, { generator: 'My tool 1.2' });
    const stamped = stampRequestToken(text, TOKEN);
    expect(generatorOf(stamped)).toBe(`My tool 1.2 (request ${TOKEN})`);
    expect(requestTokenIn(stamped)).toBe(TOKEN);
    // Nothing else moved.
    expect(stamped.replace(/^generator:.*\n/m, '')).toBe(text.replace(/^generator:.*\n/m, ''));
  });

  it('adds a generator after manifestVersion when there is none', () => {
    const text = manifest('s3-import', undefined, { generator: undefined });
    const stamped = stampRequestToken(text, TOKEN, 'Dockhand 0.1.0');
    expect(generatorOf(stamped)).toBe(`Dockhand 0.1.0 request ${TOKEN}`);
    expect(stamped.split('\n')[1]).toBe(`generator: Dockhand 0.1.0 request ${TOKEN}`);
  });

  it.each([
    ['quoted', 'generator: "Tool: v2 # not a comment"', 'Tool: v2 # not a comment'],
    ['lenient key:value', 'generator:Web Service Tool 1.0', 'Web Service Tool 1.0'],
  ])('reads a %s generator and writes one YAML reads back', (_n, line, value) => {
    const text = manifest('s3-import', undefined, { generator: undefined }) + line + '\n';
    const stamped = stampRequestToken(text, TOKEN);
    expect(generatorOf(stamped)).toBe(`${value} (request ${TOKEN})`);
  });

  it('restamping replaces an earlier token rather than piling them up', () => {
    const once = stampRequestToken(manifest('s3-import'), OTHER);
    const twice = stampRequestToken(once, TOKEN);
    expect(requestTokenIn(twice)).toBe(TOKEN);
    expect(twice).not.toContain(OTHER);
  });
});

describe('carriesToken', () => {
  it('matches only the exact token, and only in the generator', () => {
    const stamped = stampRequestToken(manifest('s3-import'), TOKEN);
    expect(carriesToken(stamped, TOKEN)).toBe(true);
    expect(carriesToken(stamped, OTHER)).toBe(false);
    expect(carriesToken(manifest('s3-import', undefined, { prefix: `request ${TOKEN}` }), TOKEN)).toBe(false);
  });

  it('new tokens differ every time', () => {
    expect(new Set(Array.from({ length: 100 }, newRequestToken)).size).toBe(100);
    expect(newRequestToken()).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('judgeCandidate', () => {
  const sent = Date.parse('2024-05-01T12:00:00Z');
  const job = {
    JobId: 'AAAAA',
    CreationDate: '2024-05-01T12:00:01Z',
    IsCanceled: false,
    JobType: 'Import' as const,
  };
  it.each([
    ['created after the request', job, 'candidate'],
    ['created slightly before (clock skew)', { ...job, CreationDate: '2024-05-01T11:58:00Z' }, 'candidate'],
    [
      'created well before the request',
      { ...job, CreationDate: new Date(sent - CREATE_JOB_LOOKBACK_SKEW_MS - 1000).toISOString() },
      'too-old',
    ],
    ['of the other job type', { ...job, JobType: 'Export' as const }, 'skip'],
    // Someone may cancel our job before we find it; it is still the job this call created.
    ['canceled already', { ...job, IsCanceled: true }, 'candidate'],
  ])('%s', (_n, j, verdict) => {
    expect(judgeCandidate(j, 'Import', sent)).toBe(verdict);
  });
});
