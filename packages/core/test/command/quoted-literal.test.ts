// The scanner reads a quoted argument with nothing expanded in it straight from its text: that
// reading must be exactly the general one (value, one field, never a pathname pattern).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { loadShellParser } from '../../src/command/parser.ts';
import type { ShellParser, SyntaxNode } from '../../src/command/syntax.ts';
import { fieldsOf, globPatternOf, quotedLiteral, resolveWord } from '../../src/command/word.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'evasions');
const lines = [
  ...(JSON.parse(readFileSync(join(fixtures, 'corpus.json'), 'utf8')) as { entries: Array<{ command: string }> }).entries.map((entry) => entry.command),
  ...(JSON.parse(readFileSync(join(fixtures, 'holes.json'), 'utf8')) as { entries: Array<{ command: string }> }).entries.map((entry) => entry.command),
  `echo 'a*b' "c d" '' "" "*.ts" '$(x)' "a\\$b" "$x" $"t" "a\\"b" "line\nnext" 'it'"s" "\`x\`"`,
];
let parser: ShellParser;

beforeAll(async () => {
  parser = await loadShellParser();
});

function* nodes(node: SyntaxNode): Generator<SyntaxNode> {
  yield node;
  for (const child of node.children) yield* nodes(child);
}

test('a quoted literal reads as the general reading does, and only plain quoted words are read so', () => {
  let read = 0;
  let left = 0;
  for (const line of lines) {
    for (const node of nodes(parser.parse(line).rootNode)) {
      const quoted = quotedLiteral(node);
      if (quoted === undefined) {
        if (node.type === 'string' || node.type === 'raw_string') left += 1;
        continue;
      }
      read += 1;
      const word = resolveWord(node);
      expect({ value: quoted, dynamic: false }, line).toEqual(word);
      expect(globPatternOf(node), line).toBeUndefined();
      expect(fieldsOf(node, word), line).toBeUndefined();
    }
  }
  expect(read).toBeGreaterThan(100);
  // Strings with an expansion or an escape go the general way.
  expect(left).toBeGreaterThan(10);
});

test('expansions and escapes in double quotes are not literal', () => {
  const args = (line: string) => parser.parse(line).rootNode.children[0]!.namedChildren.slice(1);
  expect(args(`echo "$x" "a\\$b" "\`id\`" "$(id)"`).map(quotedLiteral)).toEqual([undefined, undefined, undefined, undefined]);
  expect(args(`echo 'a b' "c d" "" '$(id)'`).map(quotedLiteral)).toEqual(['a b', 'c d', '', '$(id)']);
});
