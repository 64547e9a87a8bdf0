/**
 * The `dockhand` Import/Export commands as a user runs them: a real process, DOCKHAND_HOME in a temp dir,
 * no endpoint configured (so the embedded endpoint, whose state persists between invocations), or a test
 * endpoint given with --endpoint-url.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoAccount } from '../../../electron/service/index';
import {
  ACCOUNT_A,
  manifest,
  manifestFor,
  manifestText,
  startTestService,
  type TestService,
} from '../../helpers/service';
import { testKeychain } from '../../helpers/keychain';
import { systemKeychain } from '../../../electron/credentials/keychain';
import { runDockhand } from '../../helpers/cli';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let home: string;
let baseEnv: NodeJS.ProcessEnv;

function dockhand(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Run> {
  return runDockhand(args, {
    cwd: home,
    env: { ...baseEnv, ...options.env },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'dockhand-cli-'));
  // A clean environment: no AWS_* variables from the machine, a HOME without ~/.aws.
  baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  Object.assign(baseEnv, { DOCKHAND_HOME: path.join(home, 'data'), HOME: home, NO_COLOR: '1' });
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('with no endpoint configured (the embedded endpoint)', () => {
  let manifestFile: string;
  let jobId: string;

  it('list-jobs starts empty and creates the demo account', async () => {
    const r = await dockhand(['list-jobs']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ Jobs: [] });
    const demo = readDemoAccount(path.join(home, 'data', 'endpoint'));
    expect(demo?.accessKeyId).toMatch(/^AKIA/);
    const bucket = demo?.buckets[0]?.name ?? '';
    manifestFile = path.join(home, 'manifest.yaml');
    const m = {
      ...manifestFor('s3-import', ACCOUNT_A),
      accessKeyId: demo?.accessKeyId,
      bucket,
      logBucket: bucket,
    };
    await writeFile(manifestFile, manifestText(m));
  });

  it('create-job makes a job that the next invocation still sees', async () => {
    const created = await dockhand([
      'create-job',
      '--job-type',
      'Import',
      '--manifest',
      `file://${manifestFile}`,
    ]);
    expect(created.code).toBe(0);
    const out = JSON.parse(created.stdout) as { JobId: string; SignatureFileContents: string };
    jobId = out.JobId;
    expect(out.SignatureFileContents).toContain(`jobId:${jobId}`);

    const listed = await dockhand(['list-jobs']);
    expect(
      (JSON.parse(listed.stdout) as { Jobs: Array<{ JobId: string }> }).Jobs.map((j) => j.JobId),
    ).toEqual([jobId]);
  });

  it('get-status --output table prints aligned key/value rows', async () => {
    const r = await dockhand(['get-status', '--job-id', jobId, '--output', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^JobId\\s+${jobId}$`, 'm'));
    expect(r.stdout).toMatch(/^LocationCode\s+NotReceived$/m);
  });

  it('a bad manifest prints the field and the fix, sends nothing, and exits 252 (bad command line)', async () => {
    const bad = path.join(home, 'bad.yaml');
    const m = manifestFor('s3-import', ACCOUNT_A);
    delete (m.returnAddress as Record<string, unknown>).city;
    await writeFile(bad, manifestText(m));
    const r = await dockhand(['create-job', '--job-type', 'Import', '--manifest', `file://${bad}`]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('returnAddress.city');
    expect(r.stderr).toContain('fix:');
    expect(r.stderr).toContain('nothing was sent');
    expect(r.stdout).toBe('');
  });

  it('a manifest beyond plain key: value lines is read by the full YAML parser, and a broken one is placed', async () => {
    // Flow style, an anchor and an alias: more than the fast reader takes, so the CLI loads yaml for it.
    const flow = path.join(home, 'flow.yaml');
    await writeFile(
      flow,
      `${await readFile(manifestFile, 'utf8')}ignore: [ &tmp '\\.tmp$', 'Thumbs\\.db' ]\n`,
    );
    const ok = await dockhand([
      'create-job',
      '--job-type',
      'Import',
      '--manifest',
      `file://${flow}`,
      '--validate-only',
    ]);
    expect(ok.stderr).not.toContain('error:');
    expect(ok.code).toBe(0);
    const broken = path.join(home, 'broken.yaml');
    await writeFile(broken, 'manifestVersion: 2.0\nbucket: [unclosed\n');
    const r = await dockhand(['create-job', '--job-type', 'Import', '--manifest', `file://${broken}`]);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: Your manifest is not well-formed: Flow sequence/);
  });

  it('a manifest path without file:// is refused with a pointer to file://', async () => {
    const r = await dockhand(['create-job', '--job-type', 'Import', '--manifest', manifestFile]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain(`file://${manifestFile}`);
  });

  it('update-job --validate-only checks a new manifest against the job', async () => {
    const r = await dockhand([
      'update-job',
      '--job-id',
      jobId,
      '--job-type',
      'Import',
      '--manifest',
      `file://${manifestFile}`,
      '--validate-only',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/^error:/m);
    expect(JSON.parse(r.stdout)).toMatchObject({ Success: true });
  });

  it('cancel-job cancels, list-jobs shows it, and get-status on an unknown job exits 254 (service error) with CODE: message', async () => {
    const cancel = await dockhand(['cancel-job', '--job-id', jobId]);
    expect(JSON.parse(cancel.stdout)).toEqual({ Success: true });
    const listed = await dockhand(['list-jobs', '--max-jobs', '1']);
    expect(JSON.parse(listed.stdout)).toMatchObject({ Jobs: [{ JobId: jobId, IsCanceled: true }] });
    const unknown = await dockhand(['get-status', '--job-id', 'ZZZZZ']);
    expect(unknown.code).toBe(254);
    expect(unknown.stderr).toMatch(/^InvalidJobIdException: No such job ZZZZZ/m);
  });

  it('--debug names the endpoint and the credential source, but no secret', async () => {
    const demo = readDemoAccount(path.join(home, 'data', 'endpoint'));
    const r = await dockhand(['--debug', 'list-jobs']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('local test endpoint at http://127.0.0.1:');
    expect(r.stderr).toContain("credentials from the local test endpoint's demo account");
    expect(r.stderr).not.toContain(demo?.secretAccessKey ?? 'missing');
    expect(r.stderr).not.toContain(demo?.accessKeyId ?? 'missing');
  });

  it('flags are checked before anything is sent', async () => {
    const r = await dockhand(['create-job', '--job-type', 'Imprt', '--manifest', `file://${manifestFile}`]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('--job-type must be Import or Export');
    const m = await dockhand(['list-jobs', '--max-jobs', 'lots']);
    expect(m.code).toBe(252);
    expect(m.stderr).toContain('--max-jobs');
  });
});

describe('with --endpoint-url', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
  });

  it('signs with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and pages through every job', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: ACCOUNT_A.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ACCOUNT_A.secretAccessKey,
    };
    const file = path.join(home, 'a.yaml');
    await writeFile(file, manifest('s3-import'));
    const created = await dockhand(
      [
        '--endpoint-url',
        service.url,
        '--debug',
        'create-job',
        '--job-type',
        'Import',
        '--manifest',
        `file://${file}`,
      ],
      { env },
    );
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('credentials from environment variables');
    expect(created.stderr).not.toContain(ACCOUNT_A.secretAccessKey);
    const listed = await dockhand(['--endpoint-url', service.url, 'list-jobs'], { env });
    expect((JSON.parse(listed.stdout) as { Jobs: unknown[] }).Jobs).toHaveLength(1);
  });

  it('without any credentials says where they could come from', async () => {
    const r = await dockhand(['--endpoint-url', service.url, 'list-jobs'], {
      env: { DOCKHAND_KEYCHAIN_SERVICE: `dockhand-empty-${process.pid}` },
    });
    expect(r.code).toBe(253);
    expect(r.stderr).toContain('NoCredentials');
    expect(r.stderr).toContain('AWS_ACCESS_KEY_ID');
  });
});

const kc = await testKeychain();

describe.skipIf(!kc.available)('configure and the OS keychain', () => {
  let service: TestService;
  const keychainEnv = { DOCKHAND_KEYCHAIN_SERVICE: `dockhand-cli-test-${process.pid}` };
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    // The CLI process wrote under its own service name; remove both of its entries.
    const real = systemKeychain();
    for (const account of ['default', ACCOUNT_A.accessKeyId]) {
      await real.deletePassword(keychainEnv.DOCKHAND_KEYCHAIN_SERVICE, account).catch(() => false);
    }
    await service.close();
  });

  it('configure --secret-stdin saves the key, never prints the secret, and later commands sign with it', async () => {
    const saved = await dockhand(['configure', '--access-key-id', ACCOUNT_A.accessKeyId, '--secret-stdin'], {
      env: keychainEnv,
      input: ACCOUNT_A.secretAccessKey + '\n',
    });
    expect(saved.stderr).toBe('');
    expect(saved.code).toBe(0);
    expect(saved.stdout + saved.stderr).not.toContain(ACCOUNT_A.secretAccessKey);
    expect(JSON.parse(saved.stdout)).toMatchObject({ Default: true });

    const r = await dockhand(['--endpoint-url', service.url, '--debug', 'list-jobs'], { env: keychainEnv });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('credentials from the OS keychain');
  });

  it('configure without a terminal and without --secret-stdin explains how to pipe the secret', async () => {
    const r = await dockhand(['configure', '--access-key-id', ACCOUNT_A.accessKeyId], { env: keychainEnv });
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('--secret-stdin');
  });
});
