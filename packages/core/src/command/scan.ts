// Walks a bash syntax tree and hands every simple command to `runCommand`, with the stdin it
// reads (pipe, here-doc, here-string). Every `command` node anywhere in the tree is found:
// lists, pipelines, subshells, groups, control flow, function bodies, substitutions (also in
// strings, assignments, here-docs and parameter-expansion operands), and redirect targets.
// On the way it keeps the constants the script sets (for the word evaluator), reads literal
// loops once per value, and marks what bash evaluates again from a value (arithmetic,
// `${x@P}`, `${!x}`, subscripted names) and what changes how a name resolves.
import { braceFields } from './braces.ts';
import { GitConfigView } from './git-config.ts';
import { usablePath } from './file-access.ts';
import { RESOLUTION_ENV } from './program-options.ts';
import { arithmeticHazard, nameArgumentHazard, quotedDeclarationHazard } from './reeval.ts';
import { inDirectory, runCommand, UNKNOWN_DIRECTORY, type Frame, type Stdin } from './run.ts';
import type { ShellParser, SyntaxNode } from './syntax.ts';
import type { CommandAnalysis, FileAccessFinding, OpaqueKind, Word } from './types.ts';
import { decodeBase64, fieldsOf, globPatternOf, operandPattern, quotedLiteral, resolveWord, splitFields, unescapeUnquoted, type WordScope } from './word.ts';
import { own } from './own.ts';

const MAX_DEPTH = 8;
const MAX_LOOP_VALUES = 16;
const MAX_LOOP_WALKS = 64;
const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
const FETCHERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'lwp-request', 'GET']);
// Leaves whose text bash still expands but tree-sitter does not parse (pattern operands…).
const OPAQUE_LEAVES = new Set(['regex', 'extglob_pattern', 'word', 'test_operator', 'special_variable_name']);
const HIDDEN_SUBSTITUTION = /(^|[^\\])(\$[({[]|`|[<>]\()/;
const ARITHMETIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** What a command's redirects feed it, and what tree-sitter nested in them that runs after it. */
interface Redirected {
  stdin: Stdin;
  after: readonly SyntaxNode[];
}

// Most commands have no redirect: one shared, frozen result.
const NOT_REDIRECTED: Redirected = Object.freeze({ stdin: undefined, after: Object.freeze([]) });

/** What a pipeline stage hands to the next one. */
interface StageResult {
  /** The stage's words, when it is a simple command (its text is made only in a pipeline). */
  words: readonly Word[] | undefined;
  output: Stdin;
}

function stageText(stage: StageResult | undefined): string | undefined {
  return stage?.words === undefined ? undefined : stage.words.map((word) => word.value).join(' ');
}

/** Collects the analysis of one command line, recursing into nested scripts. */
export class Scanner {
  private readonly parser: ShellParser;
  readonly analysis: CommandAnalysis;
  /** Git configuration written earlier in this line. */
  readonly gitConfig = new GitConfigView();
  /** Loop bodies walked once per literal value, across the line (nested loops would multiply). */
  private loopBudget = MAX_LOOP_WALKS;

  constructor(parser: ShellParser, analysis: CommandAnalysis) {
    this.parser = parser;
    this.analysis = analysis;
  }

  /** Records something the analysis cannot see into. */
  opaque(kind: OpaqueKind, detail: string): void {
    this.analysis.opaque.push({ kind, detail });
  }

  /** Parses and walks a script (the line itself, or a nested `bash -c` script). */
  script(source: string, frame: Omit<Frame, 'source' | 'consts' | 'arrays' | 'assoc'> & Partial<Pick<Frame, 'consts' | 'arrays' | 'assoc'>>, shell: 'same' | 'child' = 'child'): void {
    if (frame.depth > MAX_DEPTH) {
      this.opaque('depth-limit', `nesting deeper than ${MAX_DEPTH} levels`);
      return;
    }
    const tree = this.parser.parse(source);
    try {
      const root = tree.rootNode;
      if (root.hasError) this.opaque('parse-error', `\`${clip(source)}\` does not parse as a complete shell command`);
      // A shell of its own starts from copies of what this one knows, and what it changes stays there.
      const inner: Frame =
        shell === 'same' && frame.consts !== undefined && frame.arrays !== undefined && frame.assoc !== undefined
          ? { via: frame.via, depth: frame.depth, delegated: frame.delegated, dir: frame.dir, env: frame.shellEnv ?? frame.env, consts: frame.consts, arrays: frame.arrays, assoc: frame.assoc, source }
          : { via: frame.via, depth: frame.depth, delegated: frame.delegated, dir: { ...frame.dir }, env: { ...frame.env }, consts: { ...frame.consts }, arrays: { ...frame.arrays }, assoc: new Set(frame.assoc), source };
      this.walk(root, inner, undefined);
    } finally {
      tree.delete();
    }
  }

  /** Reads a value bash evaluates again as shell words, so commands hidden in it are seen. */
  reveal(value: string, frame: Frame): void {
    if (/[`$<>]/.test(value)) this.script(`: ${value.replace(/^[A-Za-z_]\w*=/, '')}`, { ...frame, depth: frame.depth + 1 });
  }

  private walk(node: SyntaxNode, frame: Frame, stdin: Stdin): StageResult | undefined {
    switch (node.type) {
      case 'command':
        return this.command(node, frame, [], stdin);
      case 'redirected_statement':
        return this.redirected(node, frame, stdin);
      // A redirect with no command: `$(< .env)` is the file's content, read by the shell.
      case 'file_redirect':
      case 'heredoc_redirect':
      case 'herestring_redirect': {
        const redirected = this.redirects([node], frame, '');
        return this.continueRedirects(redirected.after, frame, { words: undefined, output: redirected.stdin });
      }
      case 'pipeline':
        return this.pipeline(node.namedChildren, frame, stdin);
      case 'variable_assignment':
        this.assign(node, frame);
        return undefined;
      case 'comment':
      case 'raw_string':
      case 'ansi_c_string':
      case 'string_content':
      case 'heredoc_body':
        return undefined;
      case 'ERROR':
        if (!this.analysis.opaque.some((item) => item.kind === 'parse-error')) this.opaque('parse-error', 'the command has a syntax error');
        break;
      case 'function_definition':
        this.opaque('resolution', `the line defines a function \`${node.childForFieldName('name')?.text ?? ''}\`, which changes what its name runs`);
        break;
      case 'declaration_command':
        this.declaration(node, frame);
        return undefined;
      case 'unset_command':
        this.unset(node, frame);
        return undefined;
      case 'for_statement':
        this.forLoop(node, frame);
        return undefined;
      case 'while_statement':
        if (this.readLoop(node, frame, stdin)) return undefined;
        break;
      case 'c_style_for_statement': {
        const safe = this.forHeaderNames(node);
        for (const child of node.namedChildren) if (child.type !== 'do_group' && child.type !== 'compound_statement') this.arithmetic(child, frame, safe);
        break;
      }
      case 'compound_statement':
        if (node.children[0]?.type === '((') this.arithmetic(node, frame);
        break;
      case 'arithmetic_expansion':
        this.arithmetic(node, frame);
        break;
      case 'subscript':
        this.subscript(node, frame);
        break;
      case 'expansion':
        this.expansionHazards(node, frame);
        break;
      case 'test_command':
        this.testHazards(node, frame);
        break;
      case 'process_substitution':
      case 'command_substitution':
        // A subshell: its assignments and `cd` stay in it.
        return this.statements(node, this.subshellOf(frame), undefined);
      // `! a | b`: the pipeline runs, its status negated.
      case 'negated_command':
        return this.statements(node, frame, stdin);
      default:
        if (OPAQUE_LEAVES.has(node.type) && node.childCount === 0) {
          this.hiddenSubstitution(node, frame);
          return undefined;
        }
        break;
    }
    // A subshell's assignments and `cd` stay in it.
    const last = this.statements(node, node.type === 'subshell' ? this.subshellOf(frame) : frame, stdin);
    return node.type === 'subshell' || node.type === 'compound_statement' ? last : undefined;
  }

  // The named children of `node` in order, the last one's result returned. A command sent to the
  // background (`f=a & cat "$f"`) runs in a subshell of its own: what it sets stays there.
  private statements(node: SyntaxNode, frame: Frame, stdin: Stdin): StageResult | undefined {
    let last: StageResult | undefined;
    const children = node.children;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index]!;
      if (!child.isNamed) continue;
      const background = children[index + 1]?.type === '&';
      last = this.walk(child, background ? this.subshellOf(frame) : frame, stdin) ?? last;
    }
    return last;
  }

  /** The constants of `frame`, as the word evaluator reads them. */
  scope(frame: Frame): WordScope {
    // Frames of one script share their constants: one scope per constants object.
    let scope = this.scopes.get(frame.consts);
    if (scope === undefined) {
      scope = {
        scalar: (name) => own(frame.consts, name),
        array: (name) => own(frame.arrays, name),
        ifs: () => frame.consts.IFS ?? (frame.env.IFS === undefined ? ' \t\n' : '\u0000'),
        pattern: (name) => this.globBindings.get(frame.consts)?.get(name),
      };
      this.scopes.set(frame.consts, scope);
    }
    return scope;
  }

  // A Map, not a WeakMap: it lives as long as the one analysis, and is faster to read.
  private readonly scopes = new Map<object, WordScope>();
  /** Per constants object: loop variables bound to the pattern they walk (`for f in *.ts`). */
  private readonly globBindings = new Map<object, Map<string, string>>();

  /** Resolves a word node against the frame's constants. */
  word(node: SyntaxNode, frame: Frame): Word {
    return resolveWord(node, this.scope(frame));
  }

  private hiddenSubstitution(node: SyntaxNode, frame: Frame): void {
    const text = node.text;
    if (!HIDDEN_SUBSTITUTION.test(text)) return;
    this.opaque('hidden-substitution', `\`${clip(text)}\` holds a substitution the parser left as text`);
    this.script(`: ${text}`, { ...frame, depth: frame.depth + 1 });
  }

  private assign(node: SyntaxNode, frame: Frame): void {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    if (value) this.walk(value, frame, undefined);
    if (!name) return;
    if (name.type === 'subscript') {
      this.walk(name, frame, undefined);
      this.setElement(name, value, frame);
      return;
    }
    this.setVariable(name.text, value, frame, node.text.includes('+='));
  }

  /** Records an assignment: a constant for the evaluator when its value is known. */
  setVariable(name: string, value: SyntaxNode | null, frame: Frame, append = false): void {
    this.globBindings.get(frame.consts)?.delete(name);
    if (RESOLUTION_ENV.has(name)) this.opaque('resolution', `\`${name}\` is set, which changes which program a name runs`);
    if (value?.type === 'array') {
      const elements: string[] = [];
      let known = true;
      for (const element of value.namedChildren) {
        const word = this.word(element, frame);
        if (word.dynamic) known = false;
        else elements.push(...(fieldsOf(element, word, this.scope(frame)) ?? [word.value]));
      }
      if (known) frame.arrays[name] = append ? [...(own(frame.arrays, name) ?? []), ...elements] : elements;
      else delete frame.arrays[name];
      frame.env[name] = value.text;
      delete frame.consts[name];
      return;
    }
    const word = value ? this.word(value, frame) : { value: '', dynamic: false };
    const previous = append ? own(frame.consts, name) : '';
    frame.env[name] = word.value;
    if (word.dynamic || previous === undefined) delete frame.consts[name];
    else frame.consts[name] = previous + word.value;
    delete frame.arrays[name];
  }

  /** A subshell of `frame`, knowing what it knows (loop variables' patterns too). */
  private subshellOf(frame: Frame): Frame {
    const inner = subshellFrame(frame);
    const bindings = this.globBindings.get(frame.consts);
    if (bindings !== undefined && bindings.size > 0) this.globBindings.set(inner.consts, new Map(bindings));
    return inner;
  }

  // `a[1]=x`: one element of a known array, when the index is a number and the value known;
  // otherwise what the array holds is no longer known.
  private setElement(subscript: SyntaxNode, value: SyntaxNode | null, frame: Frame): void {
    const array = subscript.childForFieldName('name')?.text;
    if (array === undefined) return;
    const index = subscript.childForFieldName('index');
    const known = own(frame.arrays, array);
    const word = value ? this.word(value, frame) : { value: '', dynamic: false };
    if (known === undefined || index?.type !== 'number' || !/^\d+$/.test(index.text) || word.dynamic || frame.assoc.has(array)) {
      this.forget(array, frame);
      return;
    }
    const elements = [...known];
    elements[Number(index.text)] = word.value;
    frame.arrays[array] = Array.from(elements, (element) => element ?? '');
    delete frame.consts[array];
  }

  /** Forgets, in `frame`, every variable `changed` (a subshell of it) set differently, and its directory if that moved. */
  private forgetChanges(changed: Frame, frame: Frame): void {
    for (const name in changed.consts) if (changed.consts[name] !== own(frame.consts, name)) this.forget(name, frame);
    for (const name in changed.env) if (changed.env[name] !== own(frame.env, name)) this.forget(name, frame);
    for (const name in changed.arrays) if (changed.arrays[name] !== own(frame.arrays, name)) this.forget(name, frame);
    if (changed.dir.path !== frame.dir.path) frame.dir.path = UNKNOWN_DIRECTORY;
  }

  /** Forgets what the script knew of a variable (`read x`, `unset x`, a loop over unknowns). */
  forget(name: string, frame: Frame): void {
    this.globBindings.get(frame.consts)?.delete(name);
    delete frame.consts[name];
    delete frame.arrays[name];
    frame.env[name] ??= '';
  }

  private declaration(node: SyntaxNode, frame: Frame): void {
    const keyword = node.children[0]?.text ?? 'declare';
    let flags = '';
    for (const child of node.namedChildren) {
      if (child.type === 'word' && /^[-+][A-Za-z]+$/.test(child.text)) {
        flags += child.text.slice(1);
        continue;
      }
      if (child.type === 'variable_assignment') {
        this.assign(child, frame);
        const name = child.childForFieldName('name')?.text ?? '';
        const value = child.childForFieldName('value');
        if (flags.includes('A')) frame.assoc.add(name);
        if (flags.includes('i') && value) this.arithmetic(value, frame);
        if (flags.includes('n')) this.nameReference(keyword, name, value?.text, frame);
        continue;
      }
      if (child.type === 'variable_name') {
        if (flags.includes('A')) frame.assoc.add(child.text);
        if (flags.includes('n')) this.nameReference(keyword, child.text, undefined, frame);
        continue;
      }
      this.walk(child, frame, undefined);
      const word = this.word(child, frame);
      if (word.dynamic || quotedDeclarationHazard(word.value)) {
        this.opaque('re-evaluation', `\`${keyword}\` parses \`${clip(word.value)}\` again as an assignment`);
        this.script(word.value, { ...frame, depth: frame.depth + 1 });
      }
      const eq = word.value.indexOf('=');
      if (eq > 0) this.forget(word.value.slice(0, eq), frame);
    }
  }

  // `declare -n r=f`: r is another name for f, so `r=.env` sets f and `$r` reads it. What is
  // read and set through a reference is not followed: never allowed, and both names unknown.
  private nameReference(keyword: string, name: string, target: string | undefined, frame: Frame): void {
    const why = target !== undefined && /[[`$]/.test(target) ? `refers to \`${clip(target)}\`, evaluated on every use` : `makes \`${name}\` another name for ${target === undefined ? 'the variable it is later set to' : `\`${clip(target)}\``}, which the line reads and sets through it`;
    this.opaque('re-evaluation', `\`${keyword} -n ${name}\` ${why}`);
    this.forget(name, frame);
    if (target !== undefined && IDENTIFIER.test(target)) this.forget(target, frame);
  }

  private unset(node: SyntaxNode, frame: Frame): void {
    for (const child of node.namedChildren) {
      if (child.type === 'word' && child.text.startsWith('-')) continue;
      this.walk(child, frame, undefined);
      const word = this.word(child, frame);
      const why = nameArgumentHazard(word.value, word.dynamic, this.scope(frame));
      if (why !== undefined) {
        this.opaque('re-evaluation', why);
        this.reveal(word.value, frame);
      }
      this.forget(word.value, frame);
    }
  }

  /** Flags arithmetic that evaluates a name whose value is unknown or holds code. */
  arithmetic(node: SyntaxNode, frame: Frame, safe?: ReadonlySet<string>): void {
    const why = arithmeticHazard(node, this.scope(frame), safe);
    if (why === undefined) return;
    this.opaque('re-evaluation', why);
    for (const name of node.text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
      const value = own(frame.consts, name);
      if (value !== undefined) this.reveal(value, frame);
    }
  }

  private forHeaderNames(node: SyntaxNode): Set<string> {
    const names = new Set<string>();
    for (const child of node.namedChildren) {
      if (child.type === 'variable_assignment') names.add(child.childForFieldName('name')?.text ?? '');
    }
    return names;
  }

  private subscript(node: SyntaxNode, frame: Frame): void {
    const array = node.namedChildren[0]?.text ?? '';
    const index = node.namedChildren[1];
    if (index === undefined || frame.assoc.has(array) || index.text === '@' || index.text === '*') return;
    const why = arithmeticHazard(index, this.scope(frame));
    if (why !== undefined) {
      this.opaque('re-evaluation', `the subscript of \`${array}\` is evaluated: ${why}`);
      const value = IDENTIFIER.test(index.text) ? own(frame.consts, index.text) : undefined;
      if (value !== undefined) this.reveal(value, frame);
    }
  }

  private expansionHazards(node: SyntaxNode, frame: Frame): void {
    const children = node.children;
    const name = node.namedChildren.find((child) => child.type === 'variable_name')?.text;
    // `${x@P}`: prompt expansion runs the command substitutions in x's value.
    for (let at = 1; at + 1 < children.length; at += 1) {
      if (children[at]!.type === '@' && /^P$/.test(children[at + 1]!.text)) {
        this.opaque('re-evaluation', `\`${clip(node.text)}\` expands \`${name ?? ''}\` as a prompt, running what it holds`);
        const value = name === undefined ? undefined : own(frame.consts, name);
        if (value !== undefined) this.reveal(value, frame);
      }
    }
    // `${!x}`: the value of x names the variable, and a subscript in it is evaluated.
    if (children[1]?.type === '!') {
      const target = children[2];
      const next = children[3]?.type;
      const keys = target?.type === 'subscript' && /^[@*]$/.test(target.namedChildren[1]?.text ?? '');
      if (target !== undefined && next !== '*' && next !== '@' && !keys) {
        const value = target.type === 'variable_name' ? own(frame.consts, target.text) : undefined;
        if (value === undefined || !IDENTIFIER.test(value)) {
          this.opaque('re-evaluation', `\`${clip(node.text)}\` uses the value of \`${target.text}\` as a variable name`);
          if (value !== undefined) this.reveal(value, frame);
        }
      }
    }
  }

  private testHazards(node: SyntaxNode, frame: Frame): void {
    const stack: SyntaxNode[] = [...node.namedChildren];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current.type === 'unary_expression' && current.children[0]?.text === '-v') {
        const operand = current.namedChildren[1] ?? current.namedChildren[0];
        if (operand !== undefined && operand.type !== 'test_operator') {
          const word = this.word(operand, frame);
          const why = nameArgumentHazard(word.value, word.dynamic, this.scope(frame));
          if (why !== undefined) {
            this.opaque('re-evaluation', `\`-v\` evaluates ${why}`);
            this.reveal(word.value, frame);
          }
        }
      } else if (current.type === 'binary_expression' && current.children.some((child) => ARITHMETIC_TESTS.has(child.text))) {
        this.arithmetic(current, frame);
      } else {
        for (const child of current.namedChildren) if (child.type === 'binary_expression' || child.type === 'unary_expression' || child.type === 'parenthesized_expression') stack.push(child);
      }
    }
  }

  // `for x in a b c`: the body once per literal value, so `$x` is judged as each; and once per
  // pathname pattern (`for f in *.ts`), with x an unknown name that the pattern matches.
  private forLoop(node: SyntaxNode, frame: Frame): void {
    const variable = node.childForFieldName('variable')?.text;
    const body = node.childForFieldName('body');
    const values: string[] = [];
    const globs: string[] = [];
    let known = true;
    let sawIn = false;
    for (const child of node.children) {
      if (child.type === 'in') sawIn = true;
      else if (sawIn && child.isNamed && child !== body && child.type !== 'do_group' && child.type !== 'comment') {
        this.walk(child, frame, undefined);
        const word = this.word(child, frame);
        const glob = word.dynamic ? undefined : globPatternOf(child);
        if (word.dynamic) known = false;
        else if (glob !== undefined) globs.push(glob);
        else values.push(...(fieldsOf(child, word, this.scope(frame)) ?? [word.value]));
      }
    }
    if (!sawIn) known = false;
    if (variable === undefined || body === null) return;
    const distinct = [...new Set(values)];
    const walks = distinct.length + globs.length;
    if (!known || walks === 0 || walks > MAX_LOOP_VALUES || walks > this.loopBudget) {
      this.forget(variable, frame);
      this.walk(body, frame, undefined);
      return;
    }
    this.loopBudget -= walks;
    for (const value of distinct) {
      frame.consts[variable] = value;
      frame.env[variable] = value;
      this.walk(body, frame, undefined);
    }
    for (const glob of globs) {
      this.forget(variable, frame);
      let bindings = this.globBindings.get(frame.consts);
      if (bindings === undefined) this.globBindings.set(frame.consts, (bindings = new Map()));
      bindings.set(variable, glob);
      this.walk(body, frame, undefined);
      // Afterwards the variable holds the last name the pattern matched: unknown.
      this.forget(variable, frame);
    }
  }

  // `while read a b; do …; done <<< "text"`: the body once per line of literal input.
  private readLoop(node: SyntaxNode, frame: Frame, stdin: Stdin): boolean {
    const condition = node.childForFieldName('condition') ?? node.namedChildren[0];
    const body = node.childForFieldName('body');
    if (condition?.type !== 'command' || body === null || stdin?.kind !== 'text' || stdin.dynamic) return false;
    const words = condition.namedChildren.map((child) => this.word(child, frame).value);
    if (words[0] !== 'read') return false;
    const names = words.slice(1).filter((word) => !word.startsWith('-'));
    const lines = stdin.text.split('\n').filter((line) => line !== '').slice(0, Math.min(MAX_LOOP_VALUES, this.loopBudget));
    if (lines.length === 0) return false;
    this.loopBudget -= lines.length;
    if (names.length === 0) names.push('REPLY');
    for (const line of lines) {
      const fields = splitFields(line, frame.consts.IFS ?? ' \t\n');
      names.forEach((name, index) => {
        const value = index === names.length - 1 ? fields.slice(index).join(' ') : fields[index] ?? '';
        frame.consts[name] = value;
        frame.env[name] = value;
      });
      this.walk(body, frame, undefined);
    }
    return true;
  }

  private redirected(node: SyntaxNode, frame: Frame, stdin: Stdin): StageResult | undefined {
    const body = node.childForFieldName('body');
    const redirects: SyntaxNode[] = [];
    node.children.forEach((child, index) => {
      if (node.fieldNameForChild(index) === 'redirect' || REDIRECTS.has(child.type)) redirects.push(child);
    });
    if (body?.type === 'command') return this.command(body, frame, redirects, stdin);
    // tree-sitter hangs `a && cd x && b > f` on the whole list, and bash opens `f` for `b`, after
    // the `cd`: the file is judged from the directory before the list and from the one after it.
    const files: FileAccessFinding[] = [];
    const before = frame.dir.path;
    const own = this.redirects(redirects, frame, '', files);
    const result = body ? this.walk(body, frame, own.stdin ?? stdin) : undefined;
    for (const file of files) {
      this.analysis.files.push(inDirectory({ dir: { path: before } }, file));
      if (frame.dir.path !== before) this.analysis.files.push(inDirectory(frame, file));
    }
    return this.continueRedirects(own.after, frame, result);
  }

  private placeFile(frame: Frame, file: FileAccessFinding, files: FileAccessFinding[] | undefined): void {
    if (files !== undefined) files.push(file);
    else this.analysis.files.push(inDirectory(frame, file));
  }

  private pipeline(stages: readonly SyntaxNode[], frame: Frame, stdin: Stdin, first?: StageResult): StageResult | undefined {
    const firstText = stageText(first);
    const texts: string[] = firstText ? [firstText] : [];
    let input = first ? first.output : stdin;
    let last: StageResult | undefined = first;
    // Each command of a pipeline runs in a subshell, the last one too unless `lastpipe` is set:
    // what the last one assigns is unknown afterwards, what the others assign stays in them.
    const piped = stages.length + (first === undefined ? 0 : 1) > 1;
    for (let index = 0; index < stages.length; index += 1) {
      const stage = stages[index]!;
      if (!piped) {
        last = this.walk(stage, frame, input);
      } else if (index < stages.length - 1) {
        last = this.walk(stage, this.subshellOf(frame), input);
      } else {
        const inner = this.subshellOf(frame);
        last = this.walk(stage, inner, input);
        this.forgetChanges(inner, frame);
      }
      const text = stageText(last);
      if (text !== undefined) texts.push(text);
      // What a compound stage (`if …; fi | bash`) writes is not known: a stream, never nothing.
      input = last?.output ?? COMPOUND_OUTPUT;
    }
    if (texts.length > 1) this.analysis.pipelines.push(texts.join(' | '));
    return last;
  }

  private command(node: SyntaxNode, frame: Frame, outerRedirects: SyntaxNode[], stdin: Stdin): StageResult | undefined {
    const words: Word[] = [];
    const assignments: Record<string, string> = {};
    const redirects = [...outerRedirects];
    let previousEnd = -1;
    const children = node.children;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index]!;
      if (child.type === 'variable_assignment') {
        const name = child.childForFieldName('name');
        const value = child.childForFieldName('value');
        if (value) this.walk(value, frame, undefined);
        if (name?.type === 'subscript') this.walk(name, frame, undefined);
        if (name) {
          if (RESOLUTION_ENV.has(name.text)) this.opaque('resolution', `\`${name.text}\` is set, which changes which program a name runs`);
          assignments[name.text] = value ? this.word(value, frame).value : '';
        }
        continue;
      }
      if (REDIRECTS.has(child.type)) {
        redirects.push(child);
        continue;
      }
      const field = node.fieldNameForChild(index);
      if (field !== 'name' && field !== 'argument') {
        // tree-sitter reads `time ((y))` as `time` beside a subshell: whatever it holds is walked.
        if (child.isNamed) this.walk(child, frame, undefined);
        continue;
      }
      // Fast path: a plain word (most arguments) needs no evaluation, walk or field splitting.
      if (child.type === 'word' && (previousEnd < 0 || !lineContinuation(frame.source, previousEnd, child.startIndex))) {
        const text = child.text;
        if (HIDDEN_SUBSTITUTION.test(text)) this.hiddenSubstitution(child, frame);
        const plain: Word = { value: unescapeUnquoted(text), dynamic: false };
        if (/[*?[]/.test(text)) {
          const glob = globPatternOf(child);
          if (glob !== undefined) plain.glob = glob;
        }
        words.push(plain);
        previousEnd = child.endIndex;
        continue;
      }
      // Fast path: a quoted argument with nothing expanded in it is its inner text, one field.
      const quoted = previousEnd < 0 || !lineContinuation(frame.source, previousEnd, child.startIndex) ? quotedLiteral(child) : undefined;
      if (quoted !== undefined) {
        words.push({ value: quoted, dynamic: false });
        previousEnd = child.endIndex;
        continue;
      }
      // Fast path: a program name that is one plain word reads as that word (never as a glob,
      // as the general path reads a `command_name`).
      const name = words.length === 0 && child.type === 'command_name' && child.childCount === 1 ? child.children[0]! : undefined;
      if (name?.type === 'word') {
        const text = name.text;
        if (HIDDEN_SUBSTITUTION.test(text)) this.hiddenSubstitution(name, frame);
        words.push({ value: unescapeUnquoted(text), dynamic: false });
        previousEnd = child.endIndex;
        continue;
      }
      const last = this.walk(child, frame, undefined);
      const word: Word = this.word(child, frame);
      if (word.dynamic) word.pattern = operandPattern(child, this.scope(frame));
      const fetch = this.fetchIn(child, frame);
      if (fetch !== undefined) word.fetch = fetch;
      if (child.type === 'process_substitution' && last !== undefined) word.input = last.output;
      const glob = globPatternOf(child);
      if (glob !== undefined) word.glob = glob;
      // tree-sitter splits `ter\<newline>raform` into two words; bash joins them.
      const previous = words[words.length - 1];
      if (previous && lineContinuation(frame.source, previousEnd, child.startIndex)) {
        previous.value += word.value;
        previous.dynamic ||= word.dynamic;
      } else {
        // Brace expansion comes first (`.{env,x}` is `.env` and `.x`), then field splitting.
        const braced = braceFields(child, this.scope(frame));
        const fields = braced === undefined ? fieldsOf(child, word, this.scope(frame)) : undefined;
        if (braced !== undefined) for (const each of braced) words.push(fetch === undefined ? each : { ...each, fetch });
        else if (fields === undefined) words.push(word);
        else for (const value of fields) words.push({ value, dynamic: false, computed: true });
      }
      previousEnd = child.endIndex;
    }
    const program = words[0]?.value ?? '';
    const own = this.redirects(redirects, frame, program);
    const input = own.stdin ?? stdin;
    runCommand(this, words, { ...frame, env: { ...frame.env, ...assignments }, shellEnv: frame.env }, input);
    const result: StageResult = { words: words.length > 0 ? words : undefined, output: outputOf(words, input) };
    return this.continueRedirects(own.after, frame, result);
  }

  // tree-sitter puts `| next` of `cat <<EOF | next` inside the here-doc redirect.
  private continueRedirects(after: readonly SyntaxNode[], frame: Frame, result: StageResult | undefined): StageResult | undefined {
    let current = result;
    for (const node of after) {
      if (node.type === 'pipeline') current = this.pipeline(node.namedChildren, frame, undefined, current ?? { words: undefined, output: undefined });
      else this.walk(node, frame, undefined);
    }
    return current;
  }

  /** `files`: where the redirects' file findings go, unjudged, when the caller places them itself. */
  private redirects(nodes: readonly SyntaxNode[], frame: Frame, program: string, files?: FileAccessFinding[]): Redirected {
    if (nodes.length === 0) return NOT_REDIRECTED;
    let stdin: Stdin;
    const after: SyntaxNode[] = [];
    for (const node of nodes) {
      if (node.type === 'file_redirect') {
        const destination = node.childForFieldName('destination') ?? node.namedChildren[node.namedChildren.length - 1];
        if (!destination) continue;
        const substituted = this.walk(destination, frame, undefined);
        const target = this.word(destination, frame);
        const operator = node.children.find((child) => !child.isNamed)?.text ?? '>';
        if (operator === '<&') continue;
        if (operator === '>&') {
          // `>&2` and `2>&1` copy a descriptor; `>& FILE` (and `1>& FILE`) is bash's `&> FILE`.
          const descriptor = node.children.find((child) => child.type === 'file_descriptor')?.text;
          if ((descriptor !== undefined && descriptor !== '1') || (!target.dynamic && /^(\d+|-)$/.test(target.value))) continue;
        }
        const access = operator.includes('>') ? 'write' : 'read';
        if (destination.type === 'process_substitution') {
          if (access === 'read') stdin = substituted?.output ?? { kind: 'stream', from: 'a process substitution' };
          continue;
        }
        const by = `${program || 'shell'} ${operator}`;
        // bash opens a connection for `/dev/tcp/HOST/PORT` (and `/dev/udp`): no file, a host the line names.
        const opened = target.dynamic ? operandPattern(destination, this.scope(frame)) : target.value;
        if (NETWORK_DEVICE.test(opened)) {
          this.opaque('named-remote', `\`${by} ${clip(opened)}\` connects to a host the line names`);
          continue;
        }
        if (target.dynamic) {
          // `> "$DIR/.github/workflows/x.yml"` writes a file of that shape, whatever DIR holds.
          this.placeFile(frame, { access, path: operandPattern(destination, this.scope(frame)), by, glob: true }, files);
          continue;
        }
        if (!usablePath(target.value)) continue;
        const glob = globPatternOf(destination);
        this.placeFile(frame, glob === undefined ? { access, path: target.value, by } : { access, path: glob, by, glob: true, typed: true }, files);
        if (access === 'read') stdin = target.value === '/dev/stdin' ? stdin : { kind: 'stream', from: `file ${target.value}` };
      } else if (node.type === 'heredoc_redirect') {
        let quoted = false;
        for (const child of node.namedChildren) {
          if (child.type === 'heredoc_start') quoted = /['"\\]/.test(child.text);
          else if (child.type === 'heredoc_body') {
            if (!quoted) for (const part of child.namedChildren) this.walk(part, frame, undefined);
            stdin = { kind: 'text', text: child.text, dynamic: !quoted && child.namedChildren.some((part) => part.type !== 'heredoc_content') };
          } else if (child.type === 'heredoc_end') continue;
          else if (REDIRECTS.has(child.type)) after.push(...this.redirects([child], frame, program).after);
          else after.push(child);
        }
      } else if (node.type === 'herestring_redirect') {
        const value = node.namedChildren[0];
        if (!value) continue;
        this.walk(value, frame, undefined);
        const word = this.word(value, frame);
        stdin = { kind: 'text', text: `${word.value}\n`, dynamic: word.dynamic };
      }
    }
    return { stdin, after };
  }

  // The download command inside a substitution word, if any (`$(curl -fsSL x)`, `<(wget …)`).
  private fetchIn(node: SyntaxNode, frame: Frame): string | undefined {
    if (node.type === 'command') {
      const name = node.childForFieldName('name');
      const program = name ? basename(this.word(name, frame).value) : '';
      return FETCHERS.has(program) ? fetchText(node, frame) : undefined;
    }
    if (node.childCount === 0) return undefined;
    for (const child of node.namedChildren) {
      const found = this.fetchIn(child, frame);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NETWORK_DEVICE = /^\/dev\/(tcp|udp)\//;
const COMPOUND_OUTPUT: Stdin = { kind: 'stream', from: 'a compound command' };

// The frame of a subshell: copies of what the shell knows, so what it changes stays in it.
function subshellFrame(frame: Frame): Frame {
  return { ...frame, dir: { ...frame.dir }, env: { ...frame.env }, consts: { ...frame.consts }, arrays: { ...frame.arrays }, assoc: new Set(frame.assoc) };
}

// Whether exactly a backslash-newline lies between two words (read without slicing the source).
function lineContinuation(source: string, from: number, to: number): boolean {
  return to - from === 2 && source.charCodeAt(from) === 0x5c && source.charCodeAt(from + 1) === 0x0a;
}

function fetchText(node: SyntaxNode, _frame: Frame): string {
  const args = node.namedChildren.filter((child) => child.type !== 'command_name').map((child) => resolveWord(child).value);
  return `curl ${args.join(' ')}`.trim();
}

// What a stage writes to the next: literal text we can read on, a download, or an unknown stream.
function outputOf(words: readonly Word[], stdin: Stdin): Stdin {
  const program = basename(words[0]?.value ?? '');
  const args = words.slice(1);
  if ((program === 'echo' || program === 'printf') && args.every((word) => !word.dynamic)) {
    const text = args.filter((word, index) => !(index === 0 && /^-[neE]+$/.test(word.value))).map((word) => word.value).join(' ');
    return { kind: 'text', text: program === 'printf' ? text.replace(/\\n/g, '\n') : `${text}\n`, dynamic: false };
  }
  if (program === 'cat' && args.length === 0) return stdin;
  if (program === 'base64' && args.some((word) => /^(-d|-D|--decode)$/.test(word.value)) && stdin?.kind === 'text' && !stdin.dynamic) {
    const decoded = decodeBase64(stdin.text);
    return decoded === undefined ? { kind: 'stream', from: 'base64 -d' } : { kind: 'text', text: decoded, dynamic: false, decoded: true };
  }
  if (FETCHERS.has(program)) return { kind: 'fetch', text: `curl ${args.map((word) => word.value).join(' ')}`.trim() };
  return { kind: 'stream', from: program || 'a command' };
}

/** The last path segment of a program word (`/usr/bin/git` → `git`). */
export function basename(program: string): string {
  const slash = program.lastIndexOf('/');
  return slash >= 0 ? program.slice(slash + 1) : program;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
