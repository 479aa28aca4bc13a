// A parser for the plain subset of bash that most agent commands are written in: words of
// literal and glob characters, single-quoted strings, double-quoted strings, `$NAME` and
// `${NAME}`, leading variable assignments, output and input redirections to a word, the operators
// `|`, `&&`, `||`, `;` and `&`, and a closing comment. It builds the same tree tree-sitter
// builds (node types, ranges, field names; the tests compare the two on every input they accept
// and on a seeded random mix of the subset's pieces and the characters just outside it), so the
// analysis cannot tell them apart, and it skips the wasm parse and the copy out of wasm.
// Anything outside the subset, or in doubt, returns undefined and goes to tree-sitter.
import { SnapshotNode } from './snapshot.ts';
import type { SyntaxTree } from './syntax.ts';

// Characters that make up a word here: bash gives none of them a meaning between words. Globs
// (`*`, `?`) and `~` stay in the word's text, as tree-sitter leaves them; the analysis reads them
// there. `[`, braces, `!`, `$`, `\`, quotes, redirections and control operators are left out.
const WORD = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./=:@%+,-*?~') WORD[char.charCodeAt(0)] = 1;

const SPACE = 0x20;
const TILDE = 0x7e;
const TAB = 0x09;
const NEWLINE = 0x0a;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const DOLLAR = 0x24;
// `#` starts a comment where a word would start.
const HASH = 0x23;
const SEMICOLON = 0x3b;
const AMPERSAND = 0x26;
const BAR = 0x7c;
const GREATER = 0x3e;
const LESS = 0x3c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
// tree-sitter makes each `[` and `]` in an argument a word of its own (`a[x]`: four words).
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BANG = 0x21;
const AT = 0x40;
const COLON = 0x3a;
// In `${NAME…}`: the transforms after `@`, the default operators, the pattern operators, and
// what a pattern may not hold here.
const TRANSFORMS = 'UuLQEPAKak';
const DEFAULTS = '-=+?';
const PATTERN_OPERATORS = '%#,^';
const PATTERN_OUT = [0x22, 0x27, 0x5c, 0x60, 0x7b, 0x0a];

function isWordChar(code: number): boolean {
  return code < 128 && WORD[code] === 1;
}

// tree-sitter reads `$_` as the special parameter even before more name characters (`$_a`):
// a name here starts with a letter.
function isNameStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || isDigit(code) || code === 0x5f;
}

function isDefaultChar(code: number): boolean {
  return isNameChar(code) || code === 0x2e || code === 0x2f;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

// Words that start something other than a simple command (tree-sitter gives them their own
// nodes), or that this parser leaves to tree-sitter rather than reason about.
const NOT_PLAIN_COMMAND_NAMES = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in',
  'function', 'export', 'declare', 'local', 'readonly', 'typeset', 'unset', 'unsetenv',
]);

const NUMBER = /^-?[0-9]+$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const APPEND_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+=/;

/** A maximal run of word characters, a bracket, one quoted string, `$NAME`, `${NAME}` or `$(…)`. */
interface Piece {
  kind: 'word' | 'bracket' | 'raw_string' | 'string' | 'simple_expansion' | 'expansion' | 'command_substitution';
  start: number;
  end: number;
  /** The node of a string, an expansion or a substitution, built as it was read. */
  node?: SnapshotNode;
}

/** Thrown inside the parser when the input leaves the subset; caught at its entry. */
const NOT_PLAIN = Symbol('not plain');

class PlainParser {
  private readonly source: string;
  private position = 0;
  /** How many command substitutions the position is inside. */
  private depth = 0;

  constructor(source: string) {
    this.source = source;
  }

  program(): SnapshotNode {
    this.skipBlanks();
    const start = this.position;
    const statements = this.statements();
    if (this.peek() === NEWLINE) this.position += 1;
    if (!this.atEnd()) throw NOT_PLAIN;
    const program = new SnapshotNode(this.source, 'program', true, false, start, this.source.length);
    program.adopt(statements, undefined);
    return program;
  }

  // Statements and their `;` and `&` separators, up to the end of the line or, inside a
  // substitution, its `)`; a comment closes a line's statements.
  private statements(): SnapshotNode[] {
    const statements: SnapshotNode[] = [];
    if (this.peek() !== HASH) statements.push(this.andOr());
    for (;;) {
      this.skipBlanks();
      const code = this.peek();
      if (code === HASH && this.depth === 0) {
        statements.push(this.comment());
        break;
      }
      // `&` here is a background job: `&&` and `&>` were taken by the statement before.
      if (code !== SEMICOLON && code !== AMPERSAND) break;
      statements.push(this.anonymous(code === SEMICOLON ? ';' : '&', this.position, this.position + 1));
      this.position += 1;
      this.skipBlanks();
      if (!this.atEnd() && this.peek() !== HASH && !this.atClose()) statements.push(this.andOr());
    }
    return statements;
  }

  /** `$(…)`, its statements parsed as a line's. `$((` is arithmetic, left to tree-sitter. */
  private substitution(start: number): SnapshotNode {
    return this.enclosed('command_substitution', start, '$(');
  }

  // `type` of an opening token at `start`, statements read as a line's, and `)`: a substitution
  // or a subshell. `((` after the opening is arithmetic, left to tree-sitter.
  private enclosed(type: string, start: number, open: string): SnapshotNode {
    const inside = start + open.length;
    if (this.source.charCodeAt(inside) === OPEN_PAREN) throw NOT_PLAIN;
    this.position = inside;
    this.depth += 1;
    this.skipBlanks();
    const statements = this.statements();
    if (statements.length === 0 || !this.atClose()) throw NOT_PLAIN;
    this.depth -= 1;
    this.position += 1;
    const node = new SnapshotNode(this.source, type, true, false, start, this.position);
    node.adopt([this.anonymous(open, start, inside), ...statements, this.anonymous(')', this.position - 1, this.position)], undefined);
    return node;
  }

  private atClose(): boolean {
    return this.depth > 0 && this.peek() === CLOSE_PAREN;
  }

  // A comment runs to the end of the line, which must be the end of the input.
  private comment(): SnapshotNode {
    const newline = this.source.indexOf('\n', this.position);
    const end = newline < 0 ? this.source.length : newline;
    const node = new SnapshotNode(this.source, 'comment', true, false, this.position, end);
    this.position = end;
    return node;
  }

  // `&&` and `||` bind equally and to the left; `|` binds tighter. But tree-sitter reads a
  // leading pipeline of three commands or more before `&&` or `||` as its first command piped
  // into the list of the rest: `a | b | c || d` is `a | (b | c || d)`. It splits a pipeline of
  // four or more again at the next operator: left to it, as are the odd splits below.
  private andOr(): SnapshotNode {
    let left = this.pipeline(true);
    let resplit = false;
    for (;;) {
      this.skipBlanks();
      const operator = this.operator2();
      if (operator === undefined || operator === '|') break;
      if (resplit || this.splitsOddly(left)) throw NOT_PLAIN;
      const token = this.anonymous(operator, this.position, this.position + 2);
      this.position += 2;
      this.skipBlanks();
      const right = this.pipeline(false);
      // As for pipelines, the redirections of the last command go on the whole list so far.
      const [body, redirects] = unwrapRedirected(right);
      let list: SnapshotNode;
      if (left.type === 'pipeline' && left.children.length >= 5) {
        const [first, pipe, ...rest] = left.children;
        list = this.parent('pipeline', [first!, pipe!, this.parent('list', [this.parent('pipeline', rest), token, body])]);
        resplit = rest.length >= 5;
      } else {
        list = this.parent('list', [left, token, body]);
      }
      left = redirects === undefined ? list : this.redirected(list, redirects);
    }
    return left;
  }

  // A pipeline of four commands or more before the operator: inside parentheses tree-sitter
  // does not split it, and with a redirection after its last command it splits it twice.
  private splitsOddly(left: SnapshotNode): boolean {
    const pipeline = left.type === 'redirected_statement' ? left.children[0]! : left;
    return pipeline.type === 'pipeline' && pipeline.children.length >= 7 && (this.depth > 0 || pipeline !== left);
  }

  private parent(type: string, children: SnapshotNode[]): SnapshotNode {
    const node = new SnapshotNode(this.source, type, true, false, children[0]!.startIndex, children[children.length - 1]!.endIndex);
    node.adopt(children, undefined);
    return node;
  }

  // tree-sitter hangs a redirection before a `|` on everything to its left: only the first
  // command of a line's first pipeline, or a pipeline's last command, is redirected here.
  private pipeline(leading: boolean): SnapshotNode {
    const first = this.command();
    const stages: SnapshotNode[] = [first];
    for (;;) {
      this.skipBlanks();
      if (this.operator2() !== '|') break;
      const before = stages[stages.length - 1]!;
      if (before.type === 'redirected_statement' && (stages.length > 1 || !leading)) throw NOT_PLAIN;
      stages.push(this.anonymous('|', this.position, this.position + 1));
      this.position += 1;
      this.skipBlanks();
      stages.push(this.command());
    }
    if (stages.length === 1) return first;
    // tree-sitter hangs the redirections of a pipeline's last command on the whole pipeline;
    // inside parentheses, on a pipeline of three commands or more, in ways of its own.
    const [last, redirects] = unwrapRedirected(stages[stages.length - 1]!);
    if (redirects !== undefined && this.depth > 0 && stages.length >= 5) throw NOT_PLAIN;
    stages[stages.length - 1] = last;
    return redirects === undefined ? this.parent('pipeline', stages) : this.redirected(this.parent('pipeline', stages), redirects);
  }

  private command(): SnapshotNode {
    if (this.peek() === OPEN_PAREN) return this.subshell();
    if (this.atKeyword('export')) return this.exported();
    const children: SnapshotNode[] = [];
    const fields: Array<string | null> = [];
    let named = false;
    for (;;) {
      if (this.atRedirect()) break;
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
        // A name that joins an expansion to other text: tree-sitter's lexer reads some of them
        // in ways of its own (`'time'x$y`). An expansion alone (`$TF apply`) is read plainly.
        // Brackets there start a test or a subscript (`[ -f x ]`, `a[1]=x`).
        if (pieces.length > 1 && pieces.some((piece) => piece.kind !== 'word' && piece.kind !== 'raw_string' && (piece.kind !== 'string' || this.holdsExpansion(piece)))) throw NOT_PLAIN;
        if (pieces[0]!.kind === 'bracket') throw NOT_PLAIN;
        const word = this.wordNode(pieces);
        // A name that is a number, or `-` alone (tree-sitter drops it before `x=1`).
        if (word.type === 'number' || (pieces.length === 1 && word.text === '-')) throw NOT_PLAIN;
        const first = pieces[0]!;
        // tree-sitter starts a declaration at `local` even when a string follows it unspaced.
        if (first.kind === 'word' && NOT_PLAIN_COMMAND_NAMES.has(pieces.length === 1 ? word.text : this.source.slice(first.start, first.end))) throw NOT_PLAIN;
        if (!this.plainName(first.start, word.endIndex, children.length > 0)) throw NOT_PLAIN;
        name.adopt([word], undefined);
        children.push(name);
        fields.push('name');
        named = true;
      } else {
        children.push(this.wordNode(pieces));
        fields.push('argument');
      }
      this.skipBlanks();
      // tree-sitter drops a `-` alone right before a descriptor's redirection (`cat - 2>&1`).
      if (pieces.length === 1 && pieces[0]!.end - pieces[0]!.start === 1 && this.source.charCodeAt(pieces[0]!.start) === 0x2d && isDigit(this.peek())) throw NOT_PLAIN;
    }
    if (!named) return this.assignmentsAlone(children);
    const command = new SnapshotNode(this.source, 'command', true, false, children[0]!.startIndex, children[children.length - 1]!.endIndex);
    command.adopt(children, fields);
    const redirects: SnapshotNode[] = [];
    while (this.atRedirect()) {
      redirects.push(this.redirect());
      this.skipBlanks();
    }
    if (redirects.length === 0) return command;
    // tree-sitter reads a word after a redirection as a second destination (`echo a >f b`):
    // only an operator, a comment or the end may follow here.
    if (!this.atOperatorOrEnd()) throw NOT_PLAIN;
    return this.redirected(command, redirects);
  }

  // tree-sitter cannot parse a command name with `%`, `@` or `?` in it (`cd@z`, `x?y`): it finds
  // an error; nor, after an assignment, one holding `:` (`A=1 t:x`). A glob names the program
  // only by what is on disk: left to it too.
  private plainName(start: number, end: number, afterAssignment: boolean): boolean {
    for (let index = start; index < end; index += 1) {
      const code = this.source.charCodeAt(index);
      if (code === 0x25 || code === 0x40 || code === 0x3f || code === 0x2a || (code === 0x3a && afterAssignment)) return false;
    }
    return true;
  }

  private holdsExpansion(piece: Piece): boolean {
    const dollar = this.source.indexOf('$', piece.start);
    return dollar >= 0 && dollar < piece.end;
  }

  // Assignments with no command set shell variables: one is a statement of its own, more are
  // grouped. Nothing at all, or a redirection after them, is not plain.
  private assignmentsAlone(assignments: SnapshotNode[]): SnapshotNode {
    if (assignments.length === 0 || this.atRedirect()) throw NOT_PLAIN;
    if (assignments.length === 1) return assignments[0]!;
    const node = new SnapshotNode(this.source, 'variable_assignments', true, false, assignments[0]!.startIndex, assignments[assignments.length - 1]!.endIndex);
    node.adopt(assignments, undefined);
    return node;
  }

  // `( … )`: its statements are read as a line's; a redirection after it is left to tree-sitter.
  private subshell(): SnapshotNode {
    const node = this.enclosed('subshell', this.position, '(');
    this.skipBlanks();
    if (!this.atOperatorOrEnd()) throw NOT_PLAIN;
    return node;
  }

  /** Whether `word` stands here as a word of its own. */
  private atKeyword(word: string): boolean {
    return this.source.startsWith(word, this.position) && this.source.charCodeAt(this.position + word.length) === SPACE;
  }

  // `export NAME=value NAME …`: assignments and names only (options such as `-n` are left to
  // tree-sitter), and nothing after them but an operator or the end.
  private exported(): SnapshotNode {
    const start = this.position;
    const children = [this.anonymous('export', start, start + 6)];
    this.position += 6;
    this.skipBlanks();
    for (;;) {
      if (this.atRedirect()) throw NOT_PLAIN;
      const pieces = this.word();
      if (pieces === undefined) break;
      const assignment = this.assignment(pieces);
      if (assignment !== undefined) children.push(assignment);
      else if (pieces.length === 1 && pieces[0]!.kind === 'word' && this.isName(pieces[0]!)) children.push(new SnapshotNode(this.source, 'variable_name', true, false, pieces[0]!.start, pieces[0]!.end));
      else throw NOT_PLAIN;
      this.skipBlanks();
    }
    if (children.length === 1 || !this.atOperatorOrEnd()) throw NOT_PLAIN;
    const node = new SnapshotNode(this.source, 'declaration_command', true, false, start, children[children.length - 1]!.endIndex);
    node.adopt(children, undefined);
    return node;
  }

  private isName(piece: Piece): boolean {
    return isNameStart(this.source.charCodeAt(piece.start)) && this.nameEnd(piece.start) === piece.end;
  }

  /** Whether an operator this parser knows, a comment, a closing parenthesis or the end comes next. */
  private atOperatorOrEnd(): boolean {
    const next = this.peek();
    return next === -1 || next === NEWLINE || next === SEMICOLON || next === BAR || next === AMPERSAND || next === HASH || this.atClose();
  }

  private redirected(body: SnapshotNode, redirects: readonly SnapshotNode[]): SnapshotNode {
    const node = new SnapshotNode(this.source, 'redirected_statement', true, false, body.startIndex, redirects[redirects.length - 1]!.endIndex);
    node.adopt([body, ...redirects], ['body', ...redirects.map(() => 'redirect')]);
    return node;
  }

  /** Whether a redirection starts here: `>`, `<`, `&>`, or a digit 1-9 right before `>` or `<`. */
  private atRedirect(): boolean {
    const code = this.peek();
    if (code === GREATER || code === LESS) {
      // Digits right before it (`x12>f`): tree-sitter may read them as a descriptor.
      if (isDigit(this.source.charCodeAt(this.position - 1))) throw NOT_PLAIN;
      return true;
    }
    const next = this.source.charCodeAt(this.position + 1);
    if (code === AMPERSAND) return next === GREATER;
    if (!isDigit(code) || (next !== GREATER && next !== LESS)) return false;
    // tree-sitter reads `0` there as an argument, not as a descriptor.
    if (code === 0x30) throw NOT_PLAIN;
    return true;
  }

  // `[n]>`, `[n]>>`, `[n]<`, `[n]>&`, `&>` or `&>>`, then one word. Here-documents and
  // here-strings, `<&`, `<>`, `>|` and process substitutions are left to tree-sitter.
  private redirect(): SnapshotNode {
    const { source } = this;
    const start = this.position;
    const children: SnapshotNode[] = [];
    const fields: Array<string | null> = [];
    if (isDigit(this.peek())) {
      children.push(new SnapshotNode(source, 'file_descriptor', true, false, start, start + 1));
      fields.push('descriptor');
      this.position += 1;
    }
    const operator = this.redirectOperator();
    children.push(this.anonymous(operator, this.position, this.position + operator.length));
    fields.push(null);
    this.position += operator.length;
    this.skipBlanks();
    const pieces = this.word();
    if (pieces === undefined) throw NOT_PLAIN;
    children.push(this.wordNode(pieces));
    fields.push('destination');
    const node = new SnapshotNode(source, 'file_redirect', true, false, start, this.position);
    node.adopt(children, fields);
    return node;
  }

  private redirectOperator(): string {
    const code = this.peek();
    const next = this.source.charCodeAt(this.position + 1);
    if (code === AMPERSAND) return this.source.charCodeAt(this.position + 2) === GREATER ? '&>>' : '&>';
    if (code === GREATER) {
      if (next === GREATER) return '>>';
      // `>&-` closes a descriptor: tree-sitter has a token of its own for it.
      if (next === AMPERSAND) {
        if (this.source.charCodeAt(this.position + 2) === 0x2d /* - */) throw NOT_PLAIN;
        return '>&';
      }
      if (next === BAR) throw NOT_PLAIN;
      return '>';
    }
    if (code === LESS && next !== LESS && next !== AMPERSAND && next !== GREATER) return '<';
    throw NOT_PLAIN;
  }

  private assignment(pieces: readonly Piece[]): SnapshotNode | undefined {
    const first = pieces[0]!;
    if (pieces.some((piece) => piece.kind === 'bracket')) throw NOT_PLAIN;
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
    } else {
      // An empty value right before an operator (`B=|x`) is an error there.
      const next = this.peek();
      if (next !== -1 && next !== SPACE && next !== TAB && next !== NEWLINE) throw NOT_PLAIN;
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
    switch (piece.kind) {
      case 'word': {
        // tree-sitter reads some digit runs as numbers (`5`, `-1`, `10#5`), but not inside a
        // concatenation the same way: only the standalone whole-number case is taken here.
        const digitAt = source.charCodeAt(piece.start) === 0x2d /* - */ ? piece.start + 1 : piece.start;
        if (digitAt < piece.end && isDigit(source.charCodeAt(digitAt))) {
          const text = source.slice(piece.start, piece.end);
          if (alone && NUMBER.test(text)) return new SnapshotNode(source, 'number', true, false, piece.start, piece.end);
          if (!alone || text.includes('#')) throw NOT_PLAIN;
        }
        return new SnapshotNode(source, 'word', true, false, piece.start, piece.end);
      }
      case 'bracket':
        return new SnapshotNode(source, 'word', true, false, piece.start, piece.end);
      case 'raw_string':
        return new SnapshotNode(source, 'raw_string', true, false, piece.start, piece.end);
      default:
        return piece.node!;
    }
  }

  // `"…"`: its text between expansions and substitutions is string_content; an empty string has
  // quotes alone. Built as it is read, since a substitution inside is parsed as statements.
  private doubleQuoted(start: number): SnapshotNode {
    const { source } = this;
    const children = [this.anonymous('"', start, start + 1)];
    let index = start + 1;
    let content = index;
    // tree-sitter takes blanks between the opening quote or an expansion and the next
    // expansion into that one's `$` token (`" $D"`, `"$a $b"`): not plain.
    let onlyBlanksSinceExpansion = true;
    for (;;) {
      if (index >= source.length) throw NOT_PLAIN;
      const inner = source.charCodeAt(index);
      if (inner === DOUBLE_QUOTE) break;
      // Backquote and backslash expand or escape inside double quotes (`!` expands only where
      // history is on, never in a script).
      if (inner === 0x60 || inner === 0x5c || inner === NEWLINE) throw NOT_PLAIN;
      if (inner !== DOLLAR) {
        if (inner !== SPACE && inner !== TAB) onlyBlanksSinceExpansion = false;
        index += 1;
        continue;
      }
      const before = source.charCodeAt(index - 1);
      if (onlyBlanksSinceExpansion && index > start + 1 && (before === SPACE || before === TAB)) throw NOT_PLAIN;
      if (index > content) children.push(this.stringContent(content, index));
      children.push(this.dollar(index));
      index = this.position;
      content = index;
      onlyBlanksSinceExpansion = true;
    }
    if (index > content) children.push(this.stringContent(content, index));
    children.push(this.anonymous('"', index, index + 1));
    this.position = index + 1;
    const node = new SnapshotNode(source, 'string', true, false, start, this.position);
    node.adopt(children, undefined);
    return node;
  }

  // tree-sitter makes no node of text in double quotes that is blanks alone (`" "`).
  private stringContent(start: number, end: number): SnapshotNode {
    let index = start;
    while (index < end && (this.source.charCodeAt(index) === SPACE || this.source.charCodeAt(index) === TAB)) index += 1;
    if (index === end) throw NOT_PLAIN;
    return new SnapshotNode(this.source, 'string_content', true, false, start, end);
  }

  /** `$NAME`, `${…}` or `$(…)` at `start`; the position moves past it. Any other `$` is not plain. */
  private dollar(start: number): SnapshotNode {
    const next = this.source.charCodeAt(start + 1);
    if (next === OPEN_PAREN) return this.substitution(start);
    if (next === OPEN_BRACE) return this.braced(start);
    const end = this.nameEnd(start + 1);
    this.position = end;
    const node = new SnapshotNode(this.source, 'simple_expansion', true, false, start, end);
    node.adopt([this.anonymous('$', start, start + 1), new SnapshotNode(this.source, 'variable_name', true, false, start + 1, end)], undefined);
    return node;
  }

  /** Where the variable name at `start` ends; a name here starts with a letter. */
  private nameEnd(start: number): number {
    if (!isNameStart(this.source.charCodeAt(start))) throw NOT_PLAIN;
    let end = start + 1;
    while (isNameChar(this.source.charCodeAt(end))) end += 1;
    return end;
  }

  // `${NAME}`, `${!NAME}`, `${NAME@P}`, a default (`${NAME:-word}`, `-`, `=`, `+`, `?`, with or
  // without `:`) whose value is a word, `$NAME` or `$(…)`, and a pattern removal or case change
  // (`${NAME%pattern}`, `%%`, `#`, `##`, `,`, `,,`, `^`, `^^`) whose pattern tree-sitter reads as
  // one `regex` (`${PWD%$(cmd)}` too: the analysis re-reads it). Slices, replacements, lengths
  // and anything else go to tree-sitter.
  private braced(start: number): SnapshotNode {
    const { source } = this;
    const children = [this.anonymous('${', start, start + 2)];
    const fields: Array<string | null> = [null];
    let index = start + 2;
    const indirect = source.charCodeAt(index) === BANG;
    if (indirect) {
      children.push(this.anonymous('!', index, index + 1));
      fields.push('operator');
      index += 1;
    }
    const nameEnd = this.nameEnd(index);
    children.push(new SnapshotNode(source, 'variable_name', true, false, index, nameEnd));
    fields.push(null);
    index = nameEnd;
    if (!indirect && source.charCodeAt(index) !== CLOSE_BRACE) index = this.expansionOperation(index, children, fields);
    if (source.charCodeAt(index) !== CLOSE_BRACE) throw NOT_PLAIN;
    children.push(this.anonymous('}', index, index + 1));
    fields.push(null);
    this.position = index + 1;
    const node = new SnapshotNode(source, 'expansion', true, false, start, this.position);
    node.adopt(children, fields.length > 3 || indirect ? fields : undefined);
    return node;
  }

  /** The operator after a braced expansion's name and what follows it; returns where it ends. */
  private expansionOperation(at: number, children: SnapshotNode[], fields: Array<string | null>): number {
    const { source } = this;
    const code = source.charCodeAt(at);
    const next = source.charCodeAt(at + 1);
    const operator = (start: number, end: number): void => {
      children.push(this.anonymous(source.slice(start, end), start, end));
      fields.push('operator');
    };
    if (code === AT) {
      if (!TRANSFORMS.includes(source[at + 1] ?? '-')) throw NOT_PLAIN;
      operator(at, at + 1);
      operator(at + 1, at + 2);
      return at + 2;
    }
    const defaultWidth = DEFAULTS.includes(source[at]!) ? 1 : code === COLON && DEFAULTS.includes(source[at + 1] ?? '.') ? 2 : 0;
    if (defaultWidth > 0) {
      operator(at, at + defaultWidth);
      let index = at + defaultWidth;
      const value = source.charCodeAt(index);
      if (value === DOLLAR) {
        if (source.charCodeAt(index + 1) === OPEN_BRACE) throw NOT_PLAIN;
        children.push(this.dollar(index));
        fields.push(null);
        return this.position;
      }
      if (isWordChar(value)) {
        // Letters, digits, `_`, `.` and `/` only: with others tree-sitter may read a name and a
        // word there (`${x:+a=1}`, `${x=b-y}`).
        while (isWordChar(source.charCodeAt(index))) if (!isDefaultChar(source.charCodeAt(index++))) throw NOT_PLAIN;
        children.push(new SnapshotNode(source, 'word', true, false, at + defaultWidth, index));
        fields.push(null);
      }
      return index;
    }
    if (!PATTERN_OPERATORS.includes(source[at] ?? '.')) throw NOT_PLAIN;
    const width = next === code ? 2 : 1;
    // tree-sitter reads `${x##}` as `#` with the pattern `#` (but `${x%%}` as `%%`).
    if (width === 2 && source.charCodeAt(at + 2) === CLOSE_BRACE) throw NOT_PLAIN;
    operator(at, at + width);
    // The pattern runs to the closing brace: no quotes, escapes, backquotes or braces, and
    // parentheses and brackets balanced (a stray `)` splits it into several nodes, a stray `]`
    // is an error there).
    let index = at + width;
    let parens = 0;
    let brackets = 0;
    for (;;) {
      const inner = source.charCodeAt(index);
      if (inner === CLOSE_BRACE) {
        // A brace inside a substitution there is read as the end by one parser and not the other.
        if (parens > 0) throw NOT_PLAIN;
        break;
      }
      if (Number.isNaN(inner) || PATTERN_OUT.includes(inner)) throw NOT_PLAIN;
      if (inner === OPEN_PAREN) parens += 1;
      else if (inner === CLOSE_PAREN && (parens -= 1) < 0) throw NOT_PLAIN;
      else if (inner === OPEN_BRACKET) brackets += 1;
      else if (inner === CLOSE_BRACKET && (brackets -= 1) < 0) throw NOT_PLAIN;
      index += 1;
    }
    if (parens !== 0) throw NOT_PLAIN;
    // Blanks at either end of the pattern are tree-sitter's own nodes, or none.
    const isBlank = (offset: number): boolean => source.charCodeAt(offset) === SPACE || source.charCodeAt(offset) === TAB;
    if (index > at + width && (isBlank(at + width) || isBlank(index - 1))) throw NOT_PLAIN;
    if (index > at + width) {
      children.push(new SnapshotNode(source, 'regex', true, false, at + width, index));
      fields.push(null);
    }
    return index;
  }

  /** The pieces of the next word, or undefined when no word starts here. */
  private word(): Piece[] | undefined {
    const { source } = this;
    const pieces: Piece[] = [];
    for (;;) {
      const start = this.position;
      const code = this.peek();
      if (isWordChar(code)) {
        let end = start + 1;
        while (end < source.length && isWordChar(source.charCodeAt(end))) {
          // A tilde after `=` or `:` expands in an assignment, and tree-sitter finds errors there.
          if (source.charCodeAt(end) === TILDE && (source.charCodeAt(end - 1) === 0x3d || source.charCodeAt(end - 1) === 0x3a)) throw NOT_PLAIN;
          end += 1;
        }
        pieces.push({ kind: 'word', start, end });
        this.position = end;
      } else if (code === SINGLE_QUOTE) {
        const close = source.indexOf("'", start + 1);
        if (close < 0 || source.slice(start + 1, close).includes('\n')) throw NOT_PLAIN;
        pieces.push({ kind: 'raw_string', start, end: close + 1 });
        this.position = close + 1;
      } else if (code === DOUBLE_QUOTE) {
        const node = this.doubleQuoted(start);
        pieces.push({ kind: 'string', start, end: this.position, node });
      } else if (code === OPEN_BRACKET || code === CLOSE_BRACKET) {
        // A word that starts with one is read in ways of tree-sitter's own (`] ]` is one word).
        if (pieces.length === 0) throw NOT_PLAIN;
        pieces.push({ kind: 'bracket', start, end: start + 1 });
        this.position = start + 1;
      } else if (code === DOLLAR) {
        // tree-sitter misreads some runs of expansions (`x$y$x~`): one unquoted expansion per word,
        // nor after a quoted part (`s"x"r$x/a` is two words there); after a bracket, only a
        // substitution (`a[$(cmd)]`, an index evaluated again). Plain text may come before any.
        const substitution = source.charCodeAt(start + 1) === OPEN_PAREN;
        if (pieces.some((piece) => piece.kind !== 'word' && (piece.kind !== 'bracket' || !substitution))) throw NOT_PLAIN;
        const node = this.dollar(start);
        // Nor a tilde right after one (`$y~/x`), which tree-sitter reads in ways of its own.
        if (this.peek() === TILDE) throw NOT_PLAIN;
        pieces.push({ kind: node.type as Piece['kind'], start, end: this.position, node });
      } else {
        break;
      }
    }
    const code = this.peek();
    // `#` inside a word: bash keeps it in the word, and tree-sitter finds errors around it.
    if (pieces.length > 0) {
      if (code === HASH) throw NOT_PLAIN;
      return pieces;
    }
    // A word ends at a blank, an operator this parser knows, a comment or the end; anything else is not plain.
    if (this.atEnd() || code === SPACE || code === TAB || code === NEWLINE || code === SEMICOLON || code === BAR || code === AMPERSAND || code === HASH || code === GREATER || code === LESS || this.atClose()) return undefined;
    throw NOT_PLAIN;
  }

  /** `&&`, `||` or `|` at the current position. `|&` is not plain. */
  private operator2(): '&&' | '||' | '|' | undefined {
    const code = this.peek();
    const next = this.source.charCodeAt(this.position + 1);
    if (code === AMPERSAND) return next === AMPERSAND ? '&&' : undefined;
    if (code !== BAR) return undefined;
    if (next === BAR) return '||';
    if (next === AMPERSAND) throw NOT_PLAIN;
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

/** A redirected statement's body and its redirections; any other node and undefined. */
function unwrapRedirected(node: SnapshotNode): [SnapshotNode, readonly SnapshotNode[] | undefined] {
  return node.type === 'redirected_statement' ? [node.children[0]!, node.children.slice(1)] : [node, undefined];
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
  // How many `${` are open: operators of an expansion are plain inside one.
  let braces = 0;
  for (let index = 0; index < source.length; index += 1) {
    const code = source.charCodeAt(index);
    if (isWordChar(code) || code === SPACE || code === TAB || code === SEMICOLON || code === BAR || code === AMPERSAND || code === CLOSE_PAREN || code === OPEN_BRACKET || code === CLOSE_BRACKET) continue;
    if (code === CLOSE_BRACE) {
      if (braces > 0) braces -= 1;
      continue;
    }
    if (braces > 0 && IN_BRACES.includes(code)) continue;
    const next = source.charCodeAt(index + 1);
    if (code === HASH) {
      // A comment where a word would start runs to the end of the line; `#` inside a word is not plain.
      const previous = index === 0 ? SPACE : source.charCodeAt(index - 1);
      return previous === SPACE || previous === TAB || previous === SEMICOLON || previous === AMPERSAND || previous === BAR || previous === CLOSE_PAREN;
    }
    if (code === DOLLAR) {
      if (next === OPEN_PAREN) {
        if (source.charCodeAt(index + 2) === OPEN_PAREN) return false;
      } else if (next === OPEN_BRACE) {
        const first = source.charCodeAt(index + 2);
        if (!isNameStart(first) && first !== BANG) return false;
        braces += 1;
      } else if (!isNameStart(next)) {
        return false;
      }
      if (next === OPEN_PAREN || next === OPEN_BRACE) index += 1;
    } else if (code === OPEN_PAREN) {
      // A subshell starts a statement.
      let before = index - 1;
      while (source.charCodeAt(before) === SPACE || source.charCodeAt(before) === TAB) before -= 1;
      const previous = before < 0 ? SEMICOLON : source.charCodeAt(before);
      if (previous !== SEMICOLON && previous !== AMPERSAND && previous !== BAR && previous !== OPEN_PAREN) return false;
    } else if (code === GREATER || code === LESS) {
      if (next === OPEN_PAREN || (code === LESS ? next === LESS || next === AMPERSAND || next === GREATER : next === BAR)) return false;
    } else if (code === SINGLE_QUOTE) {
      index = source.indexOf("'", index + 1);
      if (index < 0) return false;
    } else if (code === DOUBLE_QUOTE) {
      for (index += 1; source.charCodeAt(index) !== DOUBLE_QUOTE; index += 1) {
        if (index >= source.length || DOUBLE_QUOTED_OUT.includes(source[index]!)) return false;
        // A substitution may hold quotes of its own: the parser pairs them.
        if (source.charCodeAt(index) === DOLLAR && source.charCodeAt(index + 1) === OPEN_PAREN) return true;
      }
    } else if (code !== NEWLINE || index !== source.length - 1) {
      return false;
    }
  }
  return true;
}

// Operator characters of a `${…}` expansion (`${!x}`, `${x@P}`, `${x%$(cmd)}`, `${x,,}`, `${x^}`),
// and what its pattern may hold (`${PWD%<(cmd)}`, `${x%$ y}`).
const IN_BRACES = [0x21, 0x23, 0x24, 0x25, 0x28, 0x2c, 0x3a, 0x3c, 0x3e, 0x40, 0x5e];

// Characters that end the subset inside double quotes (they expand, escape or break the line).
const DOUBLE_QUOTED_OUT = '`\\\n';

/** The subset parser without the character pass (tests hold the pass to never refuse a plain line). */
export function parseSubset(source: string): SyntaxTree | undefined {
  try {
    return { rootNode: new PlainParser(source).program(), delete: NO_DELETE };
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}
