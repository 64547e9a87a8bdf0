/**
 * What a command is, without what it does: name, summary, options and examples. Help, completion and argument
 * parsing read these; the implementation is a separate module loaded only when the command runs, so
 * `dockhand --help` costs no more than reading this metadata (issue 10).
 *
 * Spec modules import nothing at run time but types: keep them that way. A command passes its spec's options
 * straight to parseArgs (which ignores the help-only fields), so help and parsing cannot disagree.
 */
import type { CliContext } from './context';

/** What completion offers for an option's value. */
export type ValueCompletion = 'job-id' | 'file' | 'directory' | 'none';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** The placeholder in usage lines: `--job-id ID`. */
  readonly value?: string;
  /** What it means, one or two sentences. */
  readonly help: string;
  /** The default in words, when there is one worth saying ("127.0.0.1", "all pages"). */
  readonly defaultText?: string;
  readonly required?: boolean;
  /** The values accepted, for help and completion. */
  readonly choices?: readonly string[];
  readonly complete?: ValueCompletion;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface Example {
  /** What it does, one line. */
  readonly title: string;
  readonly command: string;
}

export interface CommandModule {
  run(args: string[], ctx: CliContext): Promise<number>;
}

export interface CommandSpec {
  /** The words after `dockhand`: `create-job`, or `service dock receive`. */
  readonly name: string;
  readonly summary: string;
  /** Longer text for `--help`, when the summary is not enough. */
  readonly description?: string;
  readonly options: OptionSpecs;
  /** Positional arguments in usage, e.g. `MOUNTPOINT`. */
  readonly positionals?: string;
  readonly examples: readonly Example[];
  /** `service dock` has actions; `dockhand service dock receive --help` finds them here. */
  readonly subcommands?: readonly CommandSpec[];
  /** Dynamic import of the implementation; absent for a command that only groups subcommands. */
  readonly load?: () => Promise<CommandModule>;
}
