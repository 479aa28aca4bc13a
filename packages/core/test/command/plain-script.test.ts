// The plain-bash parser builds, for every input it accepts, the tree tree-sitter builds: node
// for node the same type, named and missing flags, offsets, text, children and field names.
// Its inputs are the evasion corpus, the everyday commands, a seeded random mix of the pieces its
// subset is made of and of the characters just outside it, and mutations of the corpus lines.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, expect, test } from 'vitest';
import { Language, Parser } from 'web-tree-sitter';
import { mayBePlain, parsePlainScript, parseSubset } from '../../src/command/plain-script.ts';
import { corpus, mutatedLines, randomLines, structuredLines } from './plain-lines.ts';
import { treeDifferences } from './tree-differences.ts';

const require = createRequire(import.meta.url);

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

test('parses lists, pipelines, subshells and substitutions in every combination exactly as tree-sitter does', () => {
  const { out, accepted } = compare(structuredLines(40_000));
  expect(out.slice(0, 10)).toEqual([]);
  expect(accepted).toBeGreaterThan(4_000);
});

test('parses mutations of the corpus exactly as tree-sitter does', () => {
  const { out, accepted } = compare(mutatedLines(60_000));
  expect(out.slice(0, 20)).toEqual([]);
  expect(accepted).toBeGreaterThan(20_000);
});

// The random mix is made of near misses, most of which only the parser can tell; the lines the
// pass is for are real ones.
test('the character pass before the parser never turns a plain line away, and turns most real others away', () => {
  const lines = [...corpus, ...randomLines(150_000), ...mutatedLines(30_000)];
  const refused = lines.filter((line) => parseSubset(line) !== undefined && !mayBePlain(line));
  expect(refused.slice(0, 20)).toEqual([]);
  const others = corpus.filter((line) => parseSubset(line) === undefined);
  expect(others.filter((line) => !mayBePlain(line)).length).toBeGreaterThan(others.length / 2);
});

test.for([
  ['', 'an empty line'],
  ['export -n X', 'a declaration with an option'],
  ['declare X=1', 'a declaration other than export'],
  ['if true; then ls; fi', 'a keyword'],
  ['ls |& cat', 'a pipe with stderr'],
  ['echo "${HOME:1:2}"', 'a slice of an expansion'],
  ['echo ${x/a/b}', 'a replacement in an expansion'],
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
