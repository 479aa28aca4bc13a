// Pattern semantics (cavra-reference §3.1): every character but `*` is literal (`?`, `[…]` and
// braces included), a run of `*` matches any run of characters including `/` and spaces but no
// line break (`\n`, `\r`, U+2028, U+2029, as JS `.` does), and the match is anchored at both
// ends. We keep that for compatibility and widen it where upstream is weak (§10.7): for file
// paths `**/` also matches zero directories, so `**/secrets.*` catches a root-level `secrets.yaml`.
//
// Matching never builds a RegExp: a RegExp of `*a*b*c` backtracks, so a hostile pattern or
// target stalls a hook for minutes (issue 17 item 7). A pattern is compiled to its literal
// segments between stars and matched greedily left to right, which is exact for stars that
// match anything but a line break and costs one pass over the target. Patterns with a line
// break inside a middle segment (where greed is not exact) run on a position-set automaton,
// still one pass over the target.

export interface GlobOptions {
  /** Let `**\/` match zero leading directories (file paths only). */
  globstarMatchesRoot?: boolean;
  /**
   * Ignore case by Unicode case folding of each code point, so the Kelvin sign matches `k` and
   * the long s matches `s`, as on case-insensitive file systems (wider than RegExp's `i`).
   */
  caseInsensitive?: boolean;
}

/** A compiled glob: `test` runs in time linear in the subject. */
export interface GlobMatcher {
  readonly pattern: string;
  test(subject: string): boolean;
  /** The code unit a matching subject must end with (after folding), when the pattern ends in a literal. */
  readonly lastCode?: number;
  readonly caseInsensitive?: boolean;
  /** The literal text between stars (folded when case-insensitive), for indexes that skip globs which cannot match. */
  readonly literals?: GlobLiterals;
}

/** A glob as its literal segments; `segments` has one more entry than `dirStars`. */
export interface GlobLiterals {
  readonly segments: readonly string[];
  /** Per star: a `**\/` whose next segment must start a path segment. */
  readonly dirStars: readonly boolean[];
}

/** A star in the compiled pattern; `dir` for `**\/` whose next segment must start a path segment. */
interface Star {
  dir: boolean;
}

interface Program {
  /** Literal segments; there is one more segment than stars. */
  segments: string[];
  stars: Star[];
  caseInsensitive: boolean;
  /** A middle segment holds a line break: greedy matching is not exact, use the automaton. */
  needsAutomaton: boolean;
}

/** Compiles one CAVRA glob to a linear-time matcher. */
export function compileGlob(pattern: string, options: GlobOptions = {}): GlobMatcher {
  const program = compileProgram(pattern, options);
  const last = program.segments[program.segments.length - 1]!;
  return {
    pattern,
    test: (subject) => runProgram(program, program.caseInsensitive ? foldedSubject(subject) : subject),
    ...(last === '' ? {} : { lastCode: last.charCodeAt(last.length - 1) }),
    caseInsensitive: program.caseInsensitive,
    literals: { segments: program.segments, dirStars: program.stars.map((star) => star.dir) },
  };
}

/**
 * Compiles one CAVRA glob to a RegExp-shaped object for callers that want one: its `source`
 * is the equivalent regular expression, and its `test` runs the linear matcher, never the
 * RegExp engine. Use `compileGlob` in new code.
 */
export function globToRegExp(pattern: string, options: GlobOptions = {}): RegExp {
  return new GlobRegExp(pattern, options);
}

class GlobRegExp extends RegExp {
  readonly #matcher: GlobMatcher;
  constructor(pattern: string, options: GlobOptions) {
    super(regExpSource(pattern, options), options.caseInsensitive ? 'i' : '');
    this.#matcher = compileGlob(pattern, options);
  }
  override test(subject: string): boolean {
    return this.#matcher.test(String(subject));
  }
}

/**
 * One matcher for several globs: true when any of them matches. Globs that end in a literal are
 * bucketed by its last code unit, so a subject is only tried against those that can match its end.
 */
export function anyGlob(matchers: readonly GlobMatcher[]): GlobMatcher {
  const always: GlobMatcher[] = [];
  const byLast = new Map<number, GlobMatcher[]>();
  let folded = false;
  for (const matcher of matchers) {
    if (matcher.caseInsensitive) folded = true;
    if (matcher.lastCode === undefined) always.push(matcher);
    else byLast.set(matcher.lastCode, [...(byLast.get(matcher.lastCode) ?? []), matcher]);
  }
  // Mixed case options cannot share one folded last character: try every glob then.
  const mixed = matchers.some((matcher) => (matcher.caseInsensitive === true) !== folded);
  return {
    pattern: matchers.map((matcher) => matcher.pattern).join('\n'),
    test: (subject) => {
      if (mixed) return matchers.some((matcher) => matcher.test(subject));
      for (const matcher of always) if (matcher.test(subject)) return true;
      const end = folded ? foldedSubject(subject) : subject;
      const bucket = byLast.get(end.charCodeAt(end.length - 1));
      if (bucket !== undefined) for (const matcher of bucket) if (matcher.test(subject)) return true;
      return false;
    },
  };
}

const REGEX_META = /[.*+?^${}()|[\]\\/-]/g;

// The RegExp our globs meant before the linear matcher; kept as `source` for explanations.
function regExpSource(pattern: string, options: GlobOptions): string {
  let source = '';
  let index = 0;
  while (index < pattern.length) {
    if (isDirStar(pattern, index, options)) {
      source += '(?:.*/)?';
      index += 3;
    } else if (pattern[index] === '*') {
      while (pattern[index] === '*') index += 1;
      source += '.*';
    } else {
      source += pattern[index]!.replace(REGEX_META, '\\$&');
      index += 1;
    }
  }
  return `^${source}$`;
}

function isDirStar(pattern: string, index: number, options: GlobOptions): boolean {
  return options.globstarMatchesRoot === true && pattern.startsWith('**/', index) && (index === 0 || pattern[index - 1] === '/');
}

function compileProgram(pattern: string, options: GlobOptions): Program {
  const segments: string[] = [];
  const stars: Star[] = [];
  let literal = '';
  let index = 0;
  // `(?:.*/)?` next to `.*`, either side, is `.*`; two `(?:.*/)?` in a row are one.
  const pushStar = (dir: boolean) => {
    if (literal === '' && stars.length > 0) {
      const previous = stars[stars.length - 1]!;
      previous.dir = previous.dir && dir;
      return;
    }
    segments.push(literal);
    stars.push({ dir });
    literal = '';
  };
  while (index < pattern.length) {
    if (isDirStar(pattern, index, options)) {
      pushStar(true);
      // `**/` is `(?:.*/)?`: the `/` belongs to the optional part, so the next segment starts a path segment.
      index += 3;
    } else if (pattern[index] === '*') {
      while (pattern[index] === '*') index += 1;
      pushStar(false);
    } else {
      literal += pattern[index];
      index += 1;
    }
  }
  segments.push(literal);
  const caseInsensitive = options.caseInsensitive === true;
  const folded = caseInsensitive ? segments.map(foldCase) : segments;
  const needsAutomaton = folded.slice(1, -1).some(hasLineBreak);
  return { segments: folded, stars, caseInsensitive, needsAutomaton };
}

function runProgram(program: Program, subject: string): boolean {
  const { segments, stars } = program;
  const first = segments[0]!;
  if (stars.length === 0) return subject === first;
  if (program.needsAutomaton) return runAutomaton(program, subject);
  if (!subject.startsWith(first)) return false;
  const last = segments[segments.length - 1]!;
  const end = subject.length - last.length;
  if (end < first.length || !subject.endsWith(last)) return false;
  let cursor = first.length;
  for (let index = 1; index < segments.length - 1; index += 1) {
    const found = findSegment(subject, segments[index]!, cursor, end, stars[index - 1]!.dir);
    if (found < 0) return false;
    cursor = found + segments[index]!.length;
  }
  return starSpanOk(subject, cursor, end, stars[stars.length - 1]!.dir);
}

// The leftmost place at or after `from` where `segment` fits before `limit` with a star span
// in front of it that the star may cover. Leftmost is exact: a later place leaves less room.
function findSegment(subject: string, segment: string, from: number, limit: number, dir: boolean): number {
  let at = from;
  for (;;) {
    at = segment === '' ? at : subject.indexOf(segment, at);
    if (at < 0 || at + segment.length > limit) return -1;
    if (!dir || at === 0 || subject.charCodeAt(at - 1) === SLASH) break;
    // A `**/` star: the segment must start a path segment; jump to just after the next `/`.
    const slash = subject.indexOf('/', at);
    if (slash < 0) return -1;
    at = slash + 1;
  }
  // The star covers [from, at); any later place would cover that span too. Spans are read for
  // line breaks only once their literals are found: most patterns fail before that.
  return lineBreakWithin(subject, from, at) ? -1 : at;
}

// The final star covers [from, to): no line break inside, and for `**/` it ends a path segment.
function starSpanOk(subject: string, from: number, to: number, dir: boolean): boolean {
  if (to < from || lineBreakWithin(subject, from, to)) return false;
  return !dir || to === 0 || subject.charCodeAt(to - 1) === SLASH;
}

// Position sets over pattern items, one step per subject character: exact for any pattern.
function runAutomaton(program: Program, subject: string): boolean {
  const items: Array<string | Star> = [];
  program.segments.forEach((segment, index) => {
    for (const char of segment) items.push(char);
    if (index < program.stars.length) items.push(program.stars[index]!);
  });
  let current = new Uint8Array(items.length + 1);
  let next = new Uint8Array(items.length + 1);
  const close = (states: Uint8Array, at: number) => {
    for (let state = 0; state < items.length; state += 1) {
      const item = items[state]!;
      if (states[state] && typeof item !== 'string' && (!item.dir || at === 0 || subject.charCodeAt(at - 1) === SLASH)) states[state + 1] = 1;
    }
  };
  current[0] = 1;
  close(current, 0);
  let at = 0;
  for (const char of subject) {
    next.fill(0);
    let alive = false;
    for (let state = 0; state < items.length; state += 1) {
      if (!current[state]) continue;
      const item = items[state]!;
      if (typeof item === 'string') {
        if (item === char) {
          next[state + 1] = 1;
          alive = true;
        }
      } else if (!isLineBreak(char.charCodeAt(0))) {
        next[state] = 1;
        alive = true;
      }
    }
    at += char.length;
    if (!alive) return false;
    close(next, at);
    [current, next] = [next, current];
  }
  return current[items.length] === 1;
}

const SLASH = 0x2f;

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

function hasLineBreak(text: string): boolean {
  return LINE_BREAK.test(text);
}

function lineBreakWithin(subject: string, from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) if (isLineBreak(subject.charCodeAt(index))) return true;
  return false;
}

// One decision tests the same subject against every pattern of a pack: fold it once.
let lastSubject = '';
let lastFolded = '';

function foldedSubject(subject: string): string {
  if (subject !== lastSubject) {
    lastFolded = foldCase(subject);
    lastSubject = subject;
  }
  return lastFolded;
}

const foldedCodePoints = new Map<number, string>();

/** Unicode case folding, one code point at a time (no context rules such as final sigma). */
export function foldCase(text: string): string {
  let ascii = true;
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.toLowerCase();
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code <= 0x7f) {
      out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : char;
      continue;
    }
    let folded = foldedCodePoints.get(code);
    if (folded === undefined) {
      folded = char.toUpperCase().toLowerCase();
      foldedCodePoints.set(code, folded);
    }
    out += folded;
  }
  return out;
}
