// Brace expansion is read as bash itself performs it: each word below is expanded by the
// analyser and by bash (the words a `for` loop gets), and the two lists must be equal.
import { spawnSync } from 'node:child_process';
import { beforeAll, expect, test } from 'vitest';
import { braceFields } from '../../src/command/braces.ts';
import { loadShellParser } from '../../src/command/parser.ts';
import type { ShellParser } from '../../src/command/syntax.ts';
import { resolveWord } from '../../src/command/word.ts';

const WORDS = [
  '.{env,x}', '.e{n,}v', '{.,x}env', '.en{v..v}', 'a{b,c}d{e,f}', '{a,{b,c}}', '{a}', '{}', 'a{,}', '--{force,}',
  'x{1..3}', 'x{3..1}', '{01..10..3}', '{a..e..2}', '{-2..2}', '{e..a}', '{a..c}{1..2}', '{1..3..0}',
  "'{a,b}'", '\\{a,b\\}', '"a"{b,c}', '{a,"b c"}d', "{'x,y',z}", 'a{b,c', 'a}b', '{a,b}}', '{{a,b}', 'x{a\\,b,c}',
  '{a..1}', '{1..a}', '{aa..c}', 'src/{components,pages}', '*.{pem,key}', '{,}', '""{,}', "$'x'{a,b}", 'x{a,b\\}c',
  '{a,b}{c,d}{e,f}', '{1..10..4}', '{Z..b}', 'a{1..3}b{x,y}',
];
let parser: ShellParser;

beforeAll(async () => {
  parser = await loadShellParser();
});

function bashWords(word: string): string[] {
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', `set -f; for each in ${word}; do printf '%s\\0' "$each"; done`], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.split('\0').slice(0, -1);
}

function ourWords(word: string): string[] {
  const node = parser.parse(`printf %s ${word}`).rootNode.children[0]!.namedChildren[2]!;
  expect(node.endIndex, word).toBe(`printf %s ${word}`.length);
  return braceFields(node)?.map((each) => each.value) ?? [resolveWord(node).value];
}

test.for(WORDS)('%s expands as bash expands it', (word) => {
  expect(ourWords(word)).toEqual(bashWords(word));
});

test('a word that would make too many words may name anything', () => {
  const node = parser.parse('cat x{1..200}').rootNode.children[0]!.namedChildren[1]!;
  expect(braceFields(node)).toEqual([{ value: 'x{1..200}', dynamic: true, pattern: '**' }]);
});
