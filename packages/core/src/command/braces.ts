// Bash's brace expansion, the first expansion it performs: `.{env,x}` is the two words `.env`
// and `.x`, `.en{v..v}` is `.env`, `--{force,}` is `--force` and `--`. Only unquoted, unescaped
// `{`, `,`, `..` and `}` are syntax; quoted parts and expansions are carried whole into every
// word. tree-sitter leaves the braces as plain words inside a concatenation (or a
// `brace_expression` for a numeric sequence), so without this a line reads `.{env,x}` as one
// literal file name while bash opens `.env`.
import type { SyntaxNode } from './syntax.ts';
import type { Word } from './types.ts';
import { escapeGlob, NO_SCOPE, operandPattern, resolveWord, type WordScope } from './word.ts';

/** Past this many words a brace word is judged as unknowable (bash would make them all). */
const MAX_WORDS = 64;

/** One character of unquoted text, or a quoted or expanded part taken whole. */
type Token = { char: string; raw: string; active: boolean } | { part: Word; pattern: string };

const SEQUENCE = /^(?:(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?|([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?)$/;

/**
 * The words brace expansion makes of a word node, in bash's order; undefined when it has no
 * brace expression (most words). Past {@link MAX_WORDS}, one dynamic word that may name anything.
 */
export function braceFields(node: SyntaxNode, scope: WordScope = NO_SCOPE): Word[] | undefined {
  const word = node.type === 'command_name' && node.namedChildren.length === 1 ? node.namedChildren[0]! : node;
  if ((word.type !== 'concatenation' && word.type !== 'brace_expression') || !word.text.includes('{')) return undefined;
  const tokens = tokensOf(word, scope);
  const expanded = expand(tokens);
  if (expanded === undefined) return [{ value: word.text, dynamic: true, pattern: '**' }];
  if (expanded.length === 1 && expanded[0]!.length === tokens.length) return undefined;
  // A word left with nothing in it, quoted or not, is no word at all (`{,}`, `a{,}` keeps `a`).
  return expanded.filter((each) => each.length > 0).map(wordOf);
}

function tokensOf(word: SyntaxNode, scope: WordScope): Token[] {
  const tokens: Token[] = [];
  const parts = word.type === 'concatenation' ? word.children : [word];
  for (const part of parts) {
    if (part.type === 'word' || part.type === 'brace_expression' || part.type === 'number' || !part.isNamed) {
      const text = part.text;
      for (let index = 0; index < text.length; index += 1) {
        const char = text[index]!;
        if (char !== '\\' || index + 1 >= text.length) tokens.push({ char, raw: char, active: true });
        else if (text[++index] !== '\n') tokens.push({ char: text[index]!, raw: `\\${text[index]}`, active: false });
      }
      continue;
    }
    const value = resolveWord(part, scope);
    tokens.push({ part: value, pattern: value.dynamic ? operandPattern(part, scope) : escapeGlob(value.value) });
  }
  return tokens;
}

const isSyntax = (token: Token | undefined, char: string): boolean => token !== undefined && 'char' in token && token.active && token.char === char;

// Every word `tokens` expands to; undefined past MAX_WORDS.
function expand(tokens: readonly Token[]): Token[][] | undefined {
  for (let open = 0; open < tokens.length; open += 1) {
    if (!isSyntax(tokens[open], '{')) continue;
    const found = braceAt(tokens, open);
    if (found === undefined) continue;
    if (found.alternatives === undefined) return undefined;
    const preamble = tokens.slice(0, open);
    const rests = expand(tokens.slice(found.close + 1));
    if (rests === undefined) return undefined;
    const words: Token[][] = [];
    for (const alternative of found.alternatives) {
      const inner = expand(alternative);
      if (inner === undefined) return undefined;
      for (const middle of inner) {
        for (const rest of rests) {
          if (words.length >= MAX_WORDS) return undefined;
          words.push([...preamble, ...middle, ...rest]);
        }
      }
    }
    return words;
  }
  return [[...tokens]];
}

// The brace expression opening at `open`: its alternatives (a comma list, or a sequence spelled
// out; undefined past MAX_WORDS) and its closing brace. Undefined when `{` opens none there
// (`{}`, `{a}`, no `}`).
function braceAt(tokens: readonly Token[], open: number): { alternatives: Token[][] | undefined; close: number } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let index = open + 1; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (isSyntax(token, '{')) depth += 1;
    else if (isSyntax(token, '}')) {
      if (depth > 0) {
        depth -= 1;
        continue;
      }
      if (commas.length > 0) {
        const bounds = [open, ...commas, index];
        return { alternatives: bounds.slice(1).map((end, at) => tokens.slice(bounds[at]! + 1, end)), close: index };
      }
      const sequence = sequenceOf(tokens.slice(open + 1, index));
      if (sequence === undefined) return undefined;
      return { alternatives: sequence.length > MAX_WORDS ? undefined : sequence.map(sequenceTokens), close: index };
    } else if (depth === 0 && isSyntax(token, ',')) commas.push(index);
  }
  return undefined;
}

// `1..5`, `05..1..2`, `a..e`: the words of a sequence expression, when the text is one (one
// more than MAX_WORDS at most: the caller stops there).
function sequenceOf(inner: readonly Token[]): string[] | undefined {
  let text = '';
  for (const token of inner) {
    if (!('char' in token) || !token.active) return undefined;
    text += token.char;
  }
  const match = SEQUENCE.exec(text);
  if (match === null) return undefined;
  const step = Math.abs(Number(match[3] ?? match[6] ?? 1)) || 1;
  const numeric = match[1] !== undefined;
  const from = numeric ? Number(match[1]) : match[4]!.charCodeAt(0);
  const to = numeric ? Number(match[2]) : match[5]!.charCodeAt(0);
  // Zero-padded when either end is written with a leading zero (`01..10`).
  const width = numeric && (/^-?0\d/.test(match[1]!) || /^-?0\d/.test(match[2]!)) ? Math.max(match[1]!.length, match[2]!.length) : 0;
  const values: string[] = [];
  for (let value = from; (from <= to ? value <= to : value >= to) && values.length <= MAX_WORDS; value += from <= to ? step : -step) {
    if (!numeric) values.push(String.fromCharCode(value));
    else {
      const digits = String(Math.abs(value)).padStart(width - (value < 0 ? 1 : 0), '0');
      values.push(value < 0 ? `-${digits}` : digits);
    }
  }
  return values;
}

// A sequence's word as literal text. A letter range can cross `\`, which bash's quote removal
// then empties (the word stays, empty).
function sequenceTokens(text: string): Token[] {
  if (text === '\\') return [{ part: { value: '', dynamic: false }, pattern: '' }];
  return [...text].map((char) => ({ char, raw: escapeGlob(char), active: false }));
}

function wordOf(tokens: readonly Token[]): Word {
  let value = '';
  let pattern = '';
  let dynamic = false;
  let computed = false;
  let glob = false;
  for (const token of tokens) {
    if ('char' in token) {
      value += token.char;
      pattern += token.raw;
      if (token.active && (token.char === '*' || token.char === '?' || token.char === '[')) glob = true;
      continue;
    }
    value += token.part.value;
    pattern += token.pattern;
    dynamic ||= token.part.dynamic;
    computed ||= token.part.computed === true;
  }
  const word: Word = dynamic ? { value, dynamic, pattern } : { value, dynamic };
  if (computed) word.computed = true;
  if (glob && !dynamic) word.glob = pattern;
  return word;
}
