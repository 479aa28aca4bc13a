// awk's command line, as POSIX awk, mawk and gawk (which is `awk` on many runners) read it: the
// program (given with `-e`/`--source`, in files, or as the first operand), the files and
// extensions it loads, the files gawk writes when one is named, and the data files it reads.
import { own } from './own.ts';

export interface AwkArguments {
  /** The program text (`-e`/`--source` joined, else the first operand); undefined when it is in files. */
  program: string | undefined;
  /** Options that load code: program files, includes, extensions, debugger commands. */
  loads: Array<{ option: string; value: string }>;
  /** Files gawk writes when one is named (`-oFILE`, `--profile=FILE`, `--dump-variables=FILE`). */
  writes: Array<{ option: string; value: string }>;
  /** The data files, after the program (operands that assign a variable, `name=value`, left out). */
  files: string[];
}

type Effect = 'source' | 'load' | 'write' | 'none';

// Optional values (`-o`, `-p`, `-d`, `-D`) are only ever glued, as getopt reads them.
const OPTIONS: Record<string, { effect: Effect; takes: 'value' | 'glued' }> = {
  '-e': { effect: 'source', takes: 'value' }, '--source': { effect: 'source', takes: 'value' },
  '-f': { effect: 'load', takes: 'value' }, '--file': { effect: 'load', takes: 'value' },
  '-E': { effect: 'load', takes: 'value' }, '--exec': { effect: 'load', takes: 'value' },
  '-i': { effect: 'load', takes: 'value' }, '--include': { effect: 'load', takes: 'value' },
  '-l': { effect: 'load', takes: 'value' }, '--load': { effect: 'load', takes: 'value' },
  // The debugger reads its commands from the file, and they can run anything.
  '-D': { effect: 'load', takes: 'glued' }, '--debug': { effect: 'load', takes: 'glued' },
  '-o': { effect: 'write', takes: 'glued' }, '--pretty-print': { effect: 'write', takes: 'glued' },
  '-p': { effect: 'write', takes: 'glued' }, '--profile': { effect: 'write', takes: 'glued' },
  '-d': { effect: 'write', takes: 'glued' }, '--dump-variables': { effect: 'write', takes: 'glued' },
  '-v': { effect: 'none', takes: 'value' }, '--assign': { effect: 'none', takes: 'value' },
  '-F': { effect: 'none', takes: 'value' }, '--field-separator': { effect: 'none', takes: 'value' },
  // `-W name[=value]`: a long option by its name (`-W source=…`, mawk's `-W exec FILE`).
  '-W': { effect: 'none', takes: 'value' },
};

interface Option {
  name: string;
  effect: Effect;
  takes: 'value' | 'glued';
  value: string | undefined;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Reads awk's arguments (the words after the program name). */
export function readAwkArguments(args: readonly string[]): AwkArguments {
  const read: AwkArguments = { program: undefined, loads: [], writes: [], files: [] };
  const sources: string[] = [];
  const operands: string[] = [];
  let index = 0;
  for (; index < args.length; index += 1) {
    const word = args[index]!;
    if (word === '--') {
      index += 1;
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      operands.push(word);
      continue;
    }
    let option = optionOf(word);
    if (option?.name === '-W') option = optionOf(`--${option.value ?? args[++index] ?? ''}`);
    if (option === undefined) continue;
    const value = option.value ?? (option.takes === 'value' ? (args[++index] ?? '') : undefined);
    if (option.effect === 'source') sources.push(value ?? '');
    else if (option.effect === 'load') read.loads.push({ option: option.name, value: value ?? '' });
    else if (option.effect === 'write' && value !== undefined) read.writes.push({ option: option.name, value });
  }
  operands.push(...args.slice(index));
  const programInFiles = read.loads.some(({ option }) => option === '-f' || option === '--file' || option === '--exec' || option === '-E');
  if (sources.length > 0) read.program = sources.join('\n');
  else if (!programInFiles) read.program = operands.shift();
  read.files = operands.filter((operand) => !ASSIGNMENT.test(operand));
  return read;
}

// One option word: `--name=value`, `--name`, `-xVALUE` (a value glued to a short option), `-x`;
// in a cluster of switches, the first short option that takes a value (`-Mvx=1`). Undefined for
// an option that takes nothing.
function optionOf(word: string): Option | undefined {
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    const name = eq < 0 ? word : word.slice(0, eq);
    const known = own(OPTIONS, name);
    return known === undefined ? undefined : { name, ...known, value: eq < 0 ? undefined : word.slice(eq + 1) };
  }
  for (let at = 1; at < word.length; at += 1) {
    const name = `-${word[at]}`;
    const known = own(OPTIONS, name);
    if (known !== undefined) return { name, ...known, value: at + 1 < word.length ? word.slice(at + 1) : undefined };
  }
  return undefined;
}
