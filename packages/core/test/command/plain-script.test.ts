// The plain-bash parser builds, for every input it accepts, the tree tree-sitter builds: node
// for node the same type, named and missing flags, offsets, text, children and field names.
// Its inputs are the evasion corpus, the everyday commands and a seeded random mix of the
// pieces its subset is made of and of the characters just outside it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { Language, Parser } from 'web-tree-sitter';
import { mayBePlain, parsePlainScript, parseSubset } from '../../src/command/plain-script.ts';
import { treeDifferences } from './tree-differences.ts';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..', '..', '..');
const commandsOf = (file: string): string[] =>
  (JSON.parse(readFileSync(join(root, file), 'utf8')) as { entries: Array<{ command: string }> }).entries.map((entry) => entry.command);
const everyday = JSON.parse(readFileSync(join(root, 'fixtures/everyday/commands.json'), 'utf8')) as { everyday: string[]; review: string[] };
const corpus = [...commandsOf('fixtures/evasions/corpus.json'), ...commandsOf('fixtures/evasions/holes.json'), ...everyday.everyday, ...everyday.review];

let parser: Parser;

beforeAll(async () => {
  await Parser.init({ wasmBinary: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')) });
  const language = await Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
  parser = new Parser();
  parser.setLanguage(language);
});

/** Compares every accepted line with tree-sitter; returns the differences and how many were accepted. */
function compare(lines: readonly string[]): { out: string[]; accepted: number } {
  const out: string[] = [];
  let accepted = 0;
  for (const line of lines) {
    const plain = parsePlainScript(line);
    if (plain === undefined) continue;
    accepted += 1;
    const tree = parser.parse(line)!;
    if (tree.rootNode.hasError) out.push(`${JSON.stringify(line)}: tree-sitter finds an error`);
    else treeDifferences(tree.rootNode, plain.rootNode, JSON.stringify(line), out);
    tree.delete();
  }
  return { out, accepted };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const PIECES = [
  'git', 'push', 'npm', 'test', 'ls', '-la', '--force', '-f', 'origin', 'main', 'src/app.ts', './x', '../y', 'a=b', '--x=1', 'A=1', 'B=', '_x9=', 'a.b=1', 'A+=1', 't:x', 'A=b ',
  '5', '-1', '007', '10#5', '1.5', '0x1f', '12abc', '1-', '-', '--', ':', '@z', '%q', '+y,', 'a,b', 'x:y', '=', '==x', 'A==1',
  'if', 'then', 'fi', 'for', 'do', 'done', 'in', 'time', 'export', 'declare', 'local', 'unset', 'let', 'eval', 'echo', 'cd', 'test', '[', ']', '{', '}', '!',
  'HEAD~1', 'a~', '~', '~/x', '=~', ':~x', 'x=~', "'a'~b", '5~', '"if"', "'then'", '"export"', "'time'", '"done"', 'e"val"',
  "'b c'", "''", "'a\"b'", '"d e"', '""', '"it\'s"', '"x=1"', '"-"', '"5"',
  ' ', ' ', ' ', ' ', '\t', '  ', ';', '; ', '|', ' | ', '&&', ' && ', '||', ' || ', '&', ' & ', '|&', '\n', '#', ' #', '# c', 'a#b', '~', '*', '?', '*.ts', 'src/**', '?x', 'a*b?',
  '$', '$x', '$_', '$_a9', '$1', '$@', '$?', '$#', '${x}', '${x', '${x}y', '${1}', '${x:-y}', '${#x}', '$x$y', 'x$y', '"$x"', '"a $x b"', '" $x"', '"$x $y"', '"${x} $y"', '"${x}/y"', '"a$"', '"$1"', '"$x$y"', '"$(ls)"', '"a $(b c) d"', '"$(a "b")"', ' "$(x)"', '"a\\"b"', '\'a\nb\'',
  '`', '\\', '(', ')', '{', '}', '$(', '$(ls)', '$( a; b )', '$(a && b)', '$((1))', '$()', '[[', ']]', 'a[x]', '[ab]', '<', '>', '>>', '2>', '12>', '&>', '&>>', '>&', '>&2', '2>&1', '>&-', '<<', '<<<', '<&', '<>', '>|', ' > f', ' >f', ' < in', '1>', '0<', ' 0<', ' 0>', ' 3<', '>(', '<(',
];

function randomLines(count: number): string[] {
  const random = seeded(11);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * 9);
    let line = '';
    for (let i = 0; i < length; i += 1) line += PIECES[Math.floor(random() * PIECES.length)]!;
    return line;
  });
}

test('parses the corpus exactly as tree-sitter does, and most of it', () => {
  const { out, accepted } = compare(corpus);
  expect(out).toEqual([]);
  expect(accepted).toBeGreaterThan(corpus.length / 2);
});

test('parses a random mix of plain pieces and near misses exactly as tree-sitter does', () => {
  const lines = randomLines(200_000);
  const { out, accepted } = compare(lines);
  expect(out.slice(0, 20)).toEqual([]);
  expect(accepted).toBeGreaterThan(15_000);
});

// Real lines with pieces inserted, characters dropped and blanks added: the contexts the random
// mix rarely builds (a redirection inside a pipeline inside a list) come from the corpus.
function mutatedLines(count: number): string[] {
  const random = seeded(5);
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

test('parses mutations of the corpus exactly as tree-sitter does', () => {
  const { out, accepted } = compare(mutatedLines(60_000));
  expect(out.slice(0, 20)).toEqual([]);
  expect(accepted).toBeGreaterThan(20_000);
});

test('the character pass before the parser never turns a plain line away, and turns most others away', () => {
  const lines = [...corpus, ...randomLines(150_000)];
  const refused = lines.filter((line) => parseSubset(line) !== undefined && !mayBePlain(line));
  expect(refused.slice(0, 20)).toEqual([]);
  const others = lines.filter((line) => parseSubset(line) === undefined);
  expect(others.filter((line) => !mayBePlain(line)).length).toBeGreaterThan(others.length / 2);
});

test.for([
  ['', 'an empty line'],
  ['export X=1', 'a declaration'],
  ['if true; then ls; fi', 'a keyword'],
  ['ls |& cat', 'a pipe with stderr'],
  ['echo "${HOME:-/}"', 'an expansion with an operator'],
  ['echo $1', 'a positional parameter'],
  ['echo "a$"', 'a lone `$` in double quotes'],
  ['echo $((1 + 2))', 'an arithmetic expansion'],
  ['echo `ls`', 'a substitution in backquotes'],
  ['cat <<< x', 'a here-string'],
  ['cat <(ls)', 'a process substitution'],
  ['echo a >f b', 'a word after a redirection'],
  ["echo 'a'#b", 'a `#` right after a quote'],
  ['ls\nrm -rf /', 'two lines'],
  ['echo 10#5', 'a based number'],
  ['declare=1 ls', 'an assignment to a keyword, which tree-sitter reads as the keyword'],
])('leaves %j to tree-sitter (%s)', ([line]) => {
  expect(parsePlainScript(line!)).toBeUndefined();
});
