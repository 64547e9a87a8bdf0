/** `dockhand completion bash|zsh`, and `--job-ids` (what the scripts call for job ids from the journal). */
import { existsSync } from 'node:fs';
import { appPaths } from '../../app-paths';
import { bashCompletion, zshCompletion } from '../completion-script';
import { CliError, parseCommandArgs, type CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { COMMANDS } from '../registry';
import { journalEndpointId } from '../session';
import { completionOptions } from '../specs/local';

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('completion', args, completionOptions, true);
  if (values['job-ids']) {
    // Completion must never create a journal, start an endpoint or print an error into the person's prompt.
    const file = appPaths().journalFile;
    if (!existsSync(file)) return EXIT.OK;
    const { openJournal } = await import('../../jobs/journal');
    const journal = openJournal({ endpoint: await journalEndpointId(ctx), file });
    try {
      for (const job of journal.listJobs()) ctx.out(job.jobId);
    } finally {
      journal.close();
    }
    return EXIT.OK;
  }
  const [shell, ...extra] = positionals;
  if (extra.length > 0 || (shell !== 'bash' && shell !== 'zsh')) {
    throw new CliError(
      'InvalidArguments',
      `dockhand completion: name the shell, bash or zsh${shell ? ` (not "${[shell, ...extra].join(' ')}")` : ''}. Example: source <(dockhand completion bash)`,
      EXIT.USAGE,
    );
  }
  ctx.out(shell === 'bash' ? bashCompletion(COMMANDS) : zshCompletion(COMMANDS));
  return EXIT.OK;
}
