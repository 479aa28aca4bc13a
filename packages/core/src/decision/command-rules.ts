// A pack's command rules, read once: each pattern's structured reading, and an index by
// program word and second word so that an invocation (or a line) is only tried against the
// patterns that can match it. A pattern matches a text through its glob, whose literal start
// names the first words when it holds a space (`git push --force*` needs `git push …`,
// `git status*` a second word starting `status`), and an invocation through its canonical
// forms, whose program must equal the pattern's, and whose subcommand (or first positional)
// the pattern's. Patterns with neither known (`ls*`, `*foo*`) are tried against everything.
// A pattern that needs a literal in every text it matches (`pytest *--log-file*` needs
// `--log-file`) is tried only where one of those literals shows: one search per text for all of
// a list's literals settles most subjects at once, since deciding mostly meets benign ones.
// Keys are necessary conditions only: every candidate still runs the full match, so the index
// skips work, never a match (test/decision/command-index.test.ts of this package holds it to it).
import { structurePattern, type StructuredPattern } from '../command/pattern.ts';
import type { CanonicalForm, Invocation } from '../command/types.ts';
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
  /** A literal that every text the pattern matches holds (see `neededLiteral`), when it has one. */
  readonly needs: string | undefined;
}

/** A pack's command patterns, indexed by the program word they need. */
export interface CommandRules {
  /** Every pattern, in pack order. */
  readonly patterns: readonly CommandPattern[];
  /** Patterns of rules that stop an action (block, approval and the like) that can match a text (the line or a pipeline) through their glob. */
  stoppingForText(text: string): readonly CommandPattern[];
  /** Patterns that can match an invocation through its text, canonical texts or forms. */
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
  const byFirstWord = new Map<string, KeyedPattern[]>();
  const unkeyed: UnkeyedPattern[] = [];
  const patterns: CommandPattern[] = [];
  // First words under which some pattern needs a second word, and those where it can be a
  // form's first positional: only those are read off a subject.
  const readsSecond = new Set<string>();
  const readsPositional = new Set<string>();
  let order = 0;
  rules.forEach((rule, index) => {
    for (const pattern of rule.patterns) {
      const shape = structurePattern(pattern.text) ?? null;
      const textKey = globKey(pattern);
      const entry: CommandPattern = { rule, ruleOrder: index, permissive: permitsAction(rule.decision), pattern, shape, order: order++, needs: neededLiteral(pattern, shape) };
      patterns.push(entry);
      if (textKey === undefined) {
        unkeyed.push({ entry, prefix: pattern.matcher.caseInsensitive === true ? '' : (pattern.matcher.literals?.segments[0] ?? ''), programs: new Set(shape?.forms.map((form) => form.program)) });
        continue;
      }
      // The canonical route needs the pattern's program (and subcommand) among the invocation's forms.
      const keys = [textKey];
      if (entry.shape !== null) {
        for (const form of entry.shape.forms) {
          keys.push(shapeKey(entry.shape, form));
          if (form.path.length === 0 && form.positionals.length > 0) readsPositional.add(form.program);
        }
      }
      for (const key of keys) {
        byFirstWord.set(key.first, [...(byFirstWord.get(key.first) ?? []), { entry, ...key }]);
        if (key.second !== undefined) readsSecond.add(key.first);
      }
    }
  });
  // The candidates of what a subject shows (its first word, and its second where patterns of
  // that word need one), built on first use: the keyed patterns those words satisfy and the
  // unkeyed ones a first word can start. One cache per kind of list (all patterns, or the
  // stopping ones); a subject showing one pair (most) is looked up by its words, one showing
  // several by their joined text.
  const single = Array.from({ length: 2 }, () => new Map<string, CachedWord>());
  const several = Array.from({ length: 2 }, () => new Map<string, CandidateList>());
  const build = (pairs: ReadonlyArray<readonly [string, string | undefined]>, kind: number): CandidateList => {
    const found: CommandPattern[] = [];
    const firstWords = pairs.map(([first]) => first);
    for (const { entry, prefix, programs } of unkeyed) if (canStart(firstWords, prefix, programs)) found.push(entry);
    for (const [first, second] of pairs) for (const key of byFirstWord.get(first) ?? []) if (satisfies(key, second)) found.push(key.entry);
    const listed = inPackOrder(found);
    return candidateList(kind === STOPPING_ONLY ? listed.filter((entry) => !entry.permissive) : listed);
  };
  const ofPair = (first: string, second: string | undefined, kind: number): CandidateList => {
    const cache = single[kind]!;
    let cached = cache.get(first);
    if (cached === undefined) {
      if (cache.size >= MAX_CACHED_SUBJECTS) cache.clear();
      cached = { withoutSecond: undefined, bySecond: new Map() };
      cache.set(first, cached);
    }
    if (second === undefined) return (cached.withoutSecond ??= build([[first, undefined]], kind));
    let found = cached.bySecond.get(second);
    if (found === undefined) {
      if (cached.bySecond.size >= MAX_CACHED_SUBJECTS) cached.bySecond.clear();
      found = build([[first, second]], kind);
      cached.bySecond.set(second, found);
    }
    return found;
  };
  const ofPairs = (pairs: Array<readonly [string, string | undefined]>, kind: number): CandidateList => {
    if (pairs.length === 1) return ofPair(pairs[0]![0], pairs[0]![1], kind);
    const cache = several[kind]!;
    const id = pairs.map(([first, second]) => (second === undefined ? first : `${first}${WORDS_APART}${second}`)).join(SUBJECTS_APART);
    let found = cache.get(id);
    if (found === undefined) {
      if (cache.size >= MAX_CACHED_SUBJECTS) cache.clear();
      found = build(pairs, kind);
      cache.set(id, found);
    }
    return found;
  };
  // A text's first word, and its second where patterns of the first need one.
  const pairOf = (text: string): readonly [string, string | undefined] => {
    const space = text.indexOf(' ');
    if (space < 0) return [text, undefined];
    const first = text.slice(0, space);
    return [first, readsSecond.has(first) ? secondWord(text, space) : undefined];
  };
  // The list of the pairs an invocation shows.
  const listFor = (invocation: Invocation): CandidateList => {
    const { text, canonical, forms, program } = invocation;
    // Mostly the text starts with the program every form names (a rendered form starts with
    // its program), and the second word it shows is the forms' subcommand or first positional.
    if (startsWithWord(text, program) && !program.includes(' ') && formsName(forms, program)) {
      if (!readsSecond.has(program)) return ofPair(program, undefined, ALL);
      const second = secondWord(text, program.length);
      if (showsOneSecond(invocation, second, readsPositional.has(program))) return ofPair(program, second, ALL);
    }
    const pairs: Array<readonly [string, string | undefined]> = [];
    const show = (first: string, second: string | undefined): void => {
      const shown = readsSecond.has(first) ? second : undefined;
      if (!pairs.some(([have, also]) => have === first && also === shown)) pairs.push([first, shown]);
    };
    for (const each of [text, ...canonical]) {
      const [first, second] = pairOf(each);
      show(first, second);
    }
    for (const form of forms) {
      show(form.program, form.path[0]);
      if (readsPositional.has(form.program) && form.positionals.length > 0) show(form.program, form.positionals[0]);
    }
    return ofPairs(pairs, ALL);
  };
  return {
    patterns,
    stoppingForText: (text) => {
      const [first, second] = pairOf(text);
      return showing(ofPair(first, second, STOPPING_ONLY), text, NO_TEXTS);
    },
    // Canonical texts hold every form rendered, which a form's tail is matched against.
    forInvocation: (invocation) => showing(listFor(invocation), invocation.text, invocation.canonical),
  };
}

const NO_TEXTS: readonly string[] = [];

// The candidates whose needed literal (if any) `text` or one of `also` holds.
function showing(list: CandidateList, text: string, also: readonly string[]): readonly CommandPattern[] {
  const { needed } = list;
  if (needed === undefined) return list.all;
  let shown = needed.test(text);
  for (let index = 0; !shown && index < also.length; index += 1) shown = needed.test(also[index]!);
  if (!shown) return list.unconditional;
  return list.all.filter((entry) => entry.needs === undefined || holds(entry.needs, text, also));
}

function holds(literal: string, text: string, also: readonly string[]): boolean {
  if (text.includes(literal)) return true;
  for (const each of also) if (each.includes(literal)) return true;
  return false;
}

// Whether every form names `program`.
function formsName(forms: readonly CanonicalForm[], program: string): boolean {
  for (const form of forms) if (form.program !== program) return false;
  return true;
}

// Whether an invocation whose texts and forms start with its program shows `second` alone after
// it: as every canonical text's second word, and as every form's subcommand and (when patterns
// read it) first positional, where the form has one.
function showsOneSecond({ text, canonical, forms, program }: Invocation, second: string | undefined, positional: boolean): boolean {
  for (const each of canonical) if (each !== text && !secondWordIs(each, program.length, second)) return false;
  for (const form of forms) {
    const subcommand = form.path[0];
    if (subcommand !== undefined && subcommand !== second) return false;
    const first = form.positionals[0];
    if (positional && first !== undefined && first !== second) return false;
  }
  return true;
}

/** Candidates in pack order, and what skips those that need a literal a subject lacks. */
interface CandidateList {
  readonly all: readonly CommandPattern[];
  /** The candidates that need no literal. */
  readonly unconditional: readonly CommandPattern[];
  /** Finds any candidate's needed literal in a text; undefined when none needs one. */
  readonly needed: RegExp | undefined;
}

// The search is an alternation of literals only: nothing in it can backtrack.
function candidateList(all: readonly CommandPattern[]): CandidateList {
  const literals = [...new Set(all.flatMap((entry) => (entry.needs === undefined ? [] : [entry.needs])))];
  if (literals.length === 0) return { all, unconditional: all, needed: undefined };
  return { all, unconditional: all.filter((entry) => entry.needs === undefined), needed: new RegExp(literals.map(escapeRegExp).join('|')) };
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// What one first word's lists are cached as.
interface CachedWord {
  withoutSecond: CandidateList | undefined;
  bySecond: Map<string, CandidateList>;
}

// The kinds of list: every pattern, or those of rules that stop an action.
const ALL = 0;
const STOPPING_ONLY = 1;

// The word after the space at `space` (a text's second word when `space` ends its first).
function secondWord(text: string, space: number): string | undefined {
  if (space >= text.length) return undefined;
  const next = text.indexOf(' ', space + 1);
  return next < 0 ? text.slice(space + 1) : text.slice(space + 1, next);
}

// Whether `secondWord(text, space)` is `word`, without cutting it out.
function secondWordIs(text: string, space: number, word: string | undefined): boolean {
  if (word === undefined || space >= text.length) return word === undefined && space >= text.length;
  const end = space + 1 + word.length;
  return text.startsWith(word, space + 1) && (end === text.length || text.charCodeAt(end) === 0x20);
}

/**
 * What a keyed pattern needs of a subject: its first word, and its second word (or a form's
 * subcommand or first positional) when the pattern names that, whole or as a prefix (`git status*`).
 */
interface PatternKey {
  first: string;
  second: string | undefined;
  secondIsPrefix: boolean;
}

interface KeyedPattern extends PatternKey {
  entry: CommandPattern;
}

function satisfies(key: PatternKey, second: string | undefined): boolean {
  if (key.second === undefined) return true;
  if (second === undefined) return false;
  return key.secondIsPrefix ? second.startsWith(key.second) : second === key.second;
}

/** A pattern no word keys: tried where a subject's first word can start its glob, or name its program. */
interface UnkeyedPattern {
  entry: CommandPattern;
  /** The glob's literal start, which holds no space (`ls` of `ls*`); empty when it starts with `*` or ignores case. */
  prefix: string;
  /** The programs of its structured reading. */
  programs: ReadonlySet<string>;
}

const MAX_CACHED_SUBJECTS = 4096;

// A subject matches a glob only if it starts with the glob's literal start, which holds no
// space, so only if its first word does; its structured reading only if a form's program is
// the pattern's. `words` are the first words of every text and the program of every form.
function canStart(words: readonly string[], prefix: string, programs: ReadonlySet<string>): boolean {
  if (prefix === '') return true;
  for (const word of words) if (word.startsWith(prefix) || programs.has(word)) return true;
  return false;
}

// A subject's words are joined by a character no word holds, and subjects (in a cache key) by another.
const WORDS_APART = '\u0000';
const SUBJECTS_APART = '\u0001';

// What a glob's text must show: its first word when its literal start holds a space (or it
// has no star), and what its literal start holds of the second (`git push --force*` needs
// `git push …`, `git status*` needs `git status…`).
function globKey(pattern: CompiledPattern): PatternKey | undefined {
  const literals = pattern.matcher.literals;
  if (literals === undefined || pattern.matcher.caseInsensitive === true) return undefined;
  const prefix = literals.segments[0]!;
  const whole = literals.dirStars.length === 0;
  const space = prefix.indexOf(' ');
  if (space < 0) return whole ? { first: prefix, second: undefined, secondIsPrefix: false } : undefined;
  const next = prefix.indexOf(' ', space + 1);
  const second = next < 0 ? prefix.slice(space + 1) : prefix.slice(space + 1, next);
  const secondIsPrefix = next < 0 && !whole;
  return { first: prefix.slice(0, space), second: second === '' ? undefined : second, secondIsPrefix };
}

// What a structured pattern's form needs of an invocation's form: its program, and its
// subcommand or else its first positional (`git pu*` may be `git push`, `npm test*` `npm tests`).
function shapeKey(shape: StructuredPattern, form: CanonicalForm): PatternKey {
  if (form.path.length > 0) {
    const secondIsPrefix = shape.partial && form.path.length === 1 && form.positionals.length === 0 && form.flags.size === 0;
    return { first: form.program, second: form.path[0], secondIsPrefix };
  }
  if (form.positionals.length === 0) return { first: form.program, second: undefined, secondIsPrefix: false };
  return { first: form.program, second: form.positionals[0], secondIsPrefix: shape.partial && form.positionals.length === 1 };
}

// Whether `text`'s first word is `word`.
function startsWithWord(text: string, word: string): boolean {
  return text.startsWith(word) && (text.length === word.length || text.charCodeAt(word.length) === 0x20);
}

// A literal that every text a pattern matches holds: its glob's longest literal, which a text or
// canonical text matched by the glob holds; for a pattern also read as an operation, the longest
// after its first star, which the form's tail (matched against the rendered form) holds too. A
// pattern whose operation has no tail matches by its words alone and needs none.
function neededLiteral(pattern: CompiledPattern, shape: StructuredPattern | null): string | undefined {
  const literals = pattern.matcher.literals;
  if (literals === undefined || pattern.matcher.caseInsensitive === true) return undefined;
  if (shape !== null && shape.tail === undefined) return undefined;
  const segments = shape === null ? literals.segments : literals.segments.slice(1);
  const longest = segments.reduce((best, segment) => (segment.length > best.length ? segment : best), '');
  return longest === '' ? undefined : longest;
}

// Sorted by pack order, each entry once (two words can file the same pattern).
function inPackOrder(entries: CommandPattern[]): CommandPattern[] {
  entries.sort((a, b) => a.order - b.order);
  let kept = 0;
  for (const entry of entries) if (kept === 0 || entries[kept - 1] !== entry) entries[kept++] = entry;
  entries.length = kept;
  return entries;
}
