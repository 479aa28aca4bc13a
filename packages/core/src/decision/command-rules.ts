// A pack's command rules, read once: each pattern's structured reading, and an index by
// program word so that an invocation (or a line) is only tried against the patterns that can
// match it. A pattern matches a text through its glob, whose literal start names the first
// word when it holds a space (`git push --force*` needs `git …`), and an invocation through its
// canonical forms, whose program must equal the pattern's. Patterns with neither known
// (`ls*`, `*foo*`) are tried against everything. Keys are necessary conditions only: every
// candidate still runs the full match, so the index skips work, never a match.
import { structurePattern, type StructuredPattern } from '../command/pattern.ts';
import type { Invocation } from '../command/types.ts';
import type { CompiledPack, CompiledPattern, CompiledRule } from '../policy/compile.ts';
import { permitsAction } from './precedence.ts';

/** One command pattern with what deciding needs of it, precomputed. */
export interface CommandPattern {
  readonly rule: CompiledRule;
  /** The rule's place in pack order (hits are reported in it). */
  readonly ruleOrder: number;
  /** The rule lets the action go ahead (allow and the like). */
  readonly permissive: boolean;
  readonly pattern: CompiledPattern;
  /** The pattern read as an operation; null when it spans commands (`curl *|*sh*`). */
  readonly shape: StructuredPattern | null;
  /** Place in pack order, rules then their patterns. */
  readonly order: number;
  /** A pattern that matches text only and names no program (`*GITHUB_TOKEN*`): see `mayMatchTextOnly`. */
  readonly textOnly: boolean;
}

/** A pack's command patterns, indexed by the program word they need. */
export interface CommandRules {
  /** Patterns that can match a text (the line or a pipeline) through their glob. */
  forText(text: string): readonly CommandPattern[];
  /** Patterns that can match an invocation through its text, canonical texts or forms. */
  forInvocation(invocation: Invocation): readonly CommandPattern[];
  /**
   * Whether any `textOnly` pattern can match `subject`: each holds a literal that a matching
   * subject contains, and one search for all of them settles most subjects at once.
   */
  mayMatchTextOnly(subject: string): boolean;
}

const tables = new WeakMap<CompiledPack, CommandRules>();

/** The command rules of a pack, compiled on first use and kept with the pack. */
export function commandRulesOf(pack: CompiledPack): CommandRules {
  let table = tables.get(pack);
  if (table === undefined) {
    table = compileCommandRules(pack.rules.execute_command);
    tables.set(pack, table);
  }
  return table;
}

function compileCommandRules(rules: readonly CompiledRule[]): CommandRules {
  const byWord = new Map<string, CommandPattern[]>();
  const unkeyed: CommandPattern[] = [];
  const textOnlyLiterals: string[] = [];
  let order = 0;
  rules.forEach((rule, index) => {
    for (const pattern of rule.patterns) {
      const shape = structurePattern(pattern.text) ?? null;
      const word = globFirstWord(pattern);
      const literal = word === undefined && shape === null ? longestLiteral(pattern) : undefined;
      if (literal !== undefined) textOnlyLiterals.push(literal);
      const entry: CommandPattern = { rule, ruleOrder: index, permissive: permitsAction(rule.decision), pattern, shape, order: order++, textOnly: literal !== undefined };
      if (word === undefined) {
        unkeyed.push(entry);
        continue;
      }
      // The canonical route needs the pattern's program among the invocation's form programs.
      const keys = new Set([word]);
      if (entry.shape !== null) for (const form of entry.shape.forms) keys.add(form.program);
      for (const key of keys) byWord.set(key, [...(byWord.get(key) ?? []), entry]);
    }
  });
  // Most subjects show one word: its candidates are merged with the unkeyed ones once, here.
  const withUnkeyed = new Map<string, readonly CommandPattern[]>();
  for (const [word, bucket] of byWord) withUnkeyed.set(word, inPackOrder([...unkeyed, ...bucket]));
  const lookUp = (words: readonly string[]): readonly CommandPattern[] => {
    let only: string | undefined;
    let found: CommandPattern[] | undefined;
    for (const word of words) {
      if (word === only || !byWord.has(word)) continue;
      if (only === undefined) {
        only = word;
        continue;
      }
      found ??= [...withUnkeyed.get(only)!];
      for (const entry of byWord.get(word)!) found.push(entry);
    }
    if (found !== undefined) return inPackOrder(found);
    return only === undefined ? unkeyed : withUnkeyed.get(only)!;
  };
  const textOnly = textOnlyLiterals.length === 0 ? undefined : new RegExp(textOnlyLiterals.map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  return {
    mayMatchTextOnly: (subject) => textOnly !== undefined && textOnly.test(subject),
    forText: (text) => lookUp([firstWord(text)]),
    forInvocation: (invocation) => {
      // Mostly the text starts with the program every form names, and a rendered form starts
      // with its program: one word, looked up without gathering the words.
      const { program, text, forms } = invocation;
      if (startsWithWord(text, program) && !program.includes(' ') && forms.every((form) => form.program === program)) {
        return byWord.has(program) ? withUnkeyed.get(program)! : unkeyed;
      }
      const words = [firstWord(text)];
      for (const canonical of invocation.canonical) words.push(firstWord(canonical));
      for (const form of forms) words.push(form.program);
      return lookUp(words);
    },
  };
}

// The word a glob's text must start with, when its literal start holds a space (or it has no star).
function globFirstWord(pattern: CompiledPattern): string | undefined {
  const literals = pattern.matcher.literals;
  if (literals === undefined || pattern.matcher.caseInsensitive === true) return undefined;
  const prefix = literals.segments[0]!;
  const space = prefix.indexOf(' ');
  if (space >= 0) return prefix.slice(0, space);
  return literals.dirStars.length === 0 ? prefix : undefined;
}

// The longest literal a subject must contain to match the glob, when there is one to search for.
function longestLiteral(pattern: CompiledPattern): string | undefined {
  const literals = pattern.matcher.literals;
  if (literals === undefined || pattern.matcher.caseInsensitive === true) return undefined;
  const longest = literals.segments.reduce((best, segment) => (segment.length > best.length ? segment : best), '');
  return longest === '' ? undefined : longest;
}

// Whether `text`'s first word is `word`.
function startsWithWord(text: string, word: string): boolean {
  return text.startsWith(word) && (text.length === word.length || text.charCodeAt(word.length) === 0x20);
}

function firstWord(text: string): string {
  const space = text.indexOf(' ');
  return space < 0 ? text : text.slice(0, space);
}

// Sorted by pack order, each entry once (two words can file the same pattern).
function inPackOrder(entries: CommandPattern[]): CommandPattern[] {
  entries.sort((a, b) => a.order - b.order);
  let kept = 0;
  for (const entry of entries) if (kept === 0 || entries[kept - 1] !== entry) entries[kept++] = entry;
  entries.length = kept;
  return entries;
}
