/**
 * `dockhand configure`: saves an access key pair in the OS keychain (service `dockhand`, account = the key
 * id) and makes it the default. The secret is typed without echo, or piped with --secret-stdin; it is never
 * printed, logged or written to a file.
 */
import { createInterface } from 'node:readline/promises';
import {
  KeychainUnavailableError,
  keychainServiceName,
  saveToKeychain,
  systemKeychain,
} from '../../credentials';
import { redactAccessKeyId } from '../../importexport/redact';
import { CliError, parseCommandArgs, type CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { configureOptions } from '../specs/local';

/** Access key ids are upper-case letters and digits (AWS: 16 to 128 characters, usually 20). */
const ACCESS_KEY_ID_PATTERN = /^[A-Z0-9]{16,128}$/;

export type KeyProblem = { field: 'access key id' | 'secret access key'; message: string } | undefined;

/** Pure checks with messages that say what to fix. */
export function checkKeyPair(accessKeyId: string, secret: string): KeyProblem {
  if (!ACCESS_KEY_ID_PATTERN.test(accessKeyId)) {
    return {
      field: 'access key id',
      message: `"${accessKeyId}" is not an access key id: expected 16 to 128 upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE`,
    };
  }
  if (secret.length === 0) return { field: 'secret access key', message: 'the secret access key is empty' };
  if (/\s/.test(secret)) {
    return {
      field: 'secret access key',
      message: 'the secret access key contains spaces; paste it again without them',
    };
  }
  return undefined;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003')
          return done(
            new CliError('Interrupted', 'configure was interrupted; nothing was saved', EXIT.INTERRUPTED),
          );
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('configure', args, configureOptions);
  let accessKeyId = values['access-key-id']?.trim();
  let secret: string;
  if (values['secret-stdin']) {
    if (!accessKeyId) {
      throw new CliError(
        'MissingParameter',
        'dockhand configure: --secret-stdin needs --access-key-id ID',
        EXIT.USAGE,
      );
    }
    secret = (await readAllStdin()).replace(/\r?\n$/, '');
  } else if (process.stdin.isTTY) {
    if (!accessKeyId) {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      accessKeyId = (await rl.question('AWS access key id: ')).trim();
      rl.close();
    }
    secret = (await promptHidden('AWS secret access key (not shown): ')).trim();
  } else {
    throw new CliError(
      'NotATerminal',
      'dockhand configure: standard input is not a terminal, so the secret cannot be typed. Pipe it instead: ' +
        'dockhand configure --access-key-id ID --secret-stdin < secret-file',
      EXIT.USAGE,
    );
  }
  const problem = checkKeyPair(accessKeyId ?? '', secret);
  if (problem)
    throw new CliError(
      'InvalidCredentials',
      `dockhand configure: ${problem.message}; nothing was saved.`,
      EXIT.USAGE,
    );

  const service = keychainServiceName();
  const makeDefault = values['no-default'] !== true;
  try {
    await saveToKeychain(
      systemKeychain(),
      { accessKeyId: accessKeyId as string, secretAccessKey: secret },
      { makeDefault, service },
    );
  } catch (err) {
    if (err instanceof KeychainUnavailableError) {
      throw new CliError('KeychainUnavailable', `dockhand configure: ${err.message} Nothing was saved.`);
    }
    throw err;
  }
  ctx.print({
    AccessKeyId: redactAccessKeyId(accessKeyId as string),
    StoredIn: `OS keychain, service "${service}", account "${accessKeyId as string}"`,
    Default: makeDefault,
  });
  return 0;
}
