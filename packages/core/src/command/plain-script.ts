// A parser for the plain subset of bash that most agent commands are written in: words of
// literal characters, single- and double-quoted strings without expansions, leading variable
// assignments, and the operators `|`, `&&`, `||` and `;`. In that subset nothing is expanded,
// so bash's words are exactly what a reader sees. It builds the same tree tree-sitter builds
// (node types, ranges, field names; the tests compare the two on every input they accept), so
// the analysis cannot tell them apart, and it skips the wasm parse and the copy out of wasm.
// Anything outside the subset, or in doubt, returns undefined and goes to tree-sitter.
import { SnapshotNode } from './snapshot.ts';
import type { SyntaxTree } from './syntax.ts';

// Characters that bash never treats specially in an unquoted word. `#`, `~` (but see below),
// globs, braces, `!`, `$`, `\`, quotes, redirections and control operators are all left out.
const WORD = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./=:@%+,-') WORD[char.charCodeAt(0)] = 1;

// `~` inside a word, not after `=` or `:` (`HEAD~1`): bash expands a tilde only at the start of a
// word or of an assignment's value or path list.
const TILDE = 0x7e;

function isWordChar(code: number, previous: number): boolean {
  return (code < 128 && WORD[code] === 1) || (code === TILDE && previous !== 0x3d && previous !== 0x3a);
}

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;

// Words that start something other than a simple command (tree-sitter gives them their own
// nodes), or that this parser leaves to tree-sitter rather than reason about.
const NOT_PLAIN_COMMAND_NAMES = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in',
  'function', 'time', 'coproc', 'export', 'declare', 'local', 'readonly', 'typeset', 'unset', 'unsetenv', 'let', 'eval',
]);

const NUMBER = /^-?[0-9]+$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const APPEND_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+=/;

/** A maximal run of unquoted word characters, or one quoted string. */
interface Piece {
  kind: 'word' | 'raw_string' | 'string';
  start: number;
  end: number;
}

/** Thrown inside the parser when the input leaves the subset; caught at its entry. */
const NOT_PLAIN = Symbol('not plain');

class PlainParser {
  private readonly source: string;
  private position = 0;

  constructor(source: string) {
    this.source = source;
  }

  program(): SnapshotNode {
    this.skipBlanks();
    const start = this.position;
    const statements: SnapshotNode[] = [this.andOr()];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== 0x3b /* ; */) break;
      const semicolon = this.anonymous(';', this.position, this.position + 1);
      this.position += 1;
      statements.push(semicolon);
      this.skipBlanks();
      if (this.atEnd()) break;
      statements.push(this.andOr());
    }
    if (this.peek() === NEWLINE) this.position += 1;
    if (!this.atEnd()) throw NOT_PLAIN;
    const program = new SnapshotNode(this.source, 'program', true, false, start, this.source.length);
    program.adopt(statements, undefined);
    return program;
  }

  // `&&` and `||` bind equally and to the left; `|` binds tighter.
  private andOr(): SnapshotNode {
    let left = this.pipeline();
    for (;;) {
      this.skipBlanks();
      const operator = this.operator2();
      if (operator === undefined || operator === '|') break;
      const token = this.anonymous(operator, this.position, this.position + 2);
      this.position += 2;
      this.skipBlanks();
      const right = this.pipeline();
      const list = new SnapshotNode(this.source, 'list', true, false, left.startIndex, right.endIndex);
      list.adopt([left, token, right], undefined);
      left = list;
    }
    return left;
  }

  private pipeline(): SnapshotNode {
    const first = this.command();
    const stages: SnapshotNode[] = [first];
    for (;;) {
      this.skipBlanks();
      if (this.operator2() !== '|') break;
      stages.push(this.anonymous('|', this.position, this.position + 1));
      this.position += 1;
      this.skipBlanks();
      stages.push(this.command());
    }
    if (stages.length === 1) return first;
    const pipeline = new SnapshotNode(this.source, 'pipeline', true, false, first.startIndex, stages[stages.length - 1]!.endIndex);
    pipeline.adopt(stages, undefined);
    return pipeline;
  }

  private command(): SnapshotNode {
    const children: SnapshotNode[] = [];
    const fields: Array<string | null> = [];
    let named = false;
    for (;;) {
      const pieces = this.word();
      if (pieces === undefined) break;
      if (!named) {
        const assignment = this.assignment(pieces);
        if (assignment !== undefined) {
          children.push(assignment);
          fields.push(null);
          this.skipBlanks();
          continue;
        }
        const name = new SnapshotNode(this.source, 'command_name', true, false, pieces[0]!.start, pieces[pieces.length - 1]!.end);
        const word = this.wordNode(pieces);
        if (word.type !== 'word' && word.type !== 'raw_string' && word.type !== 'string' && word.type !== 'concatenation') throw NOT_PLAIN;
        // tree-sitter starts a declaration at `local` even when a string follows it unspaced.
        if (pieces[0]!.kind === 'word' && NOT_PLAIN_COMMAND_NAMES.has(this.source.slice(pieces[0]!.start, pieces[0]!.end))) throw NOT_PLAIN;
        // tree-sitter cannot parse a command name with `%` or `@` in it (`cd@z`): it finds an error.
        if (/[%@]/.test(word.text)) throw NOT_PLAIN;
        name.adopt([word], undefined);
        children.push(name);
        fields.push('name');
        named = true;
      } else {
        children.push(this.wordNode(pieces));
        fields.push('argument');
      }
      this.skipBlanks();
    }
    // Assignments alone, or nothing at all: not a plain command.
    if (!named) throw NOT_PLAIN;
    const command = new SnapshotNode(this.source, 'command', true, false, children[0]!.startIndex, children[children.length - 1]!.endIndex);
    command.adopt(children, fields);
    return command;
  }

  private assignment(pieces: readonly Piece[]): SnapshotNode | undefined {
    const first = pieces[0]!;
    if (first.kind !== 'word') return undefined;
    // Most first words hold no `=`: neither kind of assignment, nothing to read.
    const equalsAt = this.source.indexOf('=', first.start);
    if (equalsAt < 0 || equalsAt >= first.end) return undefined;
    const text = this.source.slice(first.start, first.end);
    if (APPEND_ASSIGNMENT.test(text)) throw NOT_PLAIN;
    const match = ASSIGNMENT.exec(text);
    // tree-sitter reads more first words as assignments than bash does (`--x=1`, `5==x`):
    // any other `=` before the command name is left to it.
    if (match === null) {
      if (text.includes('=')) throw NOT_PLAIN;
      return undefined;
    }
    const equals = first.start + match[0].length - 1;
    // tree-sitter reads `declare=…` as the keyword, not as an assignment.
    if (NOT_PLAIN_COMMAND_NAMES.has(text.slice(0, match[0].length - 1))) throw NOT_PLAIN;
    const name = new SnapshotNode(this.source, 'variable_name', true, false, first.start, equals);
    const children = [name, this.anonymous('=', equals, equals + 1)];
    const fields: Array<string | null> = ['name', null];
    const rest: Piece[] = equals + 1 < first.end ? [{ kind: 'word', start: equals + 1, end: first.end }, ...pieces.slice(1)] : pieces.slice(1);
    if (rest.length > 0) {
      if (rest[0]!.kind === 'word' && this.source.charCodeAt(rest[0]!.start) === 0x3d /* = */) throw NOT_PLAIN;
      children.push(this.wordNode(rest));
      fields.push('value');
    }
    const node = new SnapshotNode(this.source, 'variable_assignment', true, false, first.start, pieces[pieces.length - 1]!.end);
    node.adopt(children, fields);
    return node;
  }

  private wordNode(pieces: readonly Piece[]): SnapshotNode {
    if (pieces.length === 1) return this.pieceNode(pieces[0]!, true);
    const parts = pieces.map((piece) => this.pieceNode(piece, false));
    const node = new SnapshotNode(this.source, 'concatenation', true, false, pieces[0]!.start, pieces[pieces.length - 1]!.end);
    node.adopt(parts, undefined);
    return node;
  }

  private pieceNode(piece: Piece, alone: boolean): SnapshotNode {
    const { source } = this;
    if (piece.kind === 'word') {
      // tree-sitter reads some digit runs as numbers (`5`, `-1`, `10#5`), but not inside a
      // concatenation the same way: only the standalone whole-number case is taken here.
      const digitAt = source.charCodeAt(piece.start) === 0x2d /* - */ ? piece.start + 1 : piece.start;
      const lead = digitAt < piece.end ? source.charCodeAt(digitAt) : -1;
      if (lead >= 0x30 && lead <= 0x39) {
        const text = source.slice(piece.start, piece.end);
        if (alone && NUMBER.test(text)) return new SnapshotNode(source, 'number', true, false, piece.start, piece.end);
        if (!alone || text.includes('#')) throw NOT_PLAIN;
      }
      return new SnapshotNode(source, 'word', true, false, piece.start, piece.end);
    }
    if (piece.kind === 'raw_string') return new SnapshotNode(source, 'raw_string', true, false, piece.start, piece.end);
    const node = new SnapshotNode(source, 'string', true, false, piece.start, piece.end);
    const children = [this.anonymous('"', piece.start, piece.start + 1)];
    if (piece.end - piece.start > 2) children.push(new SnapshotNode(source, 'string_content', true, false, piece.start + 1, piece.end - 1));
    children.push(this.anonymous('"', piece.end - 1, piece.end));
    node.adopt(children, undefined);
    return node;
  }

  /** The pieces of the next word, or undefined when no word starts here. */
  private word(): Piece[] | undefined {
    const { source } = this;
    const pieces: Piece[] = [];
    for (;;) {
      const start = this.position;
      const code = this.peek();
      if (code < 128 && WORD[code] === 1) {
        let end = start + 1;
        while (end < source.length && isWordChar(source.charCodeAt(end), source.charCodeAt(end - 1))) end += 1;
        pieces.push({ kind: 'word', start, end });
        this.position = end;
      } else if (code === SINGLE_QUOTE) {
        const close = source.indexOf("'", start + 1);
        if (close < 0 || source.slice(start + 1, close).includes('\n')) throw NOT_PLAIN;
        pieces.push({ kind: 'raw_string', start, end: close + 1 });
        this.position = close + 1;
      } else if (code === DOUBLE_QUOTE) {
        let end = start + 1;
        for (;;) {
          if (end >= source.length) throw NOT_PLAIN;
          const inner = source.charCodeAt(end);
          if (inner === DOUBLE_QUOTE) break;
          // `$`, backquote and backslash expand or escape inside double quotes; `!` is left out too.
          if (inner === 0x24 || inner === 0x60 || inner === 0x5c || inner === 0x21 || inner === NEWLINE) throw NOT_PLAIN;
          end += 1;
        }
        pieces.push({ kind: 'string', start, end: end + 1 });
        this.position = end + 1;
      } else {
        break;
      }
    }
    if (pieces.length > 0) return pieces;
    const code = this.peek();
    // A word ends at a blank, an operator this parser knows, or the end; anything else is not plain.
    if (this.atEnd() || code === SPACE || code === TAB || code === NEWLINE || code === 0x3b || code === 0x7c /* | */ || this.operator2() === '&&') return undefined;
    throw NOT_PLAIN;
  }

  /** `&&`, `||` or `|` at the current position. `|&` and a lone `&` are not plain. */
  private operator2(): '&&' | '||' | '|' | undefined {
    const code = this.peek();
    const next = this.source.charCodeAt(this.position + 1);
    if (code === 0x26 /* & */) {
      if (next === 0x26) return '&&';
      throw NOT_PLAIN;
    }
    if (code !== 0x7c) return undefined;
    if (next === 0x7c) return '||';
    if (next === 0x26) throw NOT_PLAIN;
    return '|';
  }

  private anonymous(type: string, start: number, end: number): SnapshotNode {
    return new SnapshotNode(this.source, type, false, false, start, end);
  }

  private skipBlanks(): void {
    while (this.peek() === SPACE || this.peek() === TAB) this.position += 1;
  }

  private peek(): number {
    return this.position < this.source.length ? this.source.charCodeAt(this.position) : -1;
  }

  private atEnd(): boolean {
    return this.position >= this.source.length;
  }
}

const NO_DELETE = (): void => undefined;

/** The tree tree-sitter would build for `source`, when it is plain bash; otherwise undefined. */
export function parsePlainScript(source: string): SyntaxTree | undefined {
  return mayBePlain(source) ? parseSubset(source) : undefined;
}

/**
 * A pass over the characters alone: false when a character leaves the subset, so a line that
 * needs tree-sitter costs no nodes first. True promises nothing (the parser decides).
 */
export function mayBePlain(source: string): boolean {
  for (let index = 0; index < source.length; index += 1) {
    const code = source.charCodeAt(index);
    if ((code < 128 && WORD[code] === 1) || code === SPACE || code === TAB || code === TILDE || code === 0x3b || code === 0x7c || code === 0x26) continue;
    if (code === SINGLE_QUOTE) {
      index = source.indexOf("'", index + 1);
      if (index < 0) return false;
    } else if (code === DOUBLE_QUOTE) {
      for (index += 1; source.charCodeAt(index) !== DOUBLE_QUOTE; index += 1) {
        if (index >= source.length || DOUBLE_QUOTED_OUT.includes(source[index]!)) return false;
      }
    } else if (code !== NEWLINE || index !== source.length - 1) {
      return false;
    }
  }
  return true;
}

// Characters that end the subset inside double quotes (they expand, escape or break the line).
const DOUBLE_QUOTED_OUT = '$`\\!\n';

/** The subset parser without the character pass (tests hold the pass to never refuse a plain line). */
export function parseSubset(source: string): SyntaxTree | undefined {
  try {
    return { rootNode: new PlainParser(source).program(), delete: NO_DELETE };
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}
