// A tree cursor that calls web-tree-sitter's wasm exports directly. The public TreeCursor keeps
// the cursor (a small struct whose node stack the wasm side allocates) in JS and writes it into
// the module's transfer buffer before every call, reading it back after every move: eight heap
// accesses around each of the six calls a node costs. The wasm functions read the cursor from
// that buffer and a move writes it back, so a cursor that only ever lives there needs nothing
// but the calls. It is made for one walk and freed after it (from the buffer, where it is).
import type { SyntaxCursor } from './snapshot.ts';

type TreeCall = (tree: number) => number;

const EXPORTS = {
  typeId: '_ts_tree_cursor_current_node_type_id_wasm',
  isNamed: '_ts_tree_cursor_current_node_is_named_wasm',
  isMissing: '_ts_tree_cursor_current_node_is_missing_wasm',
  start: '_ts_tree_cursor_start_index_wasm',
  end: '_ts_tree_cursor_end_index_wasm',
  fieldId: '_ts_tree_cursor_current_field_id_wasm',
  firstChild: '_ts_tree_cursor_goto_first_child_wasm',
  nextSibling: '_ts_tree_cursor_goto_next_sibling_wasm',
  parent: '_ts_tree_cursor_goto_parent_wasm',
  // The root node into the buffer; a cursor on the node in the buffer; freeing the buffer's cursor.
  root: '_ts_tree_root_node_wasm',
  create: '_ts_tree_cursor_new_wasm',
  free: '_ts_tree_cursor_delete_wasm',
} as const;

type Calls = { -readonly [name in keyof typeof EXPORTS]: TreeCall };

/** A cursor over one tree at a time, inside `walk`. */
export class WasmTreeCursor implements SyntaxCursor {
  private readonly calls: Calls;
  private tree = 0;

  constructor(calls: Calls) {
    this.calls = calls;
  }

  /**
   * Runs `walk` with this cursor on the root of `tree` (its wasm address), then frees the cursor.
   * The cursor lives in the module's transfer buffer: `walk` must not call into web-tree-sitter.
   */
  walk<T>(tree: number, walk: (cursor: SyntaxCursor) => T): T {
    this.calls.root(tree);
    this.calls.create(tree);
    this.tree = tree;
    try {
      return walk(this);
    } finally {
      this.calls.free(tree);
      this.tree = 0;
    }
  }

  get nodeTypeId(): number {
    return this.calls.typeId(this.tree);
  }

  get nodeIsNamed(): boolean {
    return this.calls.isNamed(this.tree) === 1;
  }

  get nodeIsMissing(): boolean {
    return this.calls.isMissing(this.tree) === 1;
  }

  get startIndex(): number {
    return this.calls.start(this.tree);
  }

  get endIndex(): number {
    return this.calls.end(this.tree);
  }

  get currentFieldId(): number {
    return this.calls.fieldId(this.tree);
  }

  gotoFirstChild(): boolean {
    return this.calls.firstChild(this.tree) === 1;
  }

  gotoNextSibling(): boolean {
    return this.calls.nextSibling(this.tree) === 1;
  }

  gotoParent(): boolean {
    return this.calls.parent(this.tree) === 1;
  }

  delete(): void {
    // Freed by `walk`.
  }
}

/**
 * The direct cursor over the module object `Parser.init` filled, or undefined when that object
 * lacks an export it needs (another web-tree-sitter build, or a module another caller started):
 * the public cursor is used then.
 */
export function wasmTreeCursor(module: Readonly<Record<string, unknown>>): WasmTreeCursor | undefined {
  const calls: Partial<Calls> = {};
  for (const [name, exported] of Object.entries(EXPORTS) as Array<[keyof Calls, string]>) {
    const call = module[exported];
    if (typeof call !== 'function') return undefined;
    calls[name] = call as TreeCall;
  }
  return new WasmTreeCursor(calls as Calls);
}

/** The wasm address of a web-tree-sitter Tree (its internal handle), when it has one. */
export function treeAddress(tree: object): number | undefined {
  const address = (tree as Record<number, unknown>)[0];
  return typeof address === 'number' && address > 0 ? address : undefined;
}
