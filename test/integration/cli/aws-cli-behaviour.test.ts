/**
 * The CLI as an AWS CLI user expects it, as real processes: --help on every command and subcommand,
 * --version, --query and --output text|yaml on real results, the documented exit codes, and start-up that
 * loads only what the command needs.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../electron/cli/registry';
import type { CommandSpec } from '../../../electron/cli/spec';
import { DOCKHAND_CLI, ROOT, runDockhand, type CliRun } from '../../helpers/cli';
import { ACCOUNT_A, manifest, startTestService, type TestService } from '../../helpers/service';
import { startFaultProxy, type FaultProxy } from '../client/fault-proxy';

let home: string;
let env: NodeJS.ProcessEnv;
let service: TestService;

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'dockhand-awscli-'));
  env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  Object.assign(env, {
    DOCKHAND_HOME: path.join(home, 'data'),
    HOME: home,
    AWS_ACCESS_KEY_ID: ACCOUNT_A.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ACCOUNT_A.secretAccessKey,
  });
  service = await startTestService();
});
afterAll(async () => {
  await service.close();
  await rm(home, { recursive: true, force: true });
});

const dockhand = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliRun> =>
  runDockhand(args, { cwd: home, env: { ...env, ...extra } });

function commandPaths(specs: readonly CommandSpec[]): string[] {
  return specs.flatMap((s) => [s.name, ...commandPaths(s.subcommands ?? [])]);
}

describe('--help and --version', () => {
  it('every command and subcommand answers --help with usage, options and examples', async () => {
    for (const name of commandPaths(COMMANDS)) {
      const r = await dockhand([...name.split(' '), '--help']);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`Usage:\n  dockhand ${name}`);
      expect(r.stdout).toContain('Examples:');
    }
  });

  it('"dockhand help COMMAND" is the same page, and an unknown command exits 252', async () => {
    const viaFlag = await dockhand(['create-job', '--help']);
    const viaHelp = await dockhand(['help', 'create-job']);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaFlag.stdout).toMatch(/--allow-duplicate-device\n\s+Create the job even though/);
    const unknown = await dockhand(['help', 'create-jbo']);
    expect(unknown.code).toBe(252);
    expect(unknown.stderr).toContain('Did you mean create-job');
  });

  it('--version names dockhand and node', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await dockhand(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`dockhand/${pkg.version} node/${process.versions.node} linux/${process.arch}\n`);
  });
});

describe('start-up loads only the command that runs', () => {
  /**
   * The sources through tsx, on purpose: this is about which modules a command loads, which the bundle's
   * hashed chunk names would hide. The bench measures the built CLI's start-up.
   */
  async function loaded(args: string[]): Promise<string[]> {
    const record = path.join(home, `imports-${args.join('-').replace(/\W+/g, '_')}.txt`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          path.join(ROOT, 'test/helpers/record-imports.mjs'),
          '--import',
          'tsx',
          path.join(ROOT, 'electron/cli/main.ts'),
          ...args,
        ],
        { cwd: ROOT, env: { ...env, DOCKHAND_RECORD_IMPORTS: record }, stdio: 'ignore' },
      );
      child.on('error', reject);
      child.on('close', () => resolve());
    });
    return (await readFile(record, 'utf8')).split('\n').filter(Boolean);
  }

  it('--help and COMMAND --help import no command module, no service and no client', async () => {
    for (const args of [['--help'], ['create-job', '--help']]) {
      const urls = await loaded(args);
      expect(urls.some((u) => u.endsWith('/electron/cli/main.ts'))).toBe(true);
      expect(urls.filter((u) => /\/electron\/(cli\/commands|service|importexport|jobs)\//.test(u))).toEqual(
        [],
      );
    }
  });

  it('get-status loads its own module and not the others', async () => {
    const urls = await loaded(['--endpoint-url', service.url, 'get-status', '--job-id', 'ABCDE']);
    const commands = urls.filter((u) => u.includes('/electron/cli/commands/'));
    expect(commands.map((u) => path.basename(u))).toEqual(['get-status.ts']);
  });
});

describe('--query and --output on real results', () => {
  const jobIds: string[] = [];

  beforeAll(async () => {
    for (const deviceId of ['QUERY-1', 'QUERY-2']) {
      const file = path.join(home, `${deviceId}.yaml`);
      await writeFile(file, manifest('s3-import', ACCOUNT_A, { deviceId }));
      const r = await dockhand([
        '--endpoint-url',
        service.url,
        'create-job',
        '--job-type',
        'Import',
        '--manifest',
        `file://${file}`,
        '--query',
        'JobId',
        '--output',
        'text',
      ]);
      expect(r.code, r.stderr).toBe(0);
      jobIds.unshift(r.stdout.trim());
    }
  });

  it("--output text --query 'Jobs[].JobId' prints the ids tab-separated on one line", async () => {
    const r = await dockhand([
      '--endpoint-url',
      service.url,
      'list-jobs',
      '--output',
      'text',
      '--query',
      'Jobs[].JobId',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${jobIds.join('\t')}\n`);
  });

  it('--output text without a query prints rows the AWS CLI way, booleans as True/False', async () => {
    const r = await dockhand(['--endpoint-url', service.url, 'list-jobs', '--output', 'text']);
    // list-jobs prints {Jobs} (every page, no IsTruncated): one JOBS row per job, columns by sorted key.
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split('\t'))).toEqual(
      jobIds.map((id) => ['JOBS', expect.stringMatching(/^\d{4}-/), 'False', id, 'Import']),
    );
  });

  it('get-status --query ProgressCode --output text is one word; --output yaml is YAML', async () => {
    const r = await dockhand([
      '--endpoint-url',
      service.url,
      'get-status',
      '--job-id',
      jobIds[0] as string,
      '--query',
      'ProgressCode',
      '--output',
      'text',
    ]);
    expect(r.stdout).toBe('Pending\n');
    const y = await dockhand([
      '--endpoint-url',
      service.url,
      'get-status',
      '--job-id',
      jobIds[0] as string,
      '--output',
      'yaml',
      '--query',
      '{id: JobId, where: LocationCode}',
    ]);
    expect(y.stdout).toBe(`id: ${jobIds[0]}\nwhere: NotReceived\n`);
  });
});

describe('commands with a human summary', () => {
  it('drives prints its data through --query and --output instead of the table', async () => {
    const table = await dockhand(['drives']);
    expect(table.code, table.stderr).toBe(0);
    const count = await dockhand(['drives', '--query', 'length(@)', '--output', 'text']);
    expect(count.code, count.stderr).toBe(0);
    expect(count.stdout).toMatch(/^\d+\n$/);
    // One listing for both figures: other work on this machine plugs drives in and out meanwhile.
    const both = await dockhand(['drives', '--query', '{n: length(@), devices: [].device}']);
    const parsed = JSON.parse(both.stdout) as { n: number; devices: string[] };
    expect(parsed.devices.length).toBe(parsed.n);
    expect(parsed.devices.every((d) => d.startsWith('/dev/'))).toBe(true);
  });
});

describe('exit codes as the AWS CLI documents them', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(service.url, {
      fault: ({ params }) => (params.JobId === 'STALL' ? 'stall-after' : 'pass'),
    });
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('252: an unknown option, a bad --output, or a --query that does not parse (nothing is sent)', async () => {
    const before = proxy.actions.length;
    const option = await dockhand(['--endpoint-url', proxy.url, 'get-status', '--job', 'ABCDE']);
    expect(option.code).toBe(252);
    expect(option.stderr).toContain('--job');
    expect(option.stderr).toContain('dockhand get-status --help');
    expect((await dockhand(['list-jobs', '--output', 'xml'])).code).toBe(252);
    const query = await dockhand(['--endpoint-url', proxy.url, 'list-jobs', '--query', 'Jobs[']);
    expect(query.code).toBe(252);
    expect(query.stderr).toContain('Bad value for --query Jobs[');
    expect(proxy.actions.length).toBe(before);
  });

  it('253: a settings file that is not JSON, or a profile that does not exist', async () => {
    const data = path.join(home, 'bad-settings');
    await mkdir(data, { recursive: true });
    await writeFile(path.join(data, 'settings.json'), '{ not json');
    const settings = await dockhand(['list-jobs'], { DOCKHAND_HOME: data });
    expect(settings.code).toBe(253);
    expect(settings.stderr).toContain('settings.json is not valid JSON');
    const profile = await dockhand(['--endpoint-url', service.url, '--profile', 'nope', 'list-jobs'], {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
    });
    expect(profile.code).toBe(253);
  });

  it('254: the service answered an error', async () => {
    const r = await dockhand(['--endpoint-url', service.url, 'get-status', '--job-id', 'ZZZZZ']);
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/^InvalidJobIdException: /m);
  });

  it('255: nothing listens at the endpoint', async () => {
    const r = await dockhand(['--endpoint-url', 'http://127.0.0.1:9', 'list-jobs']);
    expect(r.code).toBe(255);
    expect(r.stderr).toContain('Could not reach http://127.0.0.1:9');
  });

  it('130: Ctrl-C while waiting for an answer', async () => {
    const child = spawn(
      process.execPath,
      [DOCKHAND_CLI, '--endpoint-url', proxy.url, 'get-status', '--job-id', 'STALL'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Wait until the request is at the proxy, so the command is really waiting.
    const sent = proxy.actions.length;
    while (proxy.actions.length === sent) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('Interrupted');
  });
});
