import { describe, expect, it } from 'vitest';
import { formatManifest, readManifest } from '../../../electron/protocol/manifest';
import type { JobType } from '../../../electron/protocol/api';
import type { Manifest } from '../../../electron/protocol/manifest';
import { EBS, GLACIER, S3_EXPORT, S3_IMPORT_FULL, S3_IMPORT_MINIMAL } from './manifest-fixtures';

function read(text: string, jobType?: JobType): Manifest {
  const result = readManifest(text, jobType);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
  return result.manifest;
}

const TRICKY_IMPORT = `manifestVersion: 2.0
generator: "Dockhand 0.1: test # not a comment"
accessKeyId: AKIAIOSFODNN7EXAMPLE
bucket: myBucket
prefix: "- odd prefix/"
deviceId: "0042"
eraseDevice: Yes
notificationEmail:
  - a@example.com
  - b@example.com;c@example.com
contentTypes:
    jpg: image/jpeg
    JPG: image/jpeg
    "tar.gz": application/gzip
expires: "12:30"
ignore:
  - "foo:bar"
  - "# hash"
  - '-leading-dash'
  - "\\\\Q[x]\\\\E"
  - ".*~$"
  - " spaced "
substitutions:
    "A": "a b"
    ":": "_"
    "yes": "no"
customs:
    dataDescription: "Photos: 2012 #1"
    encryptedData: no
    deviceValue: 99.5
    deviceType: usbFlashDrive
    typeOfExport: return
returnAddress:
    name: "O'Brien, Pat"
    street1: "1 Main St #4"
    city: Cork
    postalCode: T12
    phoneNumber: +353 21 555 0100
    country: Ireland
`;

describe('formatManifest round-trips through readManifest', () => {
  it.each([
    ['S3 import, minimal', S3_IMPORT_MINIMAL, 'Import'],
    ['S3 import, fuller', S3_IMPORT_FULL, 'Import'],
    ['S3 import, strings YAML must quote', TRICKY_IMPORT, 'Import'],
    ['S3 export', S3_EXPORT, 'Export'],
    ['Glacier import', GLACIER, 'Import'],
    ['EBS import', EBS, 'Import'],
  ] as const)('%s', (_name, text, jobType) => {
    const manifest = read(text, jobType);
    const formatted = formatManifest(manifest);
    expect(read(formatted, jobType)).toEqual(manifest);
    // Formatting is stable: the text of a re-read manifest is the same text.
    expect(formatManifest(read(formatted, jobType))).toBe(formatted);
  });

  it('writes fields in the DG order', () => {
    const text = formatManifest(read(S3_IMPORT_FULL, 'Import'));
    const keys = text
      .split('\n')
      .filter((l) => /^[a-zA-Z]/.test(l))
      .map((l) => l.split(':')[0]);
    expect(keys).toEqual([
      'manifestVersion',
      'generator',
      'accessKeyId',
      'bucket',
      'prefix',
      'logBucket',
      'logPrefix',
      'deviceId',
      'eraseDevice',
      'notificationEmail',
      'serviceLevel',
      'acl',
      'cacheControl',
      'setContentEncodingForGzFiles',
      'trueCryptPassword',
      'ignore',
      'returnAddress',
    ]);
  });

  it('keeps the tricky values exactly', () => {
    const m = read(TRICKY_IMPORT, 'Import');
    if (m.kind !== 's3-import') throw new Error(m.kind);
    expect(m.ignore).toEqual(['foo:bar', '# hash', '-leading-dash', '\\Q[x]\\E', '.*~$', ' spaced ']);
    expect(m.substitutions).toEqual({ A: 'a b', ':': '_', yes: 'no' });
    expect(m.deviceId).toBe('0042');
    expect(m.notificationEmail).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
  });
});

/** A small seeded PRNG (mulberry32) so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [
  ':',
  ' ',
  '-',
  '[',
  ']',
  '{',
  '}',
  '&a',
  '*a',
  '!',
  '|',
  '>',
  '#',
  '\n',
  '\t',
  '"',
  "'",
  '\\',
  'x',
  '9',
  '%',
  '@',
  '`',
  '?',
  ',',
  '\u0000',
  '\u00e9',
  '  ',
  '- ',
];

function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let out = text;
  const steps = 1 + Math.floor(random() * 4);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(random() * (out.length + 1));
    const lines = out.split('\n');
    const li = Math.floor(random() * lines.length);
    switch (Math.floor(random() * 7)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 8));
        break;
      case 1:
        out = out.slice(0, at) + pick(NOISE) + out.slice(at);
        break;
      case 2:
        lines.splice(li, 0, lines[li] ?? '');
        out = lines.join('\n');
        break;
      case 3:
        lines.splice(li, 1);
        out = lines.join('\n');
        break;
      case 4:
        lines[li] = ' '.repeat(Math.floor(random() * 6)) + (lines[li] ?? '').trimStart();
        out = lines.join('\n');
        break;
      case 5:
        out = out.slice(0, at);
        break;
      default:
        lines[li] = (lines[li] ?? '').replace(': ', ':');
        out = lines.join('\n');
    }
  }
  return out;
}

describe('random mutations', () => {
  it('1,000 mutations of valid manifests never throw, and every answer is well-formed', () => {
    const random = prng(20100601);
    const bases: [string, JobType][] = [
      [S3_IMPORT_FULL, 'Import'],
      [S3_EXPORT, 'Export'],
      [GLACIER, 'Import'],
      [EBS, 'Import'],
      [TRICKY_IMPORT, 'Import'],
    ];
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const [base, jobType] = bases[i % bases.length] as [string, JobType];
      const text = mutate(base, random);
      const result = readManifest(text, random() < 0.2 ? undefined : jobType);
      if (result.ok) {
        accepted++;
        // Whatever was accepted formats to text that reads back to the same manifest.
        const again = readManifest(formatManifest(result.manifest), jobType);
        expect(again.ok && again.manifest).toEqual(result.manifest);
      } else {
        expect(result.issues.length).toBeGreaterThan(0);
        expect(result.issues[0]?.severity).toBe('error');
        for (const issue of result.issues) {
          expect(issue.message.length).toBeGreaterThan(0);
          expect(issue.fix.length).toBeGreaterThan(0);
        }
      }
    }
    // Sanity: the mutations are not all fatal, nor all harmless.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(950);
  });
});
