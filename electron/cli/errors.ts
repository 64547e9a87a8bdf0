/** How a failed command reads on the terminal and to a script: `CODE: message` on stderr, and an exit code. */
import { EXIT } from './exit-codes';

/** An error the user caused or can fix; printed as `CODE: message` without a stack. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.OTHER,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Errors of other layers by class name, so this module (loaded on every run) imports none of them:
 * the service's answers are 254, configuration and credential problems 253, as the AWS CLI documents.
 */
const EXIT_BY_ERROR_NAME: Readonly<Record<string, number>> = {
  ImportExportError: EXIT.SERVICE,
  CredentialsError: EXIT.CONFIG,
  KeychainUnavailableError: EXIT.CONFIG,
  SettingsFileError: EXIT.CONFIG,
  JournalError: EXIT.CONFIG,
  QueryError: EXIT.USAGE,
};

export function exitCodeOf(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  const name = (err as { name?: unknown } | null)?.name;
  return (typeof name === 'string' && EXIT_BY_ERROR_NAME[name]) || EXIT.OTHER;
}

/** `CODE: message` on stderr; with --debug, the stack too. */
export function printError(err: unknown, debug: boolean): void {
  const e = err as { code?: unknown; message?: unknown; stack?: unknown };
  const code =
    typeof e?.code === 'string' ? e.code : (err as Error)?.name === 'QueryError' ? 'InvalidQuery' : 'Error';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  process.stderr.write(`${code}: ${message}\n`);
  if (debug && typeof e?.stack === 'string') process.stderr.write(e.stack + '\n');
}
