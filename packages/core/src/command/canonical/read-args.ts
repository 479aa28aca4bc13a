// The generic reading of `program [globals] subcommand... [flags and positionals]` under a
// ToolSpec. Patterns go through the same reading, so `rm -rf*` and `rm -r -f x` meet.
import type { CanonicalForm } from '../types.ts';
import type { ToolSpec } from './spec.ts';
import { own } from '../own.ts';

/** Reads `args` (words after the program) into a canonical form. */
export function readArgs(program: string, args: readonly string[], spec: ToolSpec, env: Readonly<Record<string, string>>): CanonicalForm {
  const form: CanonicalForm = { program, path: [], flags: new Map(), positionals: [] };
  const depth = spec.pathDepth;
  // Copied only when a tool injects words (read-only otherwise).
  let words: readonly string[] = args;
  let index = 0;
  let endOfOptions = false;
  let injectedDone = spec.injected === undefined;
  let flagAfterPath = false;
  while (index < words.length) {
    const word = words[index]!;
    index += 1;
    if (!endOfOptions && word === '--') {
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && word.length > 1 && word.startsWith('-')) {
      index = readFlag(word, words, index, spec, form.flags);
      if (form.path.length > 0) flagAfterPath = true;
      continue;
    }
    const wantsPath = depth === 'until-flag' ? form.positionals.length === 0 && !flagAfterPath : form.path.length < depth && form.positionals.length === 0;
    if (wantsPath && !endOfOptions) {
      form.path.push(own(spec.subcommands, word) ?? word);
      const full = depth !== 'until-flag' && form.path.length === depth;
      if (!injectedDone && full) {
        words = [...words.slice(0, index), ...spec.injected!(form.path, env), ...words.slice(index)];
        injectedDone = true;
      }
      continue;
    }
    form.positionals.push(word);
  }
  return form;
}

function readFlag(word: string, words: readonly string[], index: number, spec: ToolSpec, flags: Map<string, string | true>): number {
  const isLong = word.startsWith('--') || (spec.singleDashLong === true && word.length > 2);
  if (isLong) {
    const eq = word.indexOf('=');
    let name = eq >= 0 ? word.slice(0, eq) : word;
    if (spec.singleDashLong) name = `-${name.replace(/^-+/, '')}`;
    name = canonicalName(name, spec);
    if (eq >= 0) {
      flags.set(name, word.slice(eq + 1));
      return index;
    }
    const next = words[index];
    const takes = spec.valueFlags?.has(name) || (spec.longTakesValue === true && !spec.switchFlags?.has(name) && next !== undefined && !next.startsWith('-'));
    if (takes && next !== undefined) {
      flags.set(name, next);
      return index + 1;
    }
    flags.set(name, true);
    return index;
  }
  // A short option: whole word first (`-n`, `-auto-approve` style aliases), then a cluster.
  const whole = spec.aliases?.[word] ?? word;
  if (spec.valueFlags?.has(whole) || !spec.shortClusters || word.length === 2) {
    if (spec.valueFlags?.has(whole) && words[index] !== undefined) {
      flags.set(whole, words[index]!);
      return index + 1;
    }
    if (!spec.shortClusters && word.length > 2 && spec.valueFlags?.has(spec.aliases?.[word.slice(0, 2)] ?? word.slice(0, 2))) {
      flags.set(spec.aliases?.[word.slice(0, 2)] ?? word.slice(0, 2), word.slice(2));
      return index;
    }
    flags.set(whole, true);
    return index;
  }
  for (let at = 1; at < word.length; at += 1) {
    const short = `-${word[at]}`;
    const name = spec.aliases?.[short] ?? short;
    if (spec.valueFlags?.has(name)) {
      const rest = word.slice(at + 1);
      if (rest !== '') {
        flags.set(name, rest);
        return index;
      }
      if (words[index] !== undefined) {
        flags.set(name, words[index]!);
        return index + 1;
      }
    }
    flags.set(name, true);
  }
  return index;
}

function canonicalName(name: string, spec: ToolSpec): string {
  const aliased = spec.aliases?.[name];
  if (aliased !== undefined) return aliased;
  const known = spec.longNames;
  if (known === undefined || known.includes(name.slice(2))) return name;
  // Unique-prefix abbreviation, as git's parse-options accepts (`--force-w` → `--force-with-lease`).
  const candidates = known.filter((long) => long.startsWith(name.slice(2)));
  // git resolves an abbreviation shared by `--force` and `--force-with-lease` to the shortest.
  const shortest = candidates.find((candidate) => candidates.every((other) => other.startsWith(candidate)));
  return candidates.length === 1 ? `--${candidates[0]}` : shortest !== undefined ? `--${shortest}` : name;
}
