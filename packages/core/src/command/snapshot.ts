// A plain-object copy of a tree-sitter parse, taken in one cursor walk. Reading a web-tree-sitter
// node crosses into wasm on every property (type, text, children, fields); the analysis reads
// each node several times, so it reads this copy instead and the wasm tree is freed at once.
import type { SyntaxNode, SyntaxTree } from './syntax.ts';

/** What the copy needs from a web-tree-sitter TreeCursor. */
export interface SyntaxCursor {
  readonly nodeTypeId: number;
  readonly nodeIsNamed: boolean;
  readonly nodeIsMissing: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentFieldId: number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

const NO_CHILDREN: readonly SnapshotNode[] = [];

/** One node of the copy; `text` is sliced from the source only when read. */
export class SnapshotNode implements SyntaxNode {
  readonly type: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  hasError = false;
  readonly startIndex: number;
  readonly endIndex: number;
  children: readonly SnapshotNode[] = NO_CHILDREN;
  private fields: ReadonlyArray<string | null> | undefined;
  private named: readonly SnapshotNode[] | undefined;
  private readonly source: string;
  private sliced: string | undefined;

  constructor(source: string, type: string, isNamed: boolean, isMissing: boolean, startIndex: number, endIndex: number) {
    this.source = source;
    this.type = type;
    this.isNamed = isNamed;
    this.isMissing = isMissing;
    this.startIndex = startIndex;
    this.endIndex = endIndex;
  }

  get text(): string {
    // The analysis reads a node's text several times (evaluator, hazard checks, globs): slice once.
    this.sliced ??= this.source.slice(this.startIndex, this.endIndex);
    return this.sliced;
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildren(): readonly SnapshotNode[] {
    if (this.named === undefined) {
      let all = true;
      for (const child of this.children) all &&= child.isNamed;
      this.named = all ? this.children : this.children.filter((child) => child.isNamed);
    }
    return this.named;
  }

  childForFieldName(name: string): SnapshotNode | null {
    if (this.fields === undefined) return null;
    const index = this.fields.indexOf(name);
    return index < 0 ? null : this.children[index] ?? null;
  }

  fieldNameForChild(index: number): string | null {
    return this.fields?.[index] ?? null;
  }

  /** Sets the children and their field names (builder only). */
  adopt(children: SnapshotNode[], fields: Array<string | null> | undefined): void {
    this.children = children;
    this.fields = fields;
  }
}

/**
 * Copies the tree under `cursor` (positioned at the root) into plain objects. `types` and
 * `fields` are the language's id → name tables, `named` its id → named-ness table.
 */
export function snapshot(cursor: SyntaxCursor, source: string, types: ReadonlyArray<string | null>, fields: ReadonlyArray<string | null>, named: ReadonlyArray<boolean>): SyntaxTree {
  // Each cursor read crosses into wasm: named-ness comes from the node type's table (ERROR,
  // outside it, asks), and only an empty node can be a MISSING one.
  const make = (): SnapshotNode => {
    const typeId = cursor.nodeTypeId;
    const startIndex = cursor.startIndex;
    const endIndex = cursor.endIndex;
    const isMissing = startIndex === endIndex && cursor.nodeIsMissing;
    return new SnapshotNode(source, types[typeId] ?? 'ERROR', named[typeId] ?? cursor.nodeIsNamed, isMissing, startIndex, endIndex);
  };
  const root = make();
  let error = root.type === 'ERROR' || root.isMissing;
  // Depth-first: the stacks hold the open ancestors of the cursor and the children gathered so
  // far for each; a node is closed (its children adopted) when the cursor climbs out of it.
  const parents: SnapshotNode[] = [root];
  const kids: SnapshotNode[][] = [[]];
  const names: Array<Array<string | null> | undefined> = [undefined];
  if (cursor.gotoFirstChild()) {
    walk: for (;;) {
      const node = make();
      if (node.type === 'ERROR' || node.isMissing) error = true;
      const top = kids.length - 1;
      const siblings = kids[top]!;
      const field = cursor.currentFieldId;
      if (field !== 0) (names[top] ??= [])[siblings.length] = fields[field] ?? null;
      siblings.push(node);
      if (cursor.gotoFirstChild()) {
        parents.push(node);
        kids.push([]);
        names.push(undefined);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        parents.pop()!.adopt(kids.pop()!, names.pop());
        // Climbed out of the root: done (the root has no siblings to visit).
        if (parents.length === 0) break walk;
      }
    }
  }
  while (parents.length > 0) parents.pop()!.adopt(kids.pop()!, names.pop());
  root.hasError = error;
  return { rootNode: root, delete: () => undefined };
}
