// Command lines for comparing the plain parser with tree-sitter: the evasion corpus and everyday
// commands, a seeded random mix of the pieces the plain subset is made of and of the characters
// just outside it, and seeded mutations of the corpus lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const commandsOf = (file: string): string[] =>
  (JSON.parse(readFileSync(join(root, file), 'utf8')) as { entries: Array<{ command: string }> }).entries.map((entry) => entry.command);
const everyday = JSON.parse(readFileSync(join(root, 'fixtures/everyday/commands.json'), 'utf8')) as { everyday: string[]; review: string[] };

export const corpus: readonly string[] = [...commandsOf('fixtures/evasions/corpus.json'), ...commandsOf('fixtures/evasions/holes.json'), ...everyday.everyday, ...everyday.review];

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

export const PIECES: readonly string[] = [
  'git', 'push', 'npm', 'test', 'ls', '-la', '--force', '-f', 'origin', 'main', 'src/app.ts', './x', '../y', 'a=b', '--x=1', 'A=1', 'B=', '_x9=', 'a.b=1', 'A+=1', 't:x', 'A=b ',
  '5', '-1', '007', '10#5', '1.5', '0x1f', '12abc', '1-', '-', '--', ':', '@z', '%q', '+y,', 'a,b', 'x:y', '=', '==x', 'A==1',
  'if', 'then', 'fi', 'for', 'do', 'done', 'in', 'time', 'export', 'declare', 'local', 'unset', 'let', 'eval', 'echo', 'cd', 'test', '[', ']', '{', '}', '!',
  'HEAD~1', 'a~', '~', '~/x', '=~', ':~x', 'x=~', "'a'~b", '5~', '"if"', "'then'", '"export"', "'time'", '"done"', 'e"val"',
  "'b c'", "''", "'a\"b'", '"d e"', '""', '"it\'s"', '"x=1"', '"-"', '"5"',
  ' ', ' ', ' ', ' ', '\t', '  ', ';', '; ', '|', ' | ', '&&', ' && ', '||', ' || ', '&', ' & ', '|&', '\n', '#', ' #', '# c', 'a#b', '~', '*', '?', '*.ts', 'src/**', '?x', 'a*b?',
  '$', '$x', '$_', '$_a9', '$1', '$@', '$?', '$#', '${x}', '${x', '${x}y', '${1}', '${x:-y}', '${x-y}', '${x:=a.b}', '${x:+1}', '${x?}', '${x:-}', '${x:- y}', '${x:-a b}', '${x:-$y}', '${x:-$(ls)}', '${x:-${y}}', '${x%y}', '${x%%*.ts}', '${x#*/}', '${x##$(ls -a)}', '${x%a)b}', '${x%(a b)}', '${x% y}', '${x%}', '${x,,}', '${x^^a}', '${x^}', '${x@P}', '${x@Q}', '${x@Z}', '${!x}', '${!x*}', '${x:1:2}', '${x/a/b}', '${#x}', '${_x%a}', '"${x%$(a b)}"', '"${x:-a b}"', 'rc$x/a', '"x"r$x', 'a[$(ls)]', '[$x]', 'a]$(ls)b$x', '(ls)', '( a; b )', '(a && b) > f', 'export A=1', 'export A B="$x"', 'export -n A', 'B=|', 'B=;', ' B= ', '${A=1x%}', '${A:-a@b}', '${xa=b-y}', '${x:-a.b/c}', '- x=1', '${x%$(a}b)}', ' - 3<x', ' - 2>&1', '${x:+a=1}', '${x%a]b}', '${x%[ab]}', '${x%$(a] b)}', 's"x=1"rc$x/server.ts', '" "', '"\t"', '"$x "', '${x%a }', '$x$y', 'x$y', '"$x"', '"a $x b"', '" $x"', '"$x $y"', '"${x} $y"', '"${x}/y"', '"a$"', '"$1"', '"$x$y"', '"$(ls)"', '"!x"', '"a!b"', '"$x!"', '"a $(b c) d"', '"$(a "b")"', ' "$(x)"', '"a\\"b"', '\'a\nb\'',
  '`', '\\', '(', ')', '{', '}', '$(', '$(ls)', '$( a; b )', '$(a && b)', '$((1))', '$()', '[[', ']]', 'a[x]', '[ab]', '<', '>', '>>', '2>', '12>', '&>', '&>>', '>&', '>&2', '2>&1', '>&-', '<<', '<<<', '<&', '<>', '>|', ' > f', ' >f', ' < in', '1>', '0<', ' 0<', ' 0>', ' 3<', '>(', '<(',
];

export function randomLines(count: number, seed = 11): string[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * 9);
    let line = '';
    for (let i = 0; i < length; i += 1) line += PIECES[Math.floor(random() * PIECES.length)]!;
    return line;
  });
}

// Real lines with pieces inserted, characters dropped and blanks added: the contexts the random
// mix rarely builds (a redirection inside a pipeline inside a list) come from the corpus.
export function mutatedLines(count: number, seed = 5): string[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, () => {
    let line = pick(corpus);
    for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits -= 1) {
      const at = Math.floor(random() * (line.length + 1));
      const kind = random();
      if (kind < 0.6) line = line.slice(0, at) + pick(PIECES) + line.slice(at);
      else if (kind < 0.8) line = line.slice(0, at) + line.slice(at + 1 + Math.floor(random() * 3));
      else line = `${line.slice(0, at)} ${line.slice(at)}`;
    }
    return line;
  });
}

// Lines built from the subset's structures (pipelines of one to four commands, `&&` and `||`
// lists, `;` and `&`, subshells, substitutions, redirections, assignments), in combinations the
// random mix and the corpus rarely hold: `a | b | c || d` is read by tree-sitter in a way of its own.
const SIMPLE = ['a', 'ls -la', 'git push origin main', 'echo "$x"', "grep -n 'x y' src", 'cat f', 'A=1 b', '$x', 'x=1', 'export A=1', 'b ${x:-y}', 'c *.ts ~/x', 'd a[1] ]', 'e -'];
const REDIRECTIONS = ['', '', '', '', ' > f', ' 2>&1', ' < in', ' >> log', ' &> all', ' 2> err'];

export function structuredLines(count: number, seed = 13): string[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Mostly without a redirection where the subset leaves one to tree-sitter (a middle stage).
  const command = (depth: number, redirected: boolean): string => {
    const redirection = redirected || random() < 0.05 ? pick(REDIRECTIONS) : '';
    const kind = random();
    if (depth < 2 && kind < 0.08) return `( ${statements(depth + 1)} )${redirection}`;
    if (depth < 2 && kind < 0.16) return `echo $(${statements(depth + 1)})${redirection}`;
    if (depth < 2 && kind < 0.2) return `echo "$(${statements(depth + 1)})"`;
    return pick(SIMPLE) + redirection;
  };
  const pipeline = (depth: number): string => {
    const length = 1 + Math.floor(random() * 4);
    return Array.from({ length }, (_, at) => command(depth, at === 0 || at === length - 1)).join(pick([' | ', '|', ' |  ']));
  };
  const andOr = (depth: number): string => {
    let line = pipeline(depth);
    for (let more = Math.floor(random() * 3); more > 0; more -= 1) line += pick([' && ', ' || ', '&&', '||  ']) + pipeline(depth);
    return line;
  };
  const statements = (depth: number): string => {
    let line = andOr(depth);
    for (let more = Math.floor(random() * 2); more > 0; more -= 1) line += pick(['; ', ' & ', ';']) + andOr(depth);
    return line;
  };
  return Array.from({ length: count }, () => statements(0) + pick(['', '', ' &', ' # c', ';']));
}
