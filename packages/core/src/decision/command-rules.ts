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
  /**
   * Patterns that can match an invocation through its text, canonical texts or forms. A
   * `textOnly` pattern is among them only when one of those texts holds its literal: each holds
   * a literal that a matching subject contains, and one search for all of them settles most
   * subjects at once.
   */
  forInvocation(invocation: Invocation): readonly CommandPattern[];
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
  const unkeyed: UnkeyedPattern[] = [];
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
        unkeyed.push({ entry, prefix: pattern.matcher.caseInsensitive === true ? '' : (pattern.matcher.literals?.segments[0] ?? ''), programs: new Set(shape?.forms.map((form) => form.program)) });
        continue;
      }
      // The canonical route needs the pattern's program among the invocation's form programs.
      const keys = new Set([word]);
      if (entry.shape !== null) for (const form of entry.shape.forms) keys.add(form.program);
      for (const key of keys) byWord.set(key, [...(byWord.get(key) ?? []), entry]);
    }
  });
  // The candidates of subjects that show one word (most of them), built on first use: that
  // word's patterns and the unkeyed ones that word can start; the text-only patterns only for a
  // subject that holds one of their literals (one search for all of them).
  const forWord = [new Map<string, readonly CommandPattern[]>(), new Map<string, readonly CommandPattern[]>()] as const;
  const candidatesOf = (word: string, withTextOnly: boolean): readonly CommandPattern[] => {
    const cache = forWord[withTextOnly ? 1 : 0];
    let found = cache.get(word);
    if (found === undefined) {
      found = gather([word], withTextOnly);
      if (cache.size >= MAX_CACHED_WORDS) cache.clear();
      cache.set(word, found);
    }
    return found;
  };
  const gather = (words: readonly string[], withTextOnly: boolean): CommandPattern[] => {
    const found: CommandPattern[] = [];
    for (const { entry, prefix, programs } of unkeyed) if ((withTextOnly || !entry.textOnly) && canStart(words, prefix, programs)) found.push(entry);
    const seen = new Set<string>();
    for (const word of words) {
      if (seen.has(word)) continue;
      seen.add(word);
      const bucket = byWord.get(word);
      if (bucket !== undefined) for (const entry of bucket) found.push(entry);
    }
    return inPackOrder(found);
  };
  const textOnly = textOnlyLiterals.length === 0 ? undefined : new RegExp(textOnlyLiterals.map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  const mayMatchTextOnly = (subject: string): boolean => textOnly !== undefined && textOnly.test(subject);
  return {
    forText: (text) => candidatesOf(firstWord(text), mayMatchTextOnly(text)),
    forInvocation: (invocation) => {
      // A text-only pattern is matched against the invocation's text and canonical texts alone.
      const withTextOnly = mayMatchTextOnly(invocation.text) || invocation.canonical.some(mayMatchTextOnly);
      // Mostly the text starts with the program every form names, and a rendered form starts
      // with its program: one word.
      const { program, text, forms } = invocation;
      if (startsWithWord(text, program) && !program.includes(' ') && forms.every((form) => form.program === program)) return candidatesOf(program, withTextOnly);
      const words = [firstWord(text)];
      for (const canonical of invocation.canonical) words.push(firstWord(canonical));
      for (const form of forms) words.push(form.program);
      return gather(words, withTextOnly);
    },
  };
}

/** A pattern no word keys: tried where a subject's first word can start its glob, or name its program. */
interface UnkeyedPattern {
  entry: CommandPattern;
  /** The glob's literal start, which holds no space (`ls` of `ls*`); empty when it starts with `*` or ignores case. */
  prefix: string;
  /** The programs of its structured reading. */
  programs: ReadonlySet<string>;
}

const MAX_CACHED_WORDS = 4096;

// A subject matches a glob only if it starts with the glob's literal start, which holds no
// space, so only if its first word does; its structured reading only if a form's program is
// the pattern's. `words` are the first words of every text and the program of every form.
function canStart(words: readonly string[], prefix: string, programs: ReadonlySet<string>): boolean {
  if (prefix === '') return true;
  for (const word of words) if (word.startsWith(prefix) || programs.has(word)) return true;
  return false;
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
