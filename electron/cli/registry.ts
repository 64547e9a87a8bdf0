/**
 * Every `dockhand` command, in the order help lists them. Each entry is light metadata (electron/cli/specs/);
 * its implementation is imported only when it runs. To add a command: write its spec (name, summary,
 * options, examples, `load: () => import('../commands/NAME')`) and list it here.
 */
import type { CommandSpec } from './spec';
import { cancelJob, createJob, getShippingLabel, getStatus, listJobs, updateJob } from './specs/importexport';
import { copy, drives, inventory, reconcile, verifyExport, writeSignature } from './specs/devices';
import { completion, configure, jobs, station, track } from './specs/local';
import { service } from './specs/service';

export const COMMANDS: readonly CommandSpec[] = [
  service,
  configure,
  createJob,
  getStatus,
  listJobs,
  updateJob,
  cancelJob,
  getShippingLabel,
  drives,
  copy,
  writeSignature,
  inventory,
  jobs,
  track,
  reconcile,
  verifyExport,
  station,
  completion,
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/**
 * The deepest spec the leading words name: `service dock receive --job-id X` gives the receive action's spec
 * (for its help) and `depth` 3. Stops at the first word that is not a subcommand.
 */
export function resolveSpec(top: CommandSpec, args: readonly string[]): { spec: CommandSpec; depth: number } {
  let spec = top;
  let depth = 0;
  for (const word of args) {
    const next = spec.subcommands?.find((s) => s.name.split(' ').at(-1) === word);
    if (!next) break;
    spec = next;
    depth++;
  }
  return { spec, depth };
}
