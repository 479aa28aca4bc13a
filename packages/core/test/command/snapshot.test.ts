// The plain-object copy of a parse is node for node the tree web-tree-sitter built: type,
// named and missing flags, offsets, text, children, field names and the error flag.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { Language, Parser } from 'web-tree-sitter';
import { snapshot } from '../../src/command/snapshot.ts';
import { treeDifferences } from './tree-differences.ts';

const require = createRequire(import.meta.url);
const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'evasions');
const lines = [
  ...(JSON.parse(readFileSync(join(fixtures, 'corpus.json'), 'utf8')) as { entries: Array<{ command: string }> }).entries.map((entry) => entry.command),
  ...(JSON.parse(readFileSync(join(fixtures, 'holes.json'), 'utf8')) as { entries: Array<{ command: string }> }).entries.map((entry) => entry.command),
  'echo "ü€ $(x) 😀 y"',
  '',
  'if true; then echo',
];
let parser: Parser;
let language: Language;

beforeAll(async () => {
  await Parser.init({ wasmBinary: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')) });
  language = await Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
  parser = new Parser();
  parser.setLanguage(language);
});

test(`copies ${lines.length} parses exactly`, () => {
  const out: string[] = [];
  let errors = 0;
  for (const line of lines) {
    const tree = parser.parse(line)!;
    const copy = snapshot(tree.walk(), line, language.types, language.fields, language.types.map((_, typeId) => language.nodeTypeIsNamed(typeId)));
    treeDifferences(tree.rootNode, copy.rootNode, JSON.stringify(line), out);
    if (tree.rootNode.hasError !== copy.rootNode.hasError) out.push(`${line}: hasError`);
    if (copy.rootNode.hasError) errors += 1;
    tree.delete();
  }
  expect(out).toEqual([]);
  expect(errors).toBeGreaterThan(0);
});
