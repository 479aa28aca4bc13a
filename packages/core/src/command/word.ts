// Quote removal, escapes and ANSI-C strings, as bash performs them before a program sees its
// arguments, plus a small partial evaluator over constants: a variable, array element or
// `${VAR:-default}` the script itself set to a literal, and `$(echo …)`, are read as their
// value (marked `computed`: the line still depends on an expansion, but block rules can see
// what it runs). Anything else built from an expansion is `dynamic`: unknowable here.
import type { SyntaxNode } from './syntax.ts';
import type { Word } from './types.ts';

/** The constants a script has set so far, as the evaluator reads them. */
export interface WordScope {
  /** A scalar the script set to a constant; undefined when unset or unknown. */
  scalar(name: string): string | undefined;
  /** An array the script set from literals. */
  array(name: string): readonly string[] | undefined;
  /** The field separators in effect (`IFS`), default space, tab, newline. */
  ifs(): string;
  /**
   * The pathname pattern an unknown scalar's value matches, when the line shows it (`for f in
   * *.ts`: f names a file that `*.ts` matches). Read only where the value is not split or globbed again (in double quotes).
   */
  pattern?(name: string): string | undefined;
}

/** No constants known: every variable is unknown. */
export const NO_SCOPE: WordScope = { scalar: () => undefined, array: () => undefined, ifs: () => ' \t\n' };
const DEFAULTING = new Set([':-', '-', ':=', '=']);

/** Resolves a word-like node (word, string, raw_string, ansi_c_string, concatenation, ...). */
export function resolveWord(node: SyntaxNode, scope: WordScope = NO_SCOPE): Word {
  switch (node.type) {
    case 'word':
      return { value: unescapeUnquoted(node.text), dynamic: false };
    case 'command_name':
      return resolveParts(node.namedChildren, scope);
    case 'raw_string':
      return { value: node.text.slice(1, -1), dynamic: false };
    case 'ansi_c_string':
      return { value: decodeAnsiC(node.text.slice(2, -1)), dynamic: false };
    case 'string':
    case 'translated_string':
      return resolveString(node, scope);
    case 'concatenation':
      return resolveParts(node.children, scope);
    case 'number':
    case 'variable_name':
      return { value: node.text, dynamic: false };
    case 'simple_expansion': {
      const name = node.namedChildren[0];
      if (name?.type === 'special_variable_name' && (name.text === '@' || name.text === '*')) {
        const positional = scope.array('@');
        return positional === undefined ? { value: node.text, dynamic: true } : { value: positional.join(' '), dynamic: false, computed: true };
      }
      return variable(name?.text ?? '', node.text, scope);
    }
    case 'expansion':
      return expansion(node, scope);
    case 'command_substitution':
      return substitution(node, scope);
    default:
      return { value: node.text, dynamic: true };
  }
}

/**
 * The value of `'text'`, or of `"text"` holding no expansion and no escape: what `resolveWord`
 * gives, one field, never a pathname pattern. Undefined for any other node.
 */
export function quotedLiteral(node: SyntaxNode): string | undefined {
  if (node.type === 'raw_string') return node.text.slice(1, -1);
  if (node.type !== 'string') return undefined;
  const text = node.text;
  if (text.charCodeAt(0) !== 0x22 || text.includes('\\')) return undefined;
  for (const child of node.namedChildren) if (child.type !== 'string_content') return undefined;
  return text.slice(1, -1);
}

/**
 * The fields a word becomes after word splitting: an unquoted expansion with a known value is
 * split on IFS, and `"${a[@]}"` of a literal array is one field per element. Undefined when the
 * word stays one field.
 */
export function fieldsOf(node: SyntaxNode, word: Word, scope: WordScope = NO_SCOPE): string[] | undefined {
  if (!word.computed || word.dynamic) return undefined;
  const target = node.type === 'command_name' && node.namedChildren.length === 1 ? node.namedChildren[0]! : node;
  if (target.type === 'string' && target.namedChildren.length === 1) {
    const elements = wholeArray(target.namedChildren[0]!, scope);
    return elements === undefined ? undefined : [...elements];
  }
  if (target.type !== 'simple_expansion' && target.type !== 'expansion' && target.type !== 'command_substitution') return undefined;
  const elements = wholeArray(target, scope);
  const ifs = scope.ifs();
  const parts = elements ?? [word.value];
  const fields: string[] = [];
  for (const part of parts) for (const field of splitFields(part, ifs)) fields.push(field);
  return fields;
}

/** Splits on IFS as bash does for an unquoted expansion (runs of IFS white space are one break). */
export function splitFields(text: string, ifs: string): string[] {
  if (ifs === '') return text === '' ? [] : [text];
  const fields: string[] = [];
  let current = '';
  let pending = false;
  for (const char of text) {
    if (ifs.includes(char)) {
      if (current !== '' || (pending && !/\s/.test(char))) fields.push(current);
      current = '';
      pending = !/\s/.test(char);
      continue;
    }
    current += char;
    pending = true;
  }
  if (current !== '') fields.push(current);
  return fields;
}

/** Whether an unquoted word carries pathname-expansion characters (`*`, `?`, `[`). */
export function globPatternOf(node: SyntaxNode): string | undefined {
  let pattern = '';
  let glob = false;
  const parts = node.type === 'concatenation' ? node.children : [node];
  for (const part of parts) {
    if (part.type === 'word') {
      const text = part.text;
      if (/(^|[^\\])[*?[]/.test(text)) glob = true;
      pattern += text;
    } else if (part.type === 'raw_string' || part.type === 'string' || part.type === 'ansi_c_string') {
      const word = resolveWord(part);
      if (word.dynamic) return undefined;
      pattern += word.value.replace(/[*?[\]\\]/g, '\\$&');
    } else {
      return undefined;
    }
  }
  return glob ? pattern : undefined;
}

/**
 * The pathname pattern a word made by expansion can name: its literal parts as they are
 * (escaped where quoted), each expansion whose value is unknown as `**`. `"$HOME/.aws/credentials"`
 * is `**\/.aws/credentials`: whatever `$HOME` holds, the word names that file.
 */
export function operandPattern(node: SyntaxNode, scope: WordScope = NO_SCOPE): string {
  switch (node.type) {
    case 'word':
      return node.text;
    case 'raw_string':
    case 'ansi_c_string':
      return escapeGlob(resolveWord(node, scope).value);
    case 'concatenation':
    case 'command_name':
      return node.children.map((part) => operandPattern(part, scope)).join('');
    case 'string':
    case 'translated_string': {
      // As resolveString reads it: the raw text between the quotes, expansions in their places.
      const text = node.text;
      const literal = (from: number, to: number): string => (to > from ? escapeGlob(unescapeDouble(text.slice(from - node.startIndex, to - node.startIndex))) : '');
      let pattern = '';
      let cursor = node.startIndex + (text.startsWith('$"') ? 2 : 1);
      for (const child of node.namedChildren) {
        pattern += literal(cursor, child.startIndex);
        pattern += child.type === 'string_content' ? escapeGlob(unescapeDouble(child.text)) : (boundPattern(child, scope) ?? operandPattern(child, scope));
        cursor = child.endIndex;
      }
      return pattern + literal(cursor, node.endIndex - 1);
    }
    default: {
      const word = resolveWord(node, scope);
      // Unknown, it may hold slashes or nothing at all (`$D` may be `.`).
      return word.dynamic ? '**' : escapeGlob(word.value);
    }
  }
}

// `"$f"` or `"${f}"` of a variable whose value is unknown but matches a pattern the line shows.
function boundPattern(node: SyntaxNode, scope: WordScope): string | undefined {
  if (scope.pattern === undefined) return undefined;
  const name = node.type === 'simple_expansion' || (node.type === 'expansion' && node.childCount === 3) ? node.namedChildren[0] : undefined;
  if (name?.type !== 'variable_name' || scope.scalar(name.text) !== undefined) return undefined;
  return scope.pattern(name.text);
}

export function escapeGlob(text: string): string {
  // Most text has none of the five characters: a scan is cheaper than a replace that finds none.
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x2a || code === 0x3f || code === 0x5b || code === 0x5d || code === 0x5c) return text.replace(/[*?[\]\\]/g, '\\$&');
  }
  return text;
}

function variable(name: string, text: string, scope: WordScope): Word {
  const value = name === '' ? undefined : scope.scalar(name);
  return value === undefined ? { value: text, dynamic: true } : { value, dynamic: false, computed: true };
}

function expansion(node: SyntaxNode, scope: WordScope): Word {
  const children = node.children;
  // `${name}` `${name:-default}` `${a[@]}` `${a[0]}`; every other operator is unknowable here.
  const inner = children[1];
  if (inner === undefined) return { value: node.text, dynamic: true };
  if (inner.type === 'subscript') {
    if (children.length !== 3) return { value: node.text, dynamic: true };
    const elements = scope.array(inner.namedChildren[0]?.text ?? '');
    const index = inner.namedChildren[1]?.text ?? '';
    if (elements === undefined) return { value: node.text, dynamic: true };
    if (index === '@' || index === '*') return { value: elements.join(' '), dynamic: false, computed: true };
    if (/^\d+$/.test(index) && elements[Number(index)] !== undefined) return { value: elements[Number(index)]!, dynamic: false, computed: true };
    return { value: node.text, dynamic: true };
  }
  if (inner.type !== 'variable_name') return { value: node.text, dynamic: true };
  if (children.length === 3) return variable(inner.text, node.text, scope);
  const operator = children[2]!;
  if (!DEFAULTING.has(operator.type)) return { value: node.text, dynamic: true };
  const known = scope.scalar(inner.text);
  if (known !== undefined && (known !== '' || !operator.type.startsWith(':'))) return { value: known, dynamic: false, computed: true };
  const fallback = children.slice(3, -1);
  const word = resolveParts(fallback, scope);
  return word.dynamic ? { value: node.text, dynamic: true } : { value: word.value, dynamic: false, computed: true };
}

function wholeArray(node: SyntaxNode, scope: WordScope): readonly string[] | undefined {
  if (node.type === 'simple_expansion') {
    const name = node.namedChildren[0];
    return name?.type === 'special_variable_name' && (name.text === '@' || name.text === '*') ? scope.array('@') : undefined;
  }
  if (node.type !== 'expansion') return undefined;
  const inner = node.children[1];
  if (inner?.type !== 'subscript' || node.children.length !== 3) return undefined;
  const index = inner.namedChildren[1]?.text;
  if (index !== '@' && index !== '*') return undefined;
  return scope.array(inner.namedChildren[0]?.text ?? '');
}

// `$(echo terraform)`, `` `printf %s x` ``: the output of echo or printf over literals.
function substitution(node: SyntaxNode, scope: WordScope): Word {
  const commands = node.namedChildren;
  if (commands.length === 1 && commands[0]!.type === 'pipeline') return pipelineOutput(node, commands[0]!, scope);
  const command = commands.length === 1 && commands[0]!.type === 'command' ? commands[0]! : undefined;
  if (command === undefined) return { value: node.text, dynamic: true };
  return commandOutput(node, command, scope);
}

// `$(echo … | base64 -d)`, `$(printf … | rev)`: literal text through decoders we can run.
function pipelineOutput(node: SyntaxNode, pipeline: SyntaxNode, scope: WordScope): Word {
  const stages = pipeline.namedChildren;
  if (stages.length === 0 || stages[0]!.type !== 'command') return { value: node.text, dynamic: true };
  let text = commandOutput(node, stages[0]!, scope);
  for (const stage of stages.slice(1)) {
    if (text.dynamic || stage.type !== 'command') return { value: node.text, dynamic: true };
    const words = stage.namedChildren.map((child) => resolveWord(child, scope));
    const program = words[0]?.value;
    const args = words.slice(1).map((word) => word.value);
    if (words.some((word) => word.dynamic)) return { value: node.text, dynamic: true };
    if (program === 'base64' && args.length === 1 && /^(-d|-D|--decode)$/.test(args[0]!)) {
      const decoded = decodeBase64(text.value);
      if (decoded === undefined) return { value: node.text, dynamic: true };
      text = { value: decoded.replace(/\n+$/, ''), dynamic: false, computed: true };
    } else if (program === 'rev' && args.length === 0) {
      text = { value: [...text.value].reverse().join(''), dynamic: false, computed: true };
    } else if (program !== 'cat' || args.length > 0) {
      return { value: node.text, dynamic: true };
    }
  }
  return text;
}

// One strict decoder: without `stream`, each decode starts afresh.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** `base64 -d` of a literal, when it decodes to UTF-8 text; what a constant pipeline hands on. */
export function decodeBase64(text: string): string | undefined {
  // atob's forgiving decode, checked here and decoded by Buffer (atob is many times slower):
  // white space gone, one or two `=` dropped from a whole quantum, then the alphabet alone.
  let clean = text.replace(/\s+/g, '');
  if (clean.length % 4 === 0) clean = clean.replace(/={1,2}$/, '');
  if (clean.length % 4 === 1 || !BASE64_ALPHABET.test(clean)) return undefined;
  try {
    return STRICT_UTF8.decode(Buffer.from(clean, 'base64'));
  } catch {
    return undefined;
  }
}

const BASE64_ALPHABET = /^[A-Za-z0-9+/]*$/;

function commandOutput(node: SyntaxNode, command: SyntaxNode, scope: WordScope): Word {
  const words: Word[] = [];
  for (const child of command.namedChildren) {
    if (child.type === 'variable_assignment' || child.type.endsWith('redirect')) return { value: node.text, dynamic: true };
    words.push(resolveWord(child, scope));
  }
  const program = words[0]?.value;
  if ((program !== 'echo' && program !== 'printf') || words.some((word) => word.dynamic)) return { value: node.text, dynamic: true };
  let args = words.slice(1).map((word) => word.value);
  if (program === 'echo') {
    if (args[0] !== undefined && /^-[neE]+$/.test(args[0])) args = args.slice(1);
    return { value: args.join(' '), dynamic: false, computed: true };
  }
  if (args.length === 0 || /%[^s%]/.test(args[0]!)) return { value: node.text, dynamic: true };
  const format = args[0]!;
  const rest = args.slice(1);
  const out = rest.length === 0 ? format.replace(/%%/g, '%') : rest.map((arg) => format.replace(/%s/g, arg).replace(/%%/g, '%')).join('');
  return { value: out.replace(/\\n/g, '\n').replace(/\n+$/, ''), dynamic: false, computed: true };
}

function resolveParts(parts: readonly SyntaxNode[], scope: WordScope): Word {
  let value = '';
  let dynamic = false;
  let computed = false;
  for (const part of parts) {
    const word = resolveWord(part, scope);
    value += word.value;
    dynamic ||= word.dynamic;
    computed ||= word.computed === true;
  }
  return computed ? { value, dynamic, computed } : { value, dynamic };
}

function resolveString(node: SyntaxNode, scope: WordScope): Word {
  // Walk the raw text between the quotes so that spans tree-sitter leaves unnamed are kept.
  const text = node.text;
  const open = text.startsWith('$"') ? 2 : 1;
  let value = '';
  let dynamic = false;
  let computed = false;
  let cursor = node.startIndex + open;
  const end = node.endIndex - 1;
  for (const child of node.namedChildren) {
    if (child.startIndex > cursor) value += unescapeDouble(text.slice(cursor - node.startIndex, child.startIndex - node.startIndex));
    if (child.type === 'string_content') value += unescapeDouble(child.text);
    else {
      const word = resolveWord(child, scope);
      value += word.value;
      dynamic ||= word.dynamic;
      computed ||= word.computed === true;
    }
    cursor = child.endIndex;
  }
  if (end > cursor) value += unescapeDouble(text.slice(cursor - node.startIndex, end - node.startIndex));
  return computed ? { value, dynamic, computed } : { value, dynamic };
}

/** Backslash removal in an unquoted word: `\x` is `x`, and a backslash-newline vanishes. */
export function unescapeUnquoted(text: string): string {
  return text.indexOf('\\') < 0 ? text : text.replace(/\\(\n|.)/gs, (_, char: string) => (char === '\n' ? '' : char));
}

// Inside double quotes a backslash escapes only $ ` " \ and newline.
function unescapeDouble(text: string): string {
  return text.indexOf('\\') < 0 ? text : text.replace(/\\([$`"\\\n])/g, (_, char: string) => (char === '\n' ? '' : char));
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/** Decodes the body of a `$'…'` string (bash ANSI-C quoting). */
export function decodeAnsiC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs, (whole, esc: string) => {
    const head = esc[0]!;
    if (head === 'x' || head === 'u' || head === 'U') return String.fromCodePoint(Number.parseInt(esc.slice(1), 16));
    if (/[0-7]/.test(head)) return String.fromCharCode(Number.parseInt(esc, 8) & 0xff);
    if (head === 'c' && esc.length === 2) return String.fromCharCode(esc.charCodeAt(1) & 0x1f);
    return SIMPLE_ESCAPES[head] ?? whole;
  });
}
