// Rules of one action type, indexed by what a subject must show for a pattern to match it: its
// whole text, its last path segment, its last characters, its first path segment, or a path
// segment anywhere. Deciding a path then tries the few patterns filed under its own keys (plus
// those no key describes) instead of every glob of the pack. The keys are necessary conditions
// only: every candidate still runs its matcher, so the index can skip work but never a match.
import { foldCase, type GlobLiterals, type GlobMatcher } from './glob.ts';

/** What the index reads of a rule (a compiled rule, see compile.ts). */
export interface IndexableRule {
  readonly patterns: ReadonlyArray<{ readonly matcher: GlobMatcher }>;
}

/** One pattern of one rule; `order` is its place in pack order (rules, then their patterns). */
export interface IndexedPattern<R extends IndexableRule> {
  readonly rule: R;
  readonly pattern: R['patterns'][number];
  readonly order: number;
}

/** The candidate patterns for a subject, in pack order. */
export interface RuleIndex<R extends IndexableRule> {
  candidates(subject: string): ReadonlyArray<IndexedPattern<R>>;
}

// Subjects are keyed by at most this many trailing characters (`.pem`, `.tf`, `yml`).
const SUFFIX_KEY = 4;

/** What a subject must show for a pattern to match it; each kind is its own table. */
type KeyKind = 'exact' | 'lastSegment' | 'suffix' | 'firstSegment' | 'anySegment';

/** Builds the index of a list of compiled rules (one action type of a pack). */
export function indexRules<R extends IndexableRule>(rules: readonly R[]): RuleIndex<R> {
  const all: Array<IndexedPattern<R>> = [];
  for (const rule of rules) for (const pattern of rule.patterns) all.push({ rule, pattern, order: all.length });
  const folded = all.some((entry) => entry.pattern.matcher.caseInsensitive === true);
  // Mixed case options cannot share folded keys: every pattern is a candidate then.
  if (all.some((entry) => (entry.pattern.matcher.caseInsensitive === true) !== folded)) return { candidates: () => all };
  const tables: Record<KeyKind, Map<string, Array<IndexedPattern<R>>>> = { exact: new Map(), lastSegment: new Map(), suffix: new Map(), firstSegment: new Map(), anySegment: new Map() };
  const unkeyed: Array<IndexedPattern<R>> = [];
  for (const entry of all) {
    const literals = entry.pattern.matcher.literals;
    const key = literals === undefined ? undefined : keyOf(literals);
    if (key === undefined) unkeyed.push(entry);
    else {
      const bucket = tables[key.kind].get(key.value);
      if (bucket) bucket.push(entry);
      else tables[key.kind].set(key.value, [entry]);
    }
  }
  if (unkeyed.length === all.length) return { candidates: () => all };
  return { candidates: (subject) => lookUp(tables, unkeyed, folded ? foldCase(subject) : subject) };
}

// The one key a pattern is filed under, or undefined when none describes it.
function keyOf({ segments, dirStars }: GlobLiterals): { kind: KeyKind; value: string } | undefined {
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (dirStars.length === 0) return { kind: 'exact', value: first };
  if (last !== '') {
    // After a `/` in it, or after a `**/`, the final literal is the whole last path segment.
    const slash = last.lastIndexOf('/');
    if (slash >= 0) return { kind: 'lastSegment', value: last.slice(slash + 1) };
    if (dirStars[dirStars.length - 1]) return { kind: 'lastSegment', value: last };
    return { kind: 'suffix', value: last.slice(-SUFFIX_KEY) };
  }
  const firstSlash = first.indexOf('/');
  if (firstSlash >= 0) return { kind: 'firstSegment', value: first.slice(0, firstSlash) };
  // `**/dir/…`: the literal after a leading `**/` starts a path segment; up to its `/`, it is one.
  const second = segments[1];
  if (first === '' && dirStars[0] && second !== undefined && segments.length > 2) {
    const slash = second.indexOf('/');
    if (slash > 0) return { kind: 'anySegment', value: second.slice(0, slash) };
  }
  return undefined;
}

// The unkeyed patterns plus those filed under any key of `subject`, in pack order.
function lookUp<R extends IndexableRule>(tables: Readonly<Record<KeyKind, ReadonlyMap<string, Array<IndexedPattern<R>>>>>, unkeyed: ReadonlyArray<IndexedPattern<R>>, subject: string): ReadonlyArray<IndexedPattern<R>> {
  let found = gather(undefined, unkeyed, tables.exact.get(subject));
  for (let length = 1; length <= SUFFIX_KEY && length <= subject.length && tables.suffix.size > 0; length += 1) found = gather(found, unkeyed, tables.suffix.get(subject.slice(-length)));
  let start = 0;
  for (;;) {
    const end = subject.indexOf('/', start);
    const segment = end < 0 ? subject.slice(start) : subject.slice(start, end);
    if (start === 0) found = gather(found, unkeyed, tables.firstSegment.get(segment));
    found = gather(found, unkeyed, tables.anySegment.get(segment));
    if (end < 0) {
      found = gather(found, unkeyed, tables.lastSegment.get(segment));
      break;
    }
    start = end + 1;
  }
  if (found === undefined) return unkeyed;
  found.sort((a, b) => a.order - b.order);
  // A subject names the same segment twice (`a/x/a`): drop the repeated entries.
  let kept = 0;
  for (const entry of found) if (kept === 0 || found[kept - 1] !== entry) found[kept++] = entry;
  found.length = kept;
  return found;
}

function gather<R extends IndexableRule>(found: Array<IndexedPattern<R>> | undefined, unkeyed: ReadonlyArray<IndexedPattern<R>>, bucket: ReadonlyArray<IndexedPattern<R>> | undefined): Array<IndexedPattern<R>> | undefined {
  if (bucket === undefined) return found;
  const into = found ?? unkeyed.slice();
  for (const entry of bucket) into.push(entry);
  return into;
}
