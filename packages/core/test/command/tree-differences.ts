// Compares a syntax tree with the one web-tree-sitter built, node for node: type, named and
// missing flags, offsets, text, children and field names. Shared by the tests of the two copies.
import type { Node } from 'web-tree-sitter';
import type { SyntaxNode } from '../../src/command/syntax.ts';

/** Appends to `out` each place where `actual` differs from `expected`, under `path`. */
export function treeDifferences(expected: Node, actual: SyntaxNode, path: string, out: string[]): void {
  const want = [expected.type, expected.isNamed, expected.isMissing, expected.startIndex, expected.endIndex, expected.text, expected.childCount].join('|');
  const have = [actual.type, actual.isNamed, actual.isMissing, actual.startIndex, actual.endIndex, actual.text, actual.childCount].join('|');
  if (want !== have) {
    out.push(`${path}: ${want} != ${have}`);
    return;
  }
  expected.children.forEach((child, index) => {
    if (expected.fieldNameForChild(index) !== actual.fieldNameForChild(index)) out.push(`${path}/${index}: field ${expected.fieldNameForChild(index)} != ${actual.fieldNameForChild(index)}`);
    treeDifferences(child!, actual.children[index]!, `${path}/${index}`, out);
  });
}
