/**
 * `dockhand get-shipping-label` as a user runs it: a real process against a real endpoint, the label
 * saved and read back, the return address remembered between runs, and printing through CUPS.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../electron/importexport/client';
import { ACCOUNT_A, manifest, startTestService, type TestService } from '../../helpers/service';
import { testCups } from '../../helpers/cups';
import { pdfText, pdfToolsSkipReason } from '../../helpers/pdf-tools';
import { runDockhand } from '../../helpers/cli';

const pdfSkip = pdfToolsSkipReason();
const cups = await testCups();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let service: TestService;
let home: string;
let jobIds: string[];

function dockhand(args: string[], dataDir = path.join(home, 'data')): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  Object.assign(env, {
    DOCKHAND_HOME: dataDir,
    HOME: home,
    AWS_ACCESS_KEY_ID: ACCOUNT_A.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ACCOUNT_A.secretAccessKey,
  });
  return runDockhand(['--endpoint-url', service.url, ...args], { cwd: home, env });
}

const ADDRESS_FLAGS = [
  '--name',
  'Jane Roe',
  '--company',
  'Example Corp.',
  '--street1',
  '123 Any Street',
  '--city',
  'Anytown',
  '--state-or-province',
  'WA',
  '--postal-code',
  '91011-1111',
  '--country',
  'USA',
  '--phone-number',
  '206-555-1111',
];

beforeAll(async () => {
  service = await startTestService();
  home = await mkdtemp(path.join(tmpdir(), 'dockhand-label-cli-'));
  const client = createClient({ endpoint: service.url, credentials: ACCOUNT_A });
  jobIds = [];
  for (let i = 0; i < 2; i++) {
    const created = await client.createJob({
      JobType: 'Import',
      Manifest: manifest('s3-import'),
      ValidateOnly: false,
    });
    jobIds.push(created.JobId);
  }
});
afterAll(async () => {
  await service?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe.skipIf(pdfSkip !== undefined)('dockhand get-shipping-label', () => {
  beforeEach(async () => {
    await rm(path.join(home, 'data'), { recursive: true, force: true });
  });

  it('saves a label for two jobs and remembers the address for the next one', async () => {
    const first = path.join(home, 'first.pdf');
    const r = await dockhand([
      'get-shipping-label',
      '--job-ids',
      jobIds.join(','),
      ...ADDRESS_FLAGS,
      '--save',
      first,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    expect(out.ShippingLabelURL).toMatch(new RegExp(`^${service.url}/labels/`));
    expect(out.SavedTo).toBe(first);
    const text = (await pdfText(first)).replace(/\s+/g, ' ');
    expect(text).toContain(`JOBID ${jobIds.join(' ')}`);
    expect(text).toContain('Jane Roe Example Corp. 123 Any Street Anytown, WA 91011-1111 USA');

    const second = path.join(home, 'second.pdf');
    const again = await dockhand([
      'get-shipping-label',
      '--job-ids',
      jobIds[0] as string,
      '--phone-number',
      '206-555-2222',
      '--save',
      second,
    ]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /using the remembered return address for --name, --company, --street1, --city, --state-or-province, --postal-code, --country/,
    );
    expect(again.stderr).not.toContain('--phone-number');
    const text2 = (await pdfText(second)).replace(/\s+/g, ' ');
    expect(text2).toContain('Jane Roe Example Corp. 123 Any Street');
    expect(text2).toContain('Phone 206-555-2222');
    const settings = JSON.parse(await readFile(path.join(home, 'data', 'settings.json'), 'utf8')) as {
      returnAddress: Record<string, string>;
    };
    expect(settings.returnAddress.phoneNumber).toBe('206-555-2222');
  });

  it('names every missing address flag when nothing is remembered, and sends nothing', async () => {
    const r = await dockhand(['get-shipping-label', '--job-ids', jobIds[0] as string, '--name', 'Jane Roe']);
    expect(r.code).toBe(252);
    expect(r.stdout).toBe('');
    for (const flag of ['--company', '--street1', '--city', '--postal-code', '--phone-number', '--country']) {
      expect(r.stderr).toContain(flag);
    }
  });

  it('asks for --job-ids', async () => {
    const r = await dockhand(['get-shipping-label', ...ADDRESS_FLAGS]);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/--job-ids is required/);
  });

  it('moves a corrupt settings file aside, says so, and keeps it', async () => {
    const data = path.join(home, 'data');
    await rm(data, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(data, { recursive: true }));
    await writeFile(path.join(data, 'settings.json'), '{ not json');
    const r = await dockhand(['get-shipping-label', '--job-ids', jobIds[0] as string, ...ADDRESS_FLAGS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/settings\.json is unreadable \(not valid JSON/);
    expect(r.stderr).toMatch(/moved to .*settings\.json\.corrupt-/);
    const moved = (await readdir(data)).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(await readFile(path.join(data, moved as string), 'utf8')).toBe('{ not json');
  });

  describe.skipIf(!cups.available)('printing', () => {
    it('prints to the chosen queue and remembers the printer', async () => {
      const since = Date.now();
      const r = await dockhand([
        'get-shipping-label',
        '--job-ids',
        jobIds[1] as string,
        ...ADDRESS_FLAGS,
        '--print',
        '--printer',
        cups.queue,
      ]);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as Record<string, string>;
      expect(out.Printer).toBe(cups.queue);
      expect(out.PrintJob).toMatch(new RegExp(`^${cups.queue}-\\d+$`));
      const printed = await cups.waitForPrintedPdf(since, 30_000, out.PrintJob);
      expect((await pdfText(printed)).replace(/\s+/g, ' ')).toContain(`JOBID ${jobIds[1]}`);
      const settings = JSON.parse(await readFile(path.join(home, 'data', 'settings.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(settings.labelPrinter).toBe(cups.queue);
    });

    it('refuses an unknown printer, listing the real ones, and still shows the label URL', async () => {
      const r = await dockhand([
        'get-shipping-label',
        '--job-ids',
        jobIds[1] as string,
        ...ADDRESS_FLAGS,
        '--printer',
        'no-such-printer',
      ]);
      expect(r.code).toBe(255);
      expect(r.stderr).toMatch(
        new RegExp(`UnknownPrinter: There is no printer "no-such-printer" \\(available: .*${cups.queue}`),
      );
      expect(r.stderr).toContain('--save FILE');
      expect(JSON.parse(r.stdout)).toHaveProperty('ShippingLabelURL');
    });
  });
});
