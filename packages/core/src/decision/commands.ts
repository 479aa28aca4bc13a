import type { CommandAnalyzer } from '../command/analyze.ts';
import { automataWitness, judgesTrees, MAX_CACHED_PATTERN_LENGTH, normalizeGlobPath, policyAutomaton, shellAutomaton, treeDirectory, treeInside, treeWitness, type Automaton } from '../command/glob-witness.ts';
import { escapeGlob } from '../command/word.ts';
import { matchesInvocation as matchesInvocationForm, type StructuredPattern } from '../command/pattern.ts';
import { loadedCommandAnalyzer } from '../command/registry.ts';
import type { CommandAnalysis, FileAccessFinding, Invocation } from '../command/types.ts';
import { CavraError } from '../errors.ts';
import type { CompiledPack, CompiledRule } from '../policy/compile.ts';
import { commandRulesOf, type CommandPattern, type CommandRules } from './command-rules.ts';
import { stoppingFileAccess, type PathResolver } from './files.ts';
import { decideGitOperation } from './git.ts';
import { defaultVerdict } from './match.ts';
import { outranks, permitsAction, strictest } from './precedence.ts';
import { APPROVER_GROUPS, type RuleMatch, type Severity, type Verdict } from './types.ts';

/** One rule pattern that matched part of a command. */
interface CommandHit {
  rule: CompiledRule;
  /** The rule's place in pack order. */
  ruleOrder: number;
  pattern: string;
  subject: string;
  decision: CompiledRule['decision'];
}

/**
 * Decides a command line from what it really runs (cavra-reference §3.3, hardened): block if
 * the line or any invocation matches a block rule; allow only if every invocation is allowed;
 * otherwise the pack default. What the analyser cannot see into is never allowed
 * (`commands.opaque`), and the files and git pushes a command performs are judged as those
 * actions too; the strictest outcome wins. Without a loaded analyser this fails closed.
 */
export function decideCommand(pack: CompiledPack, rawLine: string, analyzer: CommandAnalyzer | undefined = loadedCommandAnalyzer(), resolvePath?: PathResolver): Verdict {
  const line = rawLine.trim();
  if (analyzer === undefined) {
    throw new CavraError('ERR_COMMAND_PARSER_UNAVAILABLE', 'the command analyser is not loaded', { hint: 'await `loadCommandAnalyzer()` before deciding commands' });
  }
  const analysis = analyzer.analyze(line);
  const rules = commandRulesOf(pack);
  const hits: CommandHit[] = [];
  const base = { target: line, requested_operation: line };

  // The raw line and each pipeline, for rules that stop an action (upstream compatibility, `curl *|*sh*`).
  addTextHits(hits, rules, line);
  for (const pipeline of analysis.pipelines) addTextHits(hits, rules, pipeline);
  const perInvocation = analysis.invocations.map((invocation) => invocationHits(rules, invocation));
  for (const each of perInvocation) for (const hit of each) hits.push(hit);
  // Pack order breaks ties between equally strict rules, as it does for files (stable sort).
  sortByRuleOrder(hits);

  // Candidates in the order that breaks ties of equal decision and severity: rule hits, then
  // what the analyser could not see into, then the doors, then defaults, then allows. Only a
  // candidate that beats the best so far is built (its reason is text worth not making).
  let winner: Verdict | undefined;
  for (const hit of hits) if (!permitsAction(hit.decision) && beats(hit.decision, hitSeverity(hit, line), winner)) winner = hitVerdict(hit, line, pack);
  for (const finding of analysis.opaque) {
    if (!beats('require_approval', 'medium', winner)) continue;
    winner = {
      ...base,
      rule_id: 'commands.opaque',
      decision: 'require_approval',
      severity: 'medium',
      approver_group: APPROVER_GROUPS.repositoryOwners,
      reason: `cannot see what \`${line}\` runs: ${finding.detail}`,
    };
  }
  const doors = doorVerdicts(pack, analysis, line, resolvePath);
  for (const door of doors) if (beats(door.decision, door.severity, winner)) winner = door;
  const fallback = pack.defaults.execute_command;
  let runs = 0;
  for (let index = 0; index < analysis.invocations.length; index += 1) {
    const invocation = analysis.invocations[index]!;
    if (invocation.role !== 'run') continue;
    runs += 1;
    if (perInvocation[index]!.length === 0 && beats(fallback.decision, fallback.severity, winner)) {
      winner = defaultVerdict(fallback, line, line, `no command rule of \`${pack.id}\` matches \`${invocation.text}\``);
    }
  }
  if (runs === 0 && analysis.opaque.length === 0 && beats(fallback.decision, fallback.severity, winner)) {
    winner = defaultVerdict(fallback, line, line, `no command rule of \`${pack.id}\` matches \`${line}\``);
  }
  for (let index = 0; index < analysis.invocations.length; index += 1) {
    if (analysis.invocations[index]!.role !== 'run') continue;
    const decisive = strictest(perInvocation[index]!);
    if (decisive !== undefined && permitsAction(decisive.decision) && beats(decisive.decision, hitSeverity(decisive, line), winner)) winner = hitVerdict(decisive, line, pack);
  }
  winner ??= defaultVerdict(fallback, line, line, `no command rule of \`${pack.id}\` matches \`${line}\``);
  // Every candidate above was built for this decision alone: the winner is completed in place.
  const matches = matchesOf(hits, analysis, doors);
  winner.target = line;
  winner.requested_operation = line;
  winner.matches = matches;
  winner.analysis = explainAnalysis(analysis, perInvocation);
  return winner;
}

// A stable insertion sort: hits are few and mostly in order already, where Array#sort with a
// comparator costs more than the comparisons.
function sortByRuleOrder(hits: CommandHit[]): void {
  for (let i = 1; i < hits.length; i += 1) {
    const hit = hits[i]!;
    let j = i - 1;
    while (j >= 0 && hits[j]!.ruleOrder > hit.ruleOrder) {
      hits[j + 1] = hits[j]!;
      j -= 1;
    }
    hits[j + 1] = hit;
  }
}

// Whether a candidate of this decision and severity would win over `best` (a tie keeps `best`).
function beats(decision: Verdict['decision'], severity: Severity, best: Verdict | undefined): boolean {
  return best === undefined || outranks({ decision, severity }, best);
}

// §3.3: an upstream `commands.block` hit is critical when the line mentions apply or delete.
function mentionsApplyOrDelete(text: string): boolean {
  return text.includes('apply') || text.includes('delete');
}

// Hits of rules that stop an action on a text, added to `hits`.
function addTextHits(hits: CommandHit[], rules: CommandRules, subject: string): void {
  // Candidates come in pack order, so a rule's first matching candidate is its first matching pattern.
  let settled: CompiledRule | undefined;
  for (const { rule, ruleOrder, pattern } of rules.stoppingForText(subject)) {
    if (rule === settled) continue;
    if (!pattern.matcher.test(subject)) continue;
    settled = rule;
    hits.push({ rule, ruleOrder, pattern: pattern.text, subject, decision: rule.decision });
  }
}

// A rule matches an invocation through its canonical reading, or by its upstream glob on the
// invocation's text. Allow rules never match a workspace binary by basename, and never match
// a wrapper or what a package runner starts (the runner's own invocation needs the allow).
function invocationHits(rules: CommandRules, invocation: Invocation): CommandHit[] {
  const hits: CommandHit[] = [];
  let settled: CompiledRule | undefined;
  for (const candidate of rules.forInvocation(invocation)) {
    const { rule } = candidate;
    if (rule === settled || (candidate.permissive && invocation.role !== 'run')) continue;
    const subject = matchInvocation(candidate, invocation);
    if (subject === undefined) continue;
    settled = rule;
    hits.push({ rule, ruleOrder: candidate.ruleOrder, pattern: candidate.pattern.text, subject, decision: rule.decision });
  }
  return hits;
}

/** What of an invocation a pattern matches (its text, a canonical text or a form's rendering), if it does. */
export function matchInvocation({ pattern, shape, permissive }: CommandPattern, invocation: Invocation): string | undefined {
  if (permissive) {
    if (invocation.workspaceBinary || shape === null) return pattern.matcher.test(invocation.text) ? invocation.text : undefined;
    return shape.forms.length > 0 && matchesAny(shape, invocation, true) ? invocation.text : undefined;
  }
  if (pattern.matcher.test(invocation.text)) return invocation.text;
  for (const canonical of invocation.canonical) if (canonical !== invocation.text && pattern.matcher.test(canonical)) return canonical;
  return shape !== null && matchesAny(shape, invocation, false) ? invocation.canonical[0] ?? invocation.text : undefined;
}

function matchesAny(shape: StructuredPattern, invocation: Invocation, exact: boolean): boolean {
  return matchesInvocationForm(shape, invocation, exact) !== undefined;
}

// The line and what matched are read as one text: `apply` and `delete` hold no space, so they
// are in `line subject` exactly when they are in one of the two.
function hitSeverity(hit: CommandHit, line: string): Severity {
  return hit.rule.severity ?? (mentionsApplyOrDelete(line) || mentionsApplyOrDelete(hit.subject) ? 'critical' : 'high');
}

function hitVerdict(hit: CommandHit, line: string, pack: CompiledPack): Verdict {
  const shown = hit.subject === line ? `command \`${line}\`` : `command \`${line}\` runs \`${hit.subject}\`, which`;
  return {
    rule_id: hit.rule.ruleId,
    decision: hit.decision,
    severity: hitSeverity(hit, line),
    reason: hit.rule.message ?? `${shown} matches \`${hit.pattern}\` in ${hit.rule.origin} of \`${pack.id}\` (${hit.decision})`,
    approver_group: hit.rule.approverGroup,
    target: line,
    requested_operation: line,
    ...(hit.rule.compliance ? { compliance: hit.rule.compliance } : {}),
  };
}

// Equivalent doors: a read, write or push done through the shell is judged as that action.
function doorVerdicts(pack: CompiledPack, analysis: CommandAnalysis, line: string, resolvePath: PathResolver | undefined): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const file of analysis.files) {
    for (const { path, narrow } of pathsToJudge(pack, file)) {
      const decided = stoppingFileAccess(pack, file.access, path, resolvePath);
      if (decided === undefined) continue;
      // A pattern that names the protected path even with every `*` empty targets it (`*.pem`,
      // `.[e]nv`); a broad one (`*`) only might: never allowed, but a reviewer decides.
      const verdict = narrow || decided.decision !== 'block' ? decided : { ...decided, decision: 'require_approval' as const, approver_group: decided.approver_group ?? APPROVER_GROUPS.repositoryOwners };
      const shown = file.tree ? ` (what it puts into \`${file.path}\` can land there)` : path === file.path ? '' : ` (the pattern \`${file.path}\` can name it)`;
      verdicts.push(asCommandVerdict(verdict, line, `\`${file.by}\` ${file.access === 'read' ? 'reads' : 'writes'} \`${verdict.target}\`${shown}: ${verdict.reason}`));
    }
  }
  for (const push of analysis.gitPushes) {
    const verdict = decideGitOperation(pack, push.operation, push.target, 'refspecs');
    if (!permitsAction(verdict.decision)) verdicts.push(asCommandVerdict(verdict, line, `\`git ${push.operation}${push.target ? ` ${push.target}` : ''}\`: ${verdict.reason}`));
  }
  return verdicts;
}

// A path a file finding is judged as, and whether the finding surely names it.
interface Witness {
  path: string;
  narrow: boolean;
}

// The paths a file finding is judged as: itself, or the protected paths a pattern or a tree can name.
// Patterns are read as paths first (`./.github/workflow?/ci.yml`, `src/../.github`), as a literal path is.
function pathsToJudge(pack: CompiledPack, file: FileAccessFinding): readonly Witness[] {
  if (file.tree) return treeWitnesses(pack, file.access, normalizeGlobPath(file.glob ? file.path : escapeGlob(file.path)));
  if (file.glob) return [{ path: file.path, narrow: true }, ...globWitnesses(pack, file.access, normalizeGlobPath(file.path), file.typed === true)];
  return [{ path: file.path, narrow: true }];
}

// A pathname pattern in a file word names whatever it matches on disk, which deciding cannot
// see: it is judged as every protected path it can match (one witness per stopping rule).
function globWitnesses(pack: CompiledPack, access: 'read' | 'write', pattern: string, typed: boolean): readonly Witness[] {
  const globs = stoppingGlobsOf(pack)[access];
  return remembered(typed ? globs.byTypedPattern : globs.byPattern, pattern, () => {
    const witnesses: Witness[] = [];
    // With every `*` empty, a leading `**/` is gone too (`$D/x`: D may be `.`).
    const starless = pattern.replace(/(^|\/)\*\*+\//g, '$1').replace(/(^|[^\\])\*+/g, '$1');
    const narrowShell = shellAutomaton(starless, pack.caseInsensitivePaths);
    const broadShell = shellAutomaton(pattern, pack.caseInsensitivePaths, typed);
    for (const policy of globs.automata) {
      const narrow = automataWitness(narrowShell, policy);
      const witness = narrow ?? automataWitness(broadShell, policy);
      if (witness !== undefined) witnesses.push({ path: witness, narrow: narrow !== undefined });
    }
    return witnesses;
  });
}

// A pack's stopping file globs, in pack order, read once per pack: as automata, which a
// pattern operand is matched against, and as the texts a tree can reach. The witnesses found
// for a pattern or a directory are kept with them: the same few recur in most decisions (`**`
// for every operand nothing of which is known), and each search tries every stopping glob.
interface StoppingGlobs {
  automata: Automaton[];
  treePatterns: string[];
  byPattern: Map<string, readonly Witness[]>;
  byTypedPattern: Map<string, readonly Witness[]>;
  byDirectory: Map<string, readonly Witness[]>;
}

const STOPPING_GLOBS = new WeakMap<CompiledPack, Record<'read' | 'write', StoppingGlobs>>();

function stoppingGlobsOf(pack: CompiledPack): Record<'read' | 'write', StoppingGlobs> {
  let globs = STOPPING_GLOBS.get(pack);
  if (globs === undefined) {
    const of = (rules: readonly CompiledRule[]): StoppingGlobs => {
      const texts = rules.filter((rule) => !permitsAction(rule.decision)).flatMap((rule) => rule.patterns.map((each) => each.text));
      return { automata: texts.map((text) => policyAutomaton(text, pack.caseInsensitivePaths)), treePatterns: texts.filter(judgesTrees), byPattern: new Map(), byTypedPattern: new Map(), byDirectory: new Map() };
    };
    globs = { read: of(pack.rules.read_file), write: of(pack.rules.write_file) };
    STOPPING_GLOBS.set(pack, globs);
  }
  return globs;
}

// Bounded as the automata are (glob-witness.ts): lines can bring any number of new patterns, of
// any length up to the request's cap.
const MAX_REMEMBERED_WITNESSES = 512;

function remembered(cache: Map<string, readonly Witness[]>, key: string, find: () => Witness[]): readonly Witness[] {
  let witnesses = cache.get(key);
  if (witnesses === undefined) {
    witnesses = Object.freeze(find().map((witness) => Object.freeze(witness)));
    if (key.length > MAX_CACHED_PATTERN_LENGTH) return witnesses;
    if (cache.size >= MAX_REMEMBERED_WITNESSES) cache.clear();
    cache.set(key, witnesses);
  }
  return witnesses;
}

// A directory filled with names the line does not show: judged as every protected path below it
// (one witness per stopping pattern); narrowly only when the directory lies inside a protected
// place (`tar -x -C .github/workflows`), else only the files on disk could tell.
function treeWitnesses(pack: CompiledPack, access: 'read' | 'write', directory: string): readonly Witness[] {
  const globs = stoppingGlobsOf(pack)[access];
  return remembered(globs.byDirectory, directory, () => {
    const witnesses: Witness[] = [];
    const tree = treeDirectory(directory, pack.caseInsensitivePaths);
    for (const pattern of globs.treePatterns) {
      const witness = treeWitness(tree, pattern);
      if (witness !== undefined) witnesses.push({ path: witness, narrow: treeInside(tree, pattern) });
    }
    return witnesses;
  });
}

// A door's verdict as the command's: its own action type and matches are the file's or the push's.
function asCommandVerdict(verdict: Verdict, line: string, reason: string): Verdict {
  const shown: Verdict = { rule_id: verdict.rule_id, decision: verdict.decision, severity: verdict.severity, reason, approver_group: verdict.approver_group, target: line, requested_operation: line };
  if (verdict.compliance !== undefined) shown.compliance = verdict.compliance;
  if (verdict.analysis !== undefined) shown.analysis = verdict.analysis;
  return shown;
}

// Every rule hit, opaque finding and door, each rule and subject once.
function matchesOf(hits: readonly CommandHit[], analysis: CommandAnalysis, doors: readonly Verdict[]): RuleMatch[] {
  const matches: RuleMatch[] = [];
  // A handful of matches: a scan is cheaper than building and hashing a key for each.
  const add = (match: RuleMatch) => {
    for (const kept of matches) if (kept.rule_id === match.rule_id && (kept.subject ?? '') === (match.subject ?? '')) return;
    matches.push(match);
  };
  for (const hit of hits) add({ rule_id: hit.rule.ruleId, decision: hit.decision, pattern: hit.pattern, subject: hit.subject });
  for (const finding of analysis.opaque) add({ rule_id: 'commands.opaque', decision: 'require_approval', subject: finding.detail });
  for (const door of doors) add({ rule_id: door.rule_id, decision: door.decision, subject: door.target });
  return matches;
}

// How a glob was written is how it was judged, not part of the finding the record shows.
function shownFile(file: FileAccessFinding): FileAccessFinding {
  if (file.typed === undefined) return file;
  const { typed: _typed, ...shown } = file;
  return shown;
}

// Fields are set in a fixed order (the record is canonicalised as written), empty ones left out.
function explainAnalysis(analysis: CommandAnalysis, perInvocation: ReadonlyArray<readonly CommandHit[]>): unknown {
  const invocations = analysis.invocations.map((invocation, index) => {
    const shown: Record<string, unknown> = { text: invocation.text, program: invocation.program, role: invocation.role, canonical: invocation.canonical };
    if (invocation.via.length > 0) shown.via = invocation.via;
    shown.rules = perInvocation[index]!.map((hit) => ({ rule_id: hit.rule.ruleId, decision: hit.decision, pattern: hit.pattern }));
    return shown;
  });
  const explained: Record<string, unknown> = { invocations };
  if (analysis.pipelines.length > 0) explained.pipelines = analysis.pipelines;
  if (analysis.opaque.length > 0) explained.opaque = analysis.opaque;
  if (analysis.files.length > 0) explained.files = analysis.files.map(shownFile);
  if (analysis.gitPushes.length > 0) explained.git_pushes = analysis.gitPushes;
  return explained;
}
