// Code that bash evaluates again from a variable's value. Arithmetic evaluates a name's value
// as an expression, and a subscript in that value runs its command substitutions
// (`x='a[$(cmd)]'; $((x))`); so do `${!x}`, `[[ -v 'a[$(cmd)]' ]]`, `read 'a[$(cmd)]'` and
// quoted compound assignments to `declare`. A context that reads a name whose value is
// unknown, or holds `$(`, a backtick or `[`, is a hazard: the analysis marks it opaque.
import type { SyntaxNode } from './syntax.ts';
import type { WordScope } from './word.ts';

// Names the shell itself keeps numeric.
const NUMERIC_SPECIALS = new Set(['RANDOM', 'LINENO', 'SECONDS', 'BASHPID', 'EPOCHSECONDS', 'EPOCHREALTIME', 'PPID', 'UID', 'EUID', 'SRANDOM', '#', '?', '$', '!', 'OPTIND']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^\s*[-+]?\s*(?:0[xX][0-9a-fA-F]+|\d+#[0-9A-Za-z@_]+|\d+)\s*$/;
const PLAIN_EXPRESSION = /^[\w\s+\-*/%()<>=!&|^~?:,]*$/;

/** Why arithmetic over `node` could run code, or undefined when every name in it is known-safe. */
export function arithmeticHazard(node: SyntaxNode, scope: WordScope, safe?: ReadonlySet<string>): string | undefined {
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    switch (current.type) {
      case 'number':
        continue;
      case 'variable_name':
      case 'word': {
        const text = current.text;
        if (NUMBER.test(text)) continue;
        if (IDENTIFIER.test(text)) {
          const why = nameHazard(text, scope, safe, 0);
          if (why !== undefined) return why;
          continue;
        }
        if (/[`$[]/.test(text)) return `\`${text}\` is evaluated as arithmetic`;
        continue;
      }
      case 'simple_expansion':
      case 'expansion': {
        const children = current.children;
        if (children[1]?.type === '#') continue;
        const name = current.namedChildren[0];
        if (name?.type === 'special_variable_name' && NUMERIC_SPECIALS.has(name.text)) continue;
        if (name?.type === 'variable_name' && (children.length === 3 || current.type === 'simple_expansion')) {
          const why = nameHazard(name.text, scope, safe, 0);
          if (why !== undefined) return why;
          continue;
        }
        return `\`${current.text}\` is evaluated as arithmetic`;
      }
      case 'command_substitution':
      case 'process_substitution':
        return `the output of \`${clip(current.text)}\` is evaluated as arithmetic`;
      case 'subscript': {
        const array = current.namedChildren[0]?.text ?? '';
        const elements = scope.array(array);
        if (elements === undefined || elements.some((element) => valueHazard(element, scope, safe, 1) !== undefined)) return `the elements of \`${array}\` are evaluated as arithmetic`;
        const index = current.namedChildren[1];
        if (index !== undefined) stack.push(index);
        continue;
      }
      default:
        for (const child of current.namedChildren) stack.push(child);
    }
  }
  return undefined;
}

function nameHazard(name: string, scope: WordScope, safe: ReadonlySet<string> | undefined, depth: number): string | undefined {
  if (safe?.has(name) || NUMERIC_SPECIALS.has(name)) return undefined;
  const value = scope.scalar(name);
  if (value === undefined) return `\`${name}\` holds a value this command does not set, and arithmetic evaluates it`;
  return valueHazard(value, scope, safe, depth + 1);
}

function valueHazard(value: string, scope: WordScope, safe: ReadonlySet<string> | undefined, depth: number): string | undefined {
  if (value.trim() === '' || NUMBER.test(value)) return undefined;
  if (depth > 4 || !PLAIN_EXPRESSION.test(value)) return `\`${clip(value)}\` is evaluated as arithmetic`;
  for (const name of value.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    const why = nameHazard(name, scope, safe, depth);
    if (why !== undefined) return why;
  }
  return undefined;
}

/** Why a `let` expression or `declare -i` value given as text could run code. */
export function expressionHazard(text: string, scope: WordScope): string | undefined {
  const eq = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*([-+*/%&|^]|<<|>>)?=(?!=)/.exec(text);
  const right = eq === null ? text : text.slice(eq[0].length);
  if (/[`$[]/.test(right)) return `\`${clip(text)}\` is evaluated as arithmetic`;
  return valueHazard(right, scope, undefined, 0);
}

/**
 * A word used as a variable name (`read NAME`, `printf -v NAME`, `unset NAME`, `[[ -v NAME ]]`):
 * a subscript other than a number, `@` or `*` is evaluated, and so is a name made by expansion.
 */
export function nameArgumentHazard(value: string, dynamic: boolean, scope: WordScope): string | undefined {
  if (dynamic) return `the variable name \`${clip(value)}\` is made by expansion`;
  const open = value.indexOf('[');
  if (open < 0) return undefined;
  const index = value.slice(open + 1, value.lastIndexOf(']'));
  if (/^\s*(\d+|[@*])\s*$/.test(index)) return undefined;
  if (index.trim() === '') return undefined;
  if (/[`$]/.test(index) || !PLAIN_EXPRESSION.test(index)) return `the subscript of \`${clip(value)}\` is evaluated`;
  return valueHazard(index, scope, undefined, 0);
}

/** Whether a word assigned through `declare`/`local`/… re-parses as a compound or subscripted assignment. */
export function quotedDeclarationHazard(value: string): boolean {
  const eq = value.indexOf('=');
  if (eq < 0) return false;
  const name = value.slice(0, eq);
  return name.includes('[') || value[eq + 1] === '(' || value.startsWith('(', eq + 1);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
