// Whether a shell pathname pattern (`.[e]nv`, `.github/workflow?/ci.yml`) can name a file that
// a policy glob protects, and if so one such path. Both are regular languages: we walk the
// product of their automata breadth-first and return the first string both accept. The
// decision then judges that witness path exactly like a literal one.
import { resolveSegments } from '../policy/path.ts';

// `dot`: the test may take the leading dot of a name (what an expansion holds is not matched
// against names on disk, so bash's dot rule does not bind it).
// One shape for every kind (unused fields empty), so the product walk's reads of a test stay monomorphic.
interface CharTest {
  readonly kind: 'char' | 'set' | 'any';
  /** `char`: the character. */
  readonly char: string;
  /** `set`: its characters, or those it excludes when negated. */
  readonly chars: string;
  readonly negated: boolean;
  /** `set`, `any`: whether it takes a `/`. */
  readonly slash: boolean;
  readonly dot: boolean;
  /** `char`: its code unit (the product walk compares codes); -1 otherwise. */
  readonly code: number;
}

function literalChar(char: string): CharTest {
  return { kind: 'char', char, chars: '', negated: false, slash: false, dot: false, code: char.charCodeAt(0) };
}

function anyChar(slash: boolean, dot = false): CharTest {
  return { kind: 'any', char: '', chars: '', negated: false, slash, dot, code: -1 };
}

function charSet(chars: string, negated: boolean): CharTest {
  return { kind: 'set', char: '', chars, negated, slash: false, dot: false, code: -1 };
}

/** A glob read as an automaton, kept to be matched against many others (see `automataWitness`). */
export interface Automaton {
  /** Per state: outgoing character moves. */
  moves: Array<Array<{ test: CharTest; to: number }>>;
  /** Per state: epsilon moves. */
  empty: number[][];
  final: number;
  /** The character every accepted string ends with, when one move alone (a literal) reaches `final`. */
  lastChar: string | undefined;
  /** Literal text every accepted string starts with (the pattern's head before its first wildcard). */
  prefix: string;
  /** Literal text every accepted string ends with (the pattern's tail after its last wildcard; may be empty). */
  suffix: string;
  /** The one string accepted, when the automaton is a chain of characters (a pattern with no wildcard). */
  literal: string | undefined;
}

const MAX_STATES = 4096;
const ANYTHING = anyChar(true, true);
// Any character, `/` included, but a name's leading dot only as a literal.
const PATH_CHARACTER = anyChar(true);
const NAME_CHARACTER = anyChar(false, true);
const SLASH = literalChar('/');
const PROBES = 'xa0_.-/';

/**
 * A shell glob as an automaton (`*` and `?` never match `/`; `\x` is literal). `**` is read as
 * anything at all, a leading `**\/` as also nothing: it stands for an expansion whose value is
 * unknown (`"$D/.github/workflows/x.yml"`: D may be `.`, a path, or empty). In a glob as
 * `typed`, `**` is a globstar: any directories, none of them hidden, as no wildcard bash or zsh
 * expands matches a name's leading dot.
 */
export function shellGlobAutomaton(pattern: string, typed = false): Automaton {
  return shellGlobBuilder(pattern, typed).done(literalPrefix(pattern, SHELL_WILDCARDS), literalSuffix(pattern, SHELL_TAIL_STOPS));
}

function shellGlobBuilder(pattern: string, typed: boolean): Builder {
  const builder = new Builder();
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    // (A leading dot of a name is matched only by a literal dot: enforced in the product walk.)
    if (char === '\\' && index + 1 < pattern.length) builder.step(literalChar(pattern[++index]!));
    else if (char === '*' && pattern[index + 1] === '*') {
      const start = index;
      while (pattern[index + 1] === '*') index += 1;
      if (pattern[index + 1] === '/' && (start === 0 || pattern[start - 1] === '/')) {
        builder.optionalDirectories(!typed);
        index += 1;
      } else builder.loop(typed ? PATH_CHARACTER : ANYTHING);
    } else if (char === '*') builder.loop(anyChar(false));
    else if (char === '?') builder.step(anyChar(false));
    else if (char === '[') {
      const close = classEnd(pattern, index);
      if (close < 0) builder.step(literalChar(char));
      else {
        builder.step(classTest(pattern.slice(index + 1, close)));
        index = close;
      }
    } else builder.step(literalChar(char));
  }
  return builder;
}

/** A directory a recursive copy or move fills, read once for every policy glob it is judged against. */
export interface TreeDirectory {
  /** The shell pattern, without `./` before it and `/` after it (`''` for the current directory). */
  readonly directory: string;
  readonly caseInsensitive: boolean;
  /** Its segments when it is literal (folded when case does not matter); undefined for a pattern. */
  readonly segments: readonly string[] | undefined;
  /** What every path below it starts with. */
  readonly prefix: string;
}

export function treeDirectory(directoryPattern: string, caseInsensitive = false): TreeDirectory {
  const directory = directoryPattern.replace(/\/+$/, '').replace(/^(?:\.\/+)+/, '').replace(/^\.$/, '');
  const literal = literalPrefix(directory, SHELL_WILDCARDS) === directory;
  return { directory, caseInsensitive, segments: literal ? (caseInsensitive ? directory.toLowerCase() : directory).split('/') : undefined, prefix: belowPrefix(directory, literal) };
}

/** Whether a policy glob can be matched by what a tree carries at all (a name-only glob cannot). */
export function judgesTrees(policyPattern: string): boolean {
  return policyShapeOf(policyPattern).kind !== 'name';
}

/**
 * One path below a directory that a policy glob matches: what a recursive copy or move may
 * carry there (`cp -r tpl .github` may write `.github/workflows/x`). A glob anchored at a
 * directory (`.github/workflows/**`) protects a place, which the destination decides. One that
 * matches anywhere protects a name (`**\/backend.tf`), which only the copied files could tell,
 * so it is not matched; or a place by its name (`**\/.git/hooks/**`), matched below where the
 * destination is in such a directory (`cp -r x .git`).
 */
export function treeWitness(tree: TreeDirectory, policyPattern: string): string | undefined {
  const { directory, caseInsensitive, segments } = tree;
  const shape = policyShapeOf(policyPattern);
  if (shape.kind === 'anchored') {
    if (!prefixesAgree(tree.prefix, shape.prefix, caseInsensitive)) return undefined;
    return witnessBelow(directory, policyPattern, caseInsensitive);
  }
  if (shape.kind === 'name' || directory === '') return undefined;
  if (segments === undefined) {
    // A directory named by a pattern may be inside such a place anywhere.
    const inside = globWitness(directory, `**/${shape.place}`, caseInsensitive) ?? globWitness(directory, `**/${shape.place}/**`, caseInsensitive);
    return inside === undefined ? undefined : witnessBelow(directory, policyPattern, caseInsensitive);
  }
  const at = segments.lastIndexOf(caseInsensitive ? shape.place.toLowerCase() : shape.place);
  if (at < 0) return undefined;
  const above = directory.split('/').slice(0, at + 1).join('/');
  const below = directory.slice(above.length + 1);
  if (!prefixesAgree(belowPrefix(below, true), shape.restPrefix, caseInsensitive)) return undefined;
  const witness = witnessBelow(below, shape.rest, caseInsensitive);
  return witness === undefined ? undefined : `${above}/${witness}`;
}

/** Whether every path below the tree is one the policy glob names (`.github/workflows/**` over `.github/workflows`). */
export function treeInside(tree: TreeDirectory, policyPattern: string): boolean {
  if (tree.segments === undefined || tree.directory === '' || !policyPattern.endsWith('/**')) return false;
  const place = policyPattern.slice(0, -3);
  if (literalPrefix(place, POLICY_WILDCARDS) !== place) return false;
  const fold = (text: string): string => (tree.caseInsensitive ? text.toLowerCase() : text);
  const directory = fold(tree.directory);
  return directory === fold(place) || directory.startsWith(`${fold(place)}/`);
}

// A glob's literal start is kept with it: whether a directory can hold what it names is settled by it.
type PolicyShape = { kind: 'anchored'; prefix: string } | { kind: 'name' } | { kind: 'place'; place: string; rest: string; restPrefix: string };

const POLICY_SHAPES = new Map<string, PolicyShape>();

function policyShapeOf(pattern: string): PolicyShape {
  let shape = POLICY_SHAPES.get(pattern);
  if (shape === undefined) {
    const place = /^\*\*\/([^*?[\\/]+)\/(.+)$/.exec(pattern);
    shape = !pattern.startsWith('*') ? { kind: 'anchored', prefix: literalPrefix(pattern, POLICY_WILDCARDS) } : place === null ? { kind: 'name' } : { kind: 'place', place: place[1]!, rest: place[2]!, restPrefix: literalPrefix(place[2]!, POLICY_WILDCARDS) };
    if (POLICY_SHAPES.size >= MAX_CACHED_AUTOMATA) POLICY_SHAPES.clear();
    POLICY_SHAPES.set(pattern, shape);
  }
  return shape;
}

function belowPrefix(directory: string, literal: boolean): string {
  return literal ? (directory === '' ? '' : `${directory}/`) : literalPrefix(directory, SHELL_WILDCARDS);
}

// The caller has checked that the literal starts agree.
function witnessBelow(directory: string, policyPattern: string, caseInsensitive: boolean): string | undefined {
  const witness = witnessOf(automatonOf(TREE_AUTOMATA, treeAutomaton, caseInsensitive ? directory.toLowerCase() : directory), policyAutomaton(policyPattern, caseInsensitive));
  // A copied name is never `.` or `..`, and a leading `~` in one is not the home directory.
  const names = witness?.slice(directory.length);
  return names === undefined || /(^|\/)\.\.?(\/|$)/.test(names) || (directory === '' && names.startsWith('~')) ? undefined : witness;
}

// The directory's shell pattern, then one or more names below it.
function treeAutomaton(directory: string): Automaton {
  const builder = shellGlobBuilder(directory, false);
  if (directory !== '') builder.step(SLASH);
  builder.names();
  return builder.done('', '');
}

/** A policy glob (`*` and `**` match anything, `**\/` also zero directories) as an automaton. */
export function policyGlobAutomaton(pattern: string): Automaton {
  const builder = new Builder();
  let index = 0;
  while (index < pattern.length) {
    if (pattern.startsWith('**/', index) && (index === 0 || pattern[index - 1] === '/')) {
      builder.optionalDirectories();
      index += 3;
    } else if (pattern[index] === '*') {
      while (pattern[index] === '*') index += 1;
      builder.loop(anyChar(true));
    } else {
      builder.step(literalChar(pattern[index]!));
      index += 1;
    }
  }
  return builder.done(literalPrefix(pattern, POLICY_WILDCARDS), literalSuffix(pattern, POLICY_WILDCARDS));
}

/**
 * A pathname pattern's segments read as a path's: `./x`, `x//y` and `x/./y` name what `x`,
 * `x/y` and `x/y` name, and `x/../y` what `y` names. After a segment that may be no directory or
 * many (`**`), `..` is dropped: `**\/../y` stays any `y` below the workspace.
 */
export function normalizeGlobPath(pattern: string): string {
  if (!pattern.includes('/.') && !pattern.includes('//') && !pattern.startsWith('./')) return pattern;
  return resolveSegments(pattern, (segment) => segment.includes('**'));
}

/** One path both globs match, or undefined when they share none (`typed`: see shellGlobAutomaton). */
export function globWitness(shellPattern: string, policyPattern: string, caseInsensitive = false, typed = false): string | undefined {
  return automataWitness(shellAutomaton(shellPattern, caseInsensitive, typed), policyAutomaton(policyPattern, caseInsensitive));
}

/** A shell pattern's automaton (folded when case does not matter), built once per pattern. */
export function shellAutomaton(pattern: string, caseInsensitive: boolean, typed = false): Automaton {
  const folded = caseInsensitive ? pattern.toLowerCase() : pattern;
  return typed ? automatonOf(TYPED_SHELL_AUTOMATA, typedShellGlobAutomaton, folded) : automatonOf(SHELL_AUTOMATA, shellGlobAutomaton, folded);
}

function typedShellGlobAutomaton(pattern: string): Automaton {
  return shellGlobAutomaton(pattern, true);
}

/** A policy glob's automaton (folded when case does not matter), built once per glob. */
export function policyAutomaton(pattern: string, caseInsensitive: boolean): Automaton {
  return automatonOf(POLICY_AUTOMATA, policyGlobAutomaton, caseInsensitive ? pattern.toLowerCase() : pattern);
}

/** One path a shell pattern's automaton and a policy glob's both accept, or undefined. */
export function automataWitness(shell: Automaton, policy: Automaton): string | undefined {
  // Both automata are kept with their literal starts: most pairs end there, before any search.
  if (!startsAgree(shell.prefix, policy.prefix)) return undefined;
  return witnessOf(shell, policy);
}

// Every path both globs match starts with both literal prefixes, so one must start the other:
// most pairs differ there, and are settled without building the product.
const SHELL_WILDCARDS = '*?[\\';
const POLICY_WILDCARDS = '*';

// The literal end of a pattern, read back to its last wildcard. In a shell pattern a `]` may close
// a class and a `\\` escapes what follows: the end is read no further back than either.
const SHELL_TAIL_STOPS = '*?[]\\';

function literalSuffix(pattern: string, stops: string): string {
  for (let index = pattern.length - 1; index >= 0; index -= 1) if (stops.includes(pattern[index]!)) return pattern.slice(index + 1);
  return pattern;
}

// Every path both globs match ends with both literal ends, so one must end the other.
function suffixesAgree(left: string, right: string): boolean {
  for (let l = left.length - 1, r = right.length - 1; l >= 0 && r >= 0; l -= 1, r -= 1) if (left.charCodeAt(l) !== right.charCodeAt(r)) return false;
  return true;
}

function literalPrefix(pattern: string, wildcards: string): string {
  for (let index = 0; index < pattern.length; index += 1) if (wildcards.includes(pattern[index]!)) return pattern.slice(0, index);
  return pattern;
}

// Whether one text starts the other (neither is sliced).
function startsAgree(left: string, right: string): boolean {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) if (left.charCodeAt(index) !== right.charCodeAt(index)) return false;
  return true;
}

function prefixesAgree(shellPrefix: string, policyPrefix: string, caseInsensitive: boolean): boolean {
  const length = Math.min(shellPrefix.length, policyPrefix.length);
  const left = shellPrefix.slice(0, length);
  const right = policyPrefix.slice(0, length);
  return caseInsensitive ? left.toLowerCase() === right.toLowerCase() : left === right;
}

// Whether an automaton accepts a text: the set of states it can be in, character by character.
function acceptsText(automaton: Automaton, text: string): boolean {
  let states = closure(automaton, [0]);
  for (let index = 0; index < text.length && states.length > 0; index += 1) {
    const char = text[index]!;
    const next: number[] = [];
    for (const state of states) for (const move of automaton.moves[state]!) if (accepts(move.test, char) && !next.includes(move.to)) next.push(move.to);
    states = closure(automaton, next);
  }
  return states.includes(automaton.final);
}

function closure(automaton: Automaton, states: number[]): number[] {
  for (let index = 0; index < states.length; index += 1) for (const to of automaton.empty[states[index]!]!) if (!states.includes(to)) states.push(to);
  return states;
}

function witnessOf(left: Automaton, right: Automaton): string | undefined {
  // Every common string would end with both last characters: different ones rule it out at once.
  if (left.lastChar !== undefined && right.lastChar !== undefined && left.lastChar !== right.lastChar) return undefined;
  if (!suffixesAgree(left.suffix, right.suffix)) return undefined;
  // One string (`src/.ts`, the starless reading of most patterns): the policy glob settles it.
  if (left.literal !== undefined) return acceptsText(right, left.literal) ? left.literal : undefined;
  const width = right.moves.length;
  // A state is (shell state, policy state, at the start of a name), encoded as
  // (a * width + b) * 2 + fresh; bash matches a name's leading dot only with a literal dot, so a
  // wildcard may not consume it. The search is breadth-first over flat arrays (a state's parent
  // and the character that reached it), marked with this search's number so nothing is cleared.
  const search = SEARCH.begin(left.moves.length * width * 2);
  const start = 1;
  search.reach(start, -1, NO_CHAR);
  for (let head = 0; head < search.length && search.length < MAX_STATES; head += 1) {
    const state = search.queue[head]!;
    const fresh = state & 1;
    const pair = state >> 1;
    const a = Math.floor(pair / width);
    const b = pair % width;
    if (a === left.final && b === right.final) return search.spell(state);
    for (const to of left.empty[a]!) search.reach((to * width + b) * 2 + fresh, state, NO_CHAR);
    for (const to of right.empty[b]!) search.reach((a * width + to) * 2 + fresh, state, NO_CHAR);
    for (const x of left.moves[a]!) {
      const noDot = fresh === 1 && x.test.kind !== 'char' && !(x.test.kind === 'any' && x.test.dot);
      for (const y of right.moves[b]!) {
        const next = (x.to * width + y.to) * 2;
        // Reached already, at a name's start and inside one: no character can add to it.
        if (search.seen(next) && search.seen(next + 1)) continue;
        const code = commonCode(x.test, y.test, noDot);
        if (code !== NO_CHAR) search.reach(next + (code === SLASH_CODE ? 1 : 0), state, code);
      }
    }
  }
  return undefined;
}

const NO_CHAR = -1;

/** The search's state: reused between searches (one runs at a time), grown when a product is larger. */
class Search {
  queue = new Int32Array(MAX_STATES + 64);
  length = 0;
  private parents = new Int32Array(1024);
  private chars = new Int32Array(1024);
  private marks = new Uint32Array(1024);
  private mark = 0;

  begin(states: number): this {
    if (states > this.marks.length) {
      this.parents = new Int32Array(states);
      this.chars = new Int32Array(states);
      this.marks = new Uint32Array(states);
      this.mark = 0;
    }
    this.mark += 1;
    if (this.mark === 0xffffffff) {
      this.marks.fill(0);
      this.mark = 1;
    }
    this.length = 0;
    return this;
  }

  /** Records `state` as reached from `from` by `char` (a code unit, or NO_CHAR), once. */
  seen(state: number): boolean {
    return this.marks[state] === this.mark;
  }

  reach(state: number, from: number, char: number): void {
    if (this.marks[state] === this.mark) return;
    this.marks[state] = this.mark;
    this.parents[state] = from;
    this.chars[state] = char;
    // The loop stops at MAX_STATES; moves out of the last state may overrun it by a few.
    if (this.length < this.queue.length) this.queue[this.length++] = state;
  }

  spell(end: number): string {
    const codes: number[] = [];
    for (let at = end; at !== -1; at = this.parents[at]!) if (this.chars[at] !== NO_CHAR) codes.push(this.chars[at]!);
    return String.fromCharCode(...codes.reverse());
  }
}

const SEARCH = new Search();

// Automata are read-only once built, and the same ones recur: a pack's globs in every
// decision, and one shell pattern tried against each of them. Built once per pattern, each
// kind in its own map (keyed by the pattern itself, whose hash the string keeps).
const MAX_CACHED_AUTOMATA = 1024;
/** Patterns longer than this are built each time: kept, a few could hold megabytes. */
export const MAX_CACHED_PATTERN_LENGTH = 1024;
const SHELL_AUTOMATA = new Map<string, Automaton>();
const TYPED_SHELL_AUTOMATA = new Map<string, Automaton>();
const TREE_AUTOMATA = new Map<string, Automaton>();
const POLICY_AUTOMATA = new Map<string, Automaton>();

function automatonOf(cache: Map<string, Automaton>, build: (pattern: string) => Automaton, pattern: string): Automaton {
  let automaton = cache.get(pattern);
  if (automaton === undefined) {
    automaton = build(pattern);
    if (pattern.length > MAX_CACHED_PATTERN_LENGTH) return automaton;
    if (cache.size >= MAX_CACHED_AUTOMATA) cache.clear();
    cache.set(pattern, automaton);
  }
  return automaton;
}

const SLASH_CODE = 0x2f;
const DOT_CODE = 0x2e;
const PROBE_CODE = PROBES.charCodeAt(0);

// The code of a character both tests accept, or NO_CHAR: `common`, with a literal on either side
// settled by comparing codes (`noDot` never holds for a literal on the shell side).
function commonCode(x: CharTest, y: CharTest, noDot: boolean): number {
  if (x.kind === 'char') return acceptsCode(y, x.code) ? x.code : NO_CHAR;
  if (y.kind === 'char') return !(noDot && y.code === DOT_CODE) && acceptsCode(x, y.code) ? y.code : NO_CHAR;
  // Two wildcards: the first probe, `x`, which any wildcard takes.
  if (x.kind === 'any' && y.kind === 'any') return PROBE_CODE;
  const char = common(x, y, noDot);
  return char === undefined ? NO_CHAR : char.charCodeAt(0);
}

function acceptsCode(test: CharTest, code: number): boolean {
  if (test.kind === 'char') return test.code === code;
  if (test.kind === 'any') return test.slash || code !== SLASH_CODE;
  return accepts(test, String.fromCharCode(code));
}

// A character both tests accept (not a dot when `noDot`), tried from their own characters first.
function common(x: CharTest, y: CharTest, noDot: boolean): string | undefined {
  return pick(x, x, y, noDot) ?? pick(y, x, y, noDot) ?? pickFrom(PROBES, x, y, noDot);
}

function pick(source: CharTest, x: CharTest, y: CharTest, noDot: boolean): string | undefined {
  if (source.kind === 'char') return pickFrom(source.char, x, y, noDot);
  if (source.kind === 'set' && !source.negated) return pickFrom(source.chars, x, y, noDot);
  return undefined;
}

function pickFrom(chars: string, x: CharTest, y: CharTest, noDot: boolean): string | undefined {
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index]!;
    if (!(noDot && char === '.') && accepts(x, char) && accepts(y, char)) return char;
  }
  return undefined;
}

function accepts(test: CharTest, char: string): boolean {
  if (test.kind === 'char') return test.char === char;
  if (test.kind === 'any') return test.slash || char !== '/';
  if (char === '/' && !test.slash) return false;
  return test.chars.includes(char) !== test.negated;
}

// A bracket expression's `[:alpha:]`, `[=e=]` or `[.e.]` at `at`: where it ends, if it is one.
function bracketItemEnd(pattern: string, at: number): number {
  const kind = pattern[at + 1];
  if (pattern[at] !== '[' || (kind !== ':' && kind !== '=' && kind !== '.')) return -1;
  const close = pattern.indexOf(`${kind}]`, at + 2);
  return close < 0 ? -1 : close + 1;
}

function classEnd(pattern: string, open: number): number {
  let index = open + 1;
  if (pattern[index] === '!' || pattern[index] === '^') index += 1;
  if (pattern[index] === ']') index += 1;
  while (index < pattern.length && pattern[index] !== ']') {
    const item = bracketItemEnd(pattern, index);
    index = item < 0 ? index + 1 : item + 1;
  }
  return index < pattern.length ? index : -1;
}

// The characters of a POSIX class, as far as a path witness needs them (ASCII).
const POSIX_CLASSES: ReadonlyMap<string, string> = new Map([
  ['alpha', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'],
  ['upper', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  ['lower', 'abcdefghijklmnopqrstuvwxyz'],
  ['digit', '0123456789'],
  ['xdigit', '0123456789ABCDEFabcdef'],
  ['alnum', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'],
  ['word', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'],
  ['punct', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'],
  ['space', ' \t\n\r\f\v'],
  ['blank', ' \t'],
  ['cntrl', Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('') + '\x7f'],
  ['graph', Array.from({ length: 94 }, (_, code) => String.fromCharCode(code + 33)).join('')],
  ['print', Array.from({ length: 95 }, (_, code) => String.fromCharCode(code + 32)).join('')],
]);

function classTest(body: string): CharTest {
  let negated = false;
  let index = 0;
  if (body[0] === '!' || body[0] === '^') {
    negated = true;
    index = 1;
  }
  let chars = '';
  while (index < body.length) {
    const char = body[index]!;
    const item = bracketItemEnd(body, index);
    if (item >= 0) {
      // `[:name:]` is its class (an unknown name, nothing); `[=e=]` and `[.e.]` are `e`.
      const inner = body.slice(index + 2, item - 1);
      chars += body[index + 1] === ':' ? (POSIX_CLASSES.get(inner) ?? '') : inner;
      index = item + 1;
      continue;
    }
    if (body[index + 1] === '-' && index + 2 < body.length) {
      const from = char.charCodeAt(0);
      const to = body.charCodeAt(index + 2);
      for (let code = from; code <= to && chars.length < 256; code += 1) chars += String.fromCharCode(code);
      index += 3;
    } else {
      chars += char;
      index += 1;
    }
  }
  return charSet(chars, negated);
}

class Builder {
  private readonly moves: Automaton['moves'] = [[]];
  private readonly empty: Automaton['empty'] = [[]];
  private current = 0;

  private state(): number {
    this.moves.push([]);
    this.empty.push([]);
    return this.moves.length - 1;
  }

  step(test: CharTest): void {
    const next = this.state();
    this.moves[this.current]!.push({ test, to: next });
    this.current = next;
  }

  loop(test: CharTest): void {
    this.moves[this.current]!.push({ test, to: this.current });
  }

  // `[^/]+(?:/[^/]+)*`: one or more names, a name's first character may be a dot.
  names(): void {
    const name = this.state();
    const slash = this.state();
    this.moves[this.current]!.push({ test: NAME_CHARACTER, to: name });
    this.moves[name]!.push({ test: NAME_CHARACTER, to: name }, { test: SLASH, to: slash });
    this.moves[slash]!.push({ test: NAME_CHARACTER, to: name });
    this.current = name;
  }

  // `(?:.*/)?`: skip, or any run then a slash (`dot`: the run may start a name with a dot).
  optionalDirectories(dot = false): void {
    const from = this.current;
    const inner = this.state();
    const after = this.state();
    this.empty[from]!.push(after, inner);
    this.moves[inner]!.push({ test: dot ? ANYTHING : anyChar(true), to: inner }, { test: SLASH, to: after });
    this.current = after;
  }

  done(prefix: string, suffix: string): Automaton {
    const final = this.current;
    const into: CharTest[] = [];
    let emptyInto = final === 0;
    this.moves.forEach((moves) => {
      for (const move of moves) if (move.to === final) into.push(move.test);
    });
    for (const targets of this.empty) if (targets.includes(final)) emptyInto = true;
    const only = into.length === 1 && !emptyInto ? into[0]! : undefined;
    return { moves: this.moves, empty: this.empty, final, lastChar: only?.kind === 'char' ? only.char : undefined, prefix, suffix, literal: this.literal() };
  }

  // A chain of single characters, state to next state, and nothing else: its text.
  private literal(): string | undefined {
    let text = '';
    for (let state = 0; state < this.moves.length; state += 1) {
      const moves = this.moves[state]!;
      if (this.empty[state]!.length > 0 || moves.length > 1) return undefined;
      const move = moves[0];
      if (move === undefined) return state === this.current ? text : undefined;
      if (move.test.kind !== 'char' || move.to !== state + 1) return undefined;
      text += move.test.char;
    }
    return undefined;
  }
}
