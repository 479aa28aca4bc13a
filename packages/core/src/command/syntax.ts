// The part of a tree-sitter syntax node that the analyser reads. Kept structural so that the
// walk does not depend on the parser package's classes.

/** A node of a concrete syntax tree (tree-sitter `Node`). */
export interface SyntaxNode {
  readonly type: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly childCount: number;
  readonly children: readonly SyntaxNode[];
  readonly namedChildren: readonly SyntaxNode[];
  childForFieldName(name: string): SyntaxNode | null;
  fieldNameForChild(index: number): string | null;
}

/** A parse of one script; `delete` frees the wasm memory behind it. */
export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
  delete(): void;
}

/** Parses bash source into a syntax tree, synchronously. */
export interface ShellParser {
  parse(source: string): SyntaxTree;
}
