// The plain-object copy of a parse is node for node the tree web-tree-sitter built: type,
// named and missing flags, offsets, text, children, field names and the error flag.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { snapshot, type SyntaxCursor } from '../../src/command/snapshot.ts';
import type { SyntaxTree } from '../../src/command/syntax.ts';
import { treeAddress, wasmTreeCursor, type WasmTreeCursor } from '../../src/command/wasm-cursor.ts';
import { loadShellParser } from '../../src/command/parser.ts';
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
let direct: WasmTreeCursor | undefined;

beforeAll(async () => {
  const module: Record<string, unknown> = { wasmBinary: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')) };
  await Parser.init(module);
  direct = wasmTreeCursor(module);
  language = await Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
  parser = new Parser();
  parser.setLanguage(language);
});

// Deep nesting grows the wasm cursor's node stack past its first allocation.
const nested = `echo ${'$(a '.repeat(40)}x${')'.repeat(40)}`;

type Copier = (tree: Tree, copy: (cursor: SyntaxCursor) => SyntaxTree) => SyntaxTree;

function copyAll(copier: Copier, inputs: readonly string[]): { out: string[]; errors: number } {
  const out: string[] = [];
  let errors = 0;
  const named = language.types.map((_, typeId) => language.nodeTypeIsNamed(typeId));
  for (const line of inputs) {
    const tree = parser.parse(line)!;
    try {
      const copy = copier(tree, (cursor) => snapshot(cursor, line, language.types, language.fields, named));
      treeDifferences(tree.rootNode, copy.rootNode, JSON.stringify(line), out);
      if (tree.rootNode.hasError !== copy.rootNode.hasError) out.push(`${line}: hasError`);
      if (copy.rootNode.hasError) errors += 1;
    } finally {
      tree.delete();
    }
  }
  return { out, errors };
}

test(`copies ${lines.length} parses exactly through the public cursor`, () => {
  const { out, errors } = copyAll((tree, copy) => copy(tree.walk()), lines);
  expect(out).toEqual([]);
  expect(errors).toBeGreaterThan(0);
});

test('copies the same parses through the direct wasm cursor, deep ones between shallow ones', () => {
  expect(direct).toBeDefined();
  const inputs = lines.flatMap((line) => [line, nested]);
  const { out, errors } = copyAll((tree, copy) => direct!.walk(treeAddress(tree)!, copy), [...inputs, ...inputs]);
  expect(out).toEqual([]);
  expect(errors).toBeGreaterThan(0);
});

test('the direct cursor is only made from a module with every export it calls', () => {
  const module = { _ts_tree_cursor_current_node_type_id_wasm: () => 0 };
  expect(wasmTreeCursor(module)).toBeUndefined();
  expect(wasmTreeCursor({})).toBeUndefined();
  expect(treeAddress({})).toBeUndefined();
});

test('a parser loaded after another caller started web-tree-sitter copies through the public cursor, reset onto each tree', async () => {
  // The module is already started (beforeAll): the parser's own options object stays unfilled.
  const shell = await loadShellParser();
  const out: string[] = [];
  const inputs = lines.filter((line) => /[$<>(`]/.test(line)).slice(0, 200);
  for (const line of [...inputs, nested, ...inputs]) {
    const tree = parser.parse(line)!;
    treeDifferences(tree.rootNode, shell.parse(line).rootNode, JSON.stringify(line), out);
    tree.delete();
  }
  expect(inputs.length).toBeGreaterThan(100);
  expect(out).toEqual([]);
});

