// Quote removal, escapes and ANSI-C strings, as bash performs them before a program sees its
// arguments. A word built from an expansion is marked dynamic: its value is unknowable here.
import type { SyntaxNode } from './syntax.ts';
import type { Word } from './types.ts';

const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion', 'brace_expression']);

/** Resolves a word-like node (word, string, raw_string, ansi_c_string, concatenation, ...). */
export function resolveWord(node: SyntaxNode): Word {
  switch (node.type) {
    case 'word':
    case 'command_name':
      return node.type === 'command_name' ? resolveParts(node.namedChildren) : { value: unescapeUnquoted(node.text), dynamic: false };
    case 'raw_string':
      return { value: node.text.slice(1, -1), dynamic: false };
    case 'ansi_c_string':
      return { value: decodeAnsiC(node.text.slice(2, -1)), dynamic: false };
    case 'string':
    case 'translated_string':
      return resolveString(node);
    case 'concatenation':
      return resolveParts(node.children);
    case 'number':
    case 'variable_name':
      return { value: node.text, dynamic: false };
    default:
      if (EXPANSIONS.has(node.type)) return { value: node.text, dynamic: true };
      return { value: node.text, dynamic: true };
  }
}

function resolveParts(parts: readonly SyntaxNode[]): Word {
  let value = '';
  let dynamic = false;
  for (const part of parts) {
    const word = resolveWord(part);
    value += word.value;
    dynamic ||= word.dynamic;
  }
  return { value, dynamic };
}

function resolveString(node: SyntaxNode): Word {
  // Walk the raw text between the quotes so that spans tree-sitter leaves unnamed are kept.
  const text = node.text;
  const open = text.startsWith('$"') ? 2 : 1;
  let value = '';
  let dynamic = false;
  let cursor = node.startIndex + open;
  const end = node.endIndex - 1;
  for (const child of node.namedChildren) {
    if (child.startIndex > cursor) value += unescapeDouble(text.slice(cursor - node.startIndex, child.startIndex - node.startIndex));
    if (child.type === 'string_content') value += unescapeDouble(child.text);
    else {
      const word = resolveWord(child);
      value += word.value;
      dynamic ||= word.dynamic;
    }
    cursor = child.endIndex;
  }
  if (end > cursor) value += unescapeDouble(text.slice(cursor - node.startIndex, end - node.startIndex));
  return { value, dynamic };
}

/** Backslash removal in an unquoted word: `\x` is `x`, and a backslash-newline vanishes. */
export function unescapeUnquoted(text: string): string {
  return text.replace(/\\(\n|.)/gs, (_, char: string) => (char === '\n' ? '' : char));
}

// Inside double quotes a backslash escapes only $ ` " \ and newline.
function unescapeDouble(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_, char: string) => (char === '\n' ? '' : char));
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
