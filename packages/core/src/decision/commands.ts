import type { CommandAnalyzer } from '../command/analyze.ts';
import { globWitness } from '../command/glob-witness.ts';
import { matchesInvocation as matchesInvocationForm, type StructuredPattern } from '../command/pattern.ts';
import { loadedCommandAnalyzer } from '../command/registry.ts';
import type { CommandAnalysis, Invocation } from '../command/types.ts';
import { CavraError } from '../errors.ts';
import type { CompiledPack, CompiledRule } from '../policy/compile.ts';
import { commandRulesOf, type CommandPattern, type CommandRules } from './command-rules.ts';
import { decideFileAccess, type PathResolver } from './files.ts';
import { decideGitOperation } from './git.ts';
import { defaultVerdict } from './match.ts';
import { permitsAction, strictest, strictestVerdict } from './precedence.ts';
import { APPROVER_GROUPS, type RuleMatch, type Severity, type Verdict } from './types.ts';

/** One rule pattern that matched part of a command. */
interface CommandHit {
  rule: CompiledRule;
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
  const candidates: Verdict[] = [];
  const base = { target: line, requested_operation: line };

  // The raw line and each pipeline, for rules that stop an action (upstream compatibility, `curl *|*sh*`).
  for (const subject of [line, ...analysis.pipelines]) {
    for (const hit of textHits(rules, subject, true)) hits.push(hit);
  }
  const perInvocation = analysis.invocations.map((invocation) => ({ invocation, hits: invocationHits(rules, invocation) }));
  for (const entry of perInvocation) hits.push(...entry.hits);
  // Pack order breaks ties between equally strict rules, as it does for files (stable sort).
  hits.sort((a, b) => rules.orderOf(a.rule) - rules.orderOf(b.rule));
  for (const hit of hits) if (!permitsAction(hit.decision)) candidates.push(hitVerdict(hit, line, pack));

  // Candidates in the order that breaks ties of equal decision and severity: rule hits, then
  // what the analyser could not see into, then the doors, then defaults, then allows.
  const defaults: Verdict[] = [];
  const allowing: Verdict[] = [];
  const runs = perInvocation.filter((entry) => entry.invocation.role === 'run');
  for (const entry of runs) {
    const decisive = strictest(entry.hits);
    if (decisive === undefined) defaults.push(defaultVerdict(pack.defaults.execute_command, line, line, `no command rule of \`${pack.id}\` matches \`${entry.invocation.text}\``));
    else if (permitsAction(decisive.decision)) allowing.push(hitVerdict(decisive, line, pack));
  }
  if (runs.length === 0 && analysis.opaque.length === 0) {
    defaults.push(defaultVerdict(pack.defaults.execute_command, line, line, `no command rule of \`${pack.id}\` matches \`${line}\``));
  }
  for (const finding of analysis.opaque) {
    candidates.push({
      ...base,
      rule_id: 'commands.opaque',
      decision: 'require_approval',
      severity: 'medium',
      approver_group: APPROVER_GROUPS.repositoryOwners,
      reason: `cannot see what \`${line}\` runs: ${finding.detail}`,
    });
  }
  const doors = doorVerdicts(pack, analysis, line, resolvePath);
  candidates.push(...doors, ...defaults, ...allowing);
  const winner = strictestVerdict(candidates) ?? defaultVerdict(pack.defaults.execute_command, line, line, `no command rule of \`${pack.id}\` matches \`${line}\``);
  const matches = dedupeMatches([
    ...hits.map((hit) => ({ rule_id: hit.rule.ruleId, decision: hit.decision, pattern: hit.pattern, subject: hit.subject })),
    ...analysis.opaque.map((finding) => ({ rule_id: 'commands.opaque', decision: 'require_approval' as const, subject: finding.detail })),
    ...doors.map((door) => ({ rule_id: door.rule_id, decision: door.decision, subject: door.target })),
  ]);
  return { ...winner, ...base, matches, analysis: explainAnalysis(analysis, perInvocation) };
}

// §3.3: an upstream `commands.block` hit is critical when the line mentions apply or delete.
function blockSeverity(line: string): Severity {
  return line.includes('apply') || line.includes('delete') ? 'critical' : 'high';
}

function textHits(rules: CommandRules, subject: string, stopOnly: boolean): CommandHit[] {
  const hits: CommandHit[] = [];
  // Candidates come in pack order, so a rule's first matching candidate is its first matching pattern.
  let settled: CompiledRule | undefined;
  for (const { rule, permissive, pattern } of rules.forText(subject)) {
    if ((stopOnly && permissive) || rule === settled || !pattern.regexp.test(subject)) continue;
    settled = rule;
    hits.push({ rule, pattern: pattern.text, subject, decision: rule.decision });
  }
  return hits;
}

// A rule matches an invocation through its canonical reading, or by its upstream glob on the
// invocation's text. Allow rules never match a workspace binary by basename, and only match
// wrappers never (a wrapper needs no allow of its own).
function invocationHits(rules: CommandRules, invocation: Invocation): CommandHit[] {
  const hits: CommandHit[] = [];
  let settled: CompiledRule | undefined;
  for (const candidate of rules.forInvocation(invocation)) {
    const { rule } = candidate;
    if (rule === settled || (candidate.permissive && invocation.role === 'wrapper')) continue;
    const subject = matchInvocation(candidate, invocation);
    if (subject === undefined) continue;
    settled = rule;
    hits.push({ rule, pattern: candidate.pattern.text, subject, decision: rule.decision });
  }
  return hits;
}

function matchInvocation({ pattern, shape, permissive }: CommandPattern, invocation: Invocation): string | undefined {
  if (permissive) {
    if (invocation.workspaceBinary || shape === null) return pattern.regexp.test(invocation.text) ? invocation.text : undefined;
    return shape.forms.length > 0 && matchesAny(shape, invocation, true) ? invocation.text : undefined;
  }
  if (pattern.regexp.test(invocation.text)) return invocation.text;
  const canonical = invocation.canonical.find((text) => pattern.regexp.test(text));
  if (canonical !== undefined) return canonical;
  return shape !== null && matchesAny(shape, invocation, false) ? invocation.canonical[0] ?? invocation.text : undefined;
}

function matchesAny(shape: StructuredPattern, invocation: Invocation, exact: boolean): boolean {
  return matchesInvocationForm(shape, invocation, exact) !== undefined;
}

function hitVerdict(hit: CommandHit, line: string, pack: CompiledPack): Verdict {
  const shown = hit.subject === line ? `command \`${line}\`` : `command \`${line}\` runs \`${hit.subject}\`, which`;
  return {
    rule_id: hit.rule.ruleId,
    decision: hit.decision,
    severity: hit.rule.severity ?? blockSeverity(hit.subject === line ? line : `${line} ${hit.subject}`),
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
    const paths = file.glob ? [{ path: file.path, narrow: true }, ...globWitnesses(pack, file.access, file.path)] : [{ path: file.path, narrow: true }];
    for (const { path, narrow } of paths) {
      const decided = decideFileAccess(pack, file.access, path, resolvePath);
      // A pattern that names the protected path even with every `*` empty targets it (`*.pem`,
      // `.[e]nv`); a broad one (`*`) only might: never allowed, but a reviewer decides.
      const verdict = narrow || decided.decision !== 'block' ? decided : { ...decided, decision: 'require_approval' as const, approver_group: decided.approver_group ?? APPROVER_GROUPS.repositoryOwners };
      const shown = path === file.path ? '' : ` (the pattern \`${file.path}\` can name it)`;
      if (!permitsAction(verdict.decision)) verdicts.push(asCommandVerdict(verdict, line, `\`${file.by}\` ${file.access === 'read' ? 'reads' : 'writes'} \`${verdict.target}\`${shown}: ${verdict.reason}`));
    }
  }
  for (const push of analysis.gitPushes) {
    const verdict = decideGitOperation(pack, push.operation, push.target, 'refspecs');
    if (!permitsAction(verdict.decision)) verdicts.push(asCommandVerdict(verdict, line, `\`git ${push.operation}${push.target ? ` ${push.target}` : ''}\`: ${verdict.reason}`));
  }
  return verdicts;
}

// A pathname pattern in a file word names whatever it matches on disk, which deciding cannot
// see: it is judged as every protected path it can match (one witness per stopping rule).
function globWitnesses(pack: CompiledPack, access: 'read' | 'write', pattern: string): Array<{ path: string; narrow: boolean }> {
  const witnesses: Array<{ path: string; narrow: boolean }> = [];
  const starless = pattern.replace(/(^|[^\\])\*+/g, '$1');
  for (const rule of pack.rules[access === 'read' ? 'read_file' : 'write_file']) {
    if (permitsAction(rule.decision)) continue;
    for (const each of rule.patterns) {
      const narrow = globWitness(starless, each.text, pack.caseInsensitivePaths);
      const witness = narrow ?? globWitness(pattern, each.text, pack.caseInsensitivePaths);
      if (witness !== undefined) witnesses.push({ path: witness, narrow: narrow !== undefined });
    }
  }
  return witnesses;
}

function asCommandVerdict(verdict: Verdict, line: string, reason: string): Verdict {
  const { action_type: _ignored, matches: _matches, ...rest } = verdict;
  return { ...rest, reason, target: line, requested_operation: line };
}

function dedupeMatches(matches: RuleMatch[]): RuleMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const key = `${match.rule_id}\u0000${match.subject ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function explainAnalysis(analysis: CommandAnalysis, perInvocation: ReadonlyArray<{ invocation: Invocation; hits: CommandHit[] }>): unknown {
  return {
    invocations: perInvocation.map(({ invocation, hits }) => ({
      text: invocation.text,
      program: invocation.program,
      role: invocation.role,
      canonical: invocation.canonical,
      ...(invocation.via.length > 0 ? { via: invocation.via } : {}),
      rules: hits.map((hit) => ({ rule_id: hit.rule.ruleId, decision: hit.decision, pattern: hit.pattern })),
    })),
    ...(analysis.pipelines.length > 0 ? { pipelines: analysis.pipelines } : {}),
    ...(analysis.opaque.length > 0 ? { opaque: analysis.opaque } : {}),
    ...(analysis.files.length > 0 ? { files: analysis.files } : {}),
    ...(analysis.gitPushes.length > 0 ? { git_pushes: analysis.gitPushes } : {}),
  };
}
