// Where git's subcommand is: after the global options, some of which take a value (`-C DIR`,
// `-c KEY=VALUE`), as git's own canonical reading has them (canonical/tools.ts).
import { toolSpecFor } from './canonical/tools.ts';

const GLOBAL_VALUES = toolSpecFor('git')?.valueFlags ?? new Set<string>();

/** The index in `args` (the words after `git`) of the subcommand, or -1 when there is none. */
export function gitSubcommandIndex(args: readonly string[]): number {
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (GLOBAL_VALUES.has(word)) index += 1;
    else if (!word.startsWith('-') && !/^[A-Za-z0-9_.-]+=/.test(word)) return index;
  }
  return -1;
}
