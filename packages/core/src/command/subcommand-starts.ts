// Finding a subcommand behind global options, for programs read by subcommand (package
// runners, `op run`): their options are not all known, so each is read both ways.
import type { Word } from './types.ts';

/**
 * Where a program's subcommand may start: after its global options (`npm --prefix x exec`,
 * `op --account x run`, `pnpm -r --filter app exec`), each read both as a switch and as an
 * option that takes the next word, as a wrapper's unknown options are.
 */
export function subcommandStarts(args: readonly Word[]): number[] {
  if (!isOption(args[0])) return args.length === 0 ? [] : [0];
  const starts: number[] = [];
  const reachable = new Set([0]);
  for (let index = 0; index < args.length; index += 1) {
    if (!reachable.has(index)) continue;
    const word = args[index]!;
    if (!isOption(word)) {
      starts.push(index);
      continue;
    }
    if (word.value === '--') continue;
    reachable.add(index + 1);
    if (!word.value.includes('=')) reachable.add(index + 2);
  }
  return starts;
}

function isOption(word: Word | undefined): boolean {
  return word !== undefined && !word.dynamic && word.value.length > 1 && word.value.startsWith('-');
}
