// Walks a bash syntax tree and hands every simple command to `runCommand`, with the stdin it
// reads (pipe, here-doc, here-string). Every `command` node anywhere in the tree is found:
// lists, pipelines, subshells, groups, control flow, function bodies, substitutions (also in
// strings, assignments and here-docs), and redirect targets.
import { runCommand, type Frame, type Stdin } from './run.ts';
import type { ShellParser, SyntaxNode } from './syntax.ts';
import type { CommandAnalysis, Word } from './types.ts';
import { resolveWord } from './word.ts';
import { usablePath } from './file-access.ts';

const MAX_DEPTH = 8;
const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
const FETCHERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'lwp-request', 'GET']);

/** What a pipeline stage hands to the next one. */
interface StageResult {
  text: string | undefined;
  output: Stdin;
}

/** Collects the analysis of one command line, recursing into nested scripts. */
export class Scanner {
  private readonly parser: ShellParser;
  readonly analysis: CommandAnalysis;

  constructor(parser: ShellParser, analysis: CommandAnalysis) {
    this.parser = parser;
    this.analysis = analysis;
  }

  /** Parses and walks a script (the line itself, or a nested `bash -c` script). */
  script(source: string, frame: Omit<Frame, 'source'>): void {
    if (frame.depth > MAX_DEPTH) {
      this.analysis.opaque.push({ kind: 'depth-limit', detail: `nesting deeper than ${MAX_DEPTH} levels` });
      return;
    }
    const tree = this.parser.parse(source);
    try {
      const root = tree.rootNode;
      if (root.hasError) this.analysis.opaque.push({ kind: 'parse-error', detail: `\`${clip(source)}\` does not parse as a complete shell command` });
      this.walk(root, { ...frame, env: { ...frame.env }, source }, undefined);
    } finally {
      tree.delete();
    }
  }

  private walk(node: SyntaxNode, frame: Frame, stdin: Stdin): StageResult | undefined {
    switch (node.type) {
      case 'command':
        return this.command(node, frame, [], stdin);
      case 'redirected_statement':
        return this.redirected(node, frame, stdin);
      case 'pipeline':
        return this.pipeline(node.namedChildren, frame, stdin);
      case 'variable_assignment':
        this.assign(node, frame);
        return undefined;
      case 'comment':
        return undefined;
      case 'ERROR':
        if (!this.analysis.opaque.some((item) => item.kind === 'parse-error')) this.analysis.opaque.push({ kind: 'parse-error', detail: 'the command has a syntax error' });
        break;
      default:
        break;
    }
    let last: StageResult | undefined;
    for (const child of node.namedChildren) last = this.walk(child, frame, stdin) ?? last;
    return node.type === 'subshell' || node.type === 'compound_statement' ? last : undefined;
  }

  private assign(node: SyntaxNode, frame: Frame): void {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    if (value) this.walk(value, frame, undefined);
    if (name && value) {
      const word = resolveWord(value);
      if (!word.dynamic) frame.env[name.text] = word.value;
    }
  }

  private redirected(node: SyntaxNode, frame: Frame, stdin: Stdin): StageResult | undefined {
    const body = node.childForFieldName('body');
    const redirects: SyntaxNode[] = [];
    node.children.forEach((child, index) => {
      if (node.fieldNameForChild(index) === 'redirect' || REDIRECTS.has(child.type)) redirects.push(child);
    });
    if (body?.type === 'command') return this.command(body, frame, redirects, stdin);
    const own = this.redirects(redirects, frame, '');
    const result = body ? this.walk(body, frame, own.stdin ?? stdin) : undefined;
    return this.continueRedirects(own.after, frame, result);
  }

  private pipeline(stages: readonly SyntaxNode[], frame: Frame, stdin: Stdin, first?: StageResult): StageResult | undefined {
    const texts: string[] = first?.text ? [first.text] : [];
    let input = first ? first.output : stdin;
    let last: StageResult | undefined = first;
    for (const stage of stages) {
      last = this.walk(stage, frame, input);
      if (last?.text !== undefined) texts.push(last.text);
      input = last?.output;
    }
    if (texts.length > 1) this.analysis.pipelines.push(texts.join(' | '));
    return last;
  }

  private command(node: SyntaxNode, frame: Frame, outerRedirects: SyntaxNode[], stdin: Stdin): StageResult | undefined {
    const words: Word[] = [];
    const assignments: Record<string, string> = {};
    const redirects = [...outerRedirects];
    let previousEnd = -1;
    node.children.forEach((child, index) => {
      const field = node.fieldNameForChild(index);
      if (child.type === 'variable_assignment') {
        const name = child.childForFieldName('name');
        const value = child.childForFieldName('value');
        if (value) this.walk(value, frame, undefined);
        if (name) assignments[name.text] = value ? resolveWord(value).value : '';
        return;
      }
      if (REDIRECTS.has(child.type)) {
        redirects.push(child);
        return;
      }
      if (field !== 'name' && field !== 'argument') return;
      this.walk(child, frame, undefined);
      const word: Word = resolveWord(child);
      const fetch = this.fetchIn(child, frame);
      if (fetch !== undefined) word.fetch = fetch;
      // tree-sitter splits `ter\<newline>raform` into two words; bash joins them.
      const previous = words[words.length - 1];
      if (previous && frame.source.slice(previousEnd, child.startIndex) === '\\\n') {
        previous.value += word.value;
        previous.dynamic ||= word.dynamic;
      } else {
        words.push(word);
      }
      previousEnd = child.endIndex;
    });
    const program = words[0]?.value ?? '';
    const own = this.redirects(redirects, frame, program);
    const input = own.stdin ?? stdin;
    runCommand(this, words, { ...frame, env: { ...frame.env, ...assignments } }, input);
    const result: StageResult = { text: words.length > 0 ? words.map((word) => word.value).join(' ') : undefined, output: outputOf(words, input) };
    return this.continueRedirects(own.after, frame, result);
  }

  // tree-sitter puts `| next` of `cat <<EOF | next` inside the here-doc redirect.
  private continueRedirects(after: SyntaxNode[], frame: Frame, result: StageResult | undefined): StageResult | undefined {
    let current = result;
    for (const node of after) {
      if (node.type === 'pipeline') current = this.pipeline(node.namedChildren, frame, undefined, current ?? { text: undefined, output: undefined });
      else this.walk(node, frame, undefined);
    }
    return current;
  }

  private redirects(nodes: readonly SyntaxNode[], frame: Frame, program: string): { stdin: Stdin; after: SyntaxNode[] } {
    let stdin: Stdin;
    const after: SyntaxNode[] = [];
    for (const node of nodes) {
      if (node.type === 'file_redirect') {
        const destination = node.childForFieldName('destination') ?? node.namedChildren[node.namedChildren.length - 1];
        if (!destination) continue;
        this.walk(destination, frame, undefined);
        const target = resolveWord(destination);
        const operator = node.children.find((child) => !child.isNamed)?.text ?? '>';
        if (target.dynamic || !usablePath(target.value) || operator === '>&' || operator === '<&') continue;
        const access = operator.includes('>') ? 'write' : 'read';
        this.analysis.files.push({ access, path: target.value, by: `${program || 'shell'} ${operator}` });
        if (access === 'read') stdin = { kind: 'stream', from: `file ${target.value}` };
      } else if (node.type === 'heredoc_redirect') {
        let quoted = false;
        for (const child of node.namedChildren) {
          if (child.type === 'heredoc_start') quoted = /['"\\]/.test(child.text);
          else if (child.type === 'heredoc_body') {
            if (!quoted) for (const part of child.namedChildren) this.walk(part, frame, undefined);
            stdin = { kind: 'text', text: child.text, dynamic: !quoted && child.namedChildren.length > 0 };
          } else if (child.type === 'heredoc_end') continue;
          else if (REDIRECTS.has(child.type)) after.push(...this.redirects([child], frame, program).after);
          else after.push(child);
        }
      } else if (node.type === 'herestring_redirect') {
        const value = node.namedChildren[0];
        if (!value) continue;
        this.walk(value, frame, undefined);
        const word = resolveWord(value);
        stdin = { kind: 'text', text: `${word.value}\n`, dynamic: word.dynamic };
      }
    }
    return { stdin, after };
  }

  // The download command inside a substitution word, if any (`$(curl -fsSL x)`, `<(wget …)`).
  private fetchIn(node: SyntaxNode, frame: Frame): string | undefined {
    if (node.type === 'command') {
      const name = node.childForFieldName('name');
      const program = name ? basename(resolveWord(name).value) : '';
      return FETCHERS.has(program) ? fetchText(node, frame) : undefined;
    }
    for (const child of node.namedChildren) {
      const found = this.fetchIn(child, frame);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

function fetchText(node: SyntaxNode, _frame: Frame): string {
  const args = node.namedChildren.filter((child) => child.type !== 'command_name').map((child) => resolveWord(child).value);
  return `curl ${args.join(' ')}`.trim();
}

// What a stage writes to the next: literal text we can read on, a download, or an unknown stream.
function outputOf(words: readonly Word[], stdin: Stdin): Stdin {
  const program = basename(words[0]?.value ?? '');
  const args = words.slice(1);
  const literal = args.every((word) => !word.dynamic);
  if ((program === 'echo' || program === 'printf') && literal) {
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

function decodeBase64(text: string): string | undefined {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** The last path segment of a program word (`/usr/bin/git` → `git`). */
export function basename(program: string): string {
  const slash = program.lastIndexOf('/');
  return slash >= 0 ? program.slice(slash + 1) : program;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
