import { APPROVER_GROUPS, type ActionType, type DecisionValue, type Severity } from '../decision/types.ts';
import { globToRegExp } from './glob.ts';
import type { PackDefault, PackDocument, PackRule } from './pack.ts';

/** Rules are kept per action type that they judge. */
export type RuleSubject = 'read_file' | 'write_file' | 'execute_command' | 'git_operation' | 'mcp_tool_call';

export interface CompiledPattern {
  text: string;
  regexp: RegExp;
}

/** One rule ready to match: upstream list entries and extended rules end up alike. */
export interface CompiledRule {
  ruleId: string;
  subject: RuleSubject;
  decision: DecisionValue;
  /** Undefined for upstream `commands.block`, whose severity depends on the command line (§3.3). */
  severity: Severity | undefined;
  approverGroup: string | null;
  message: string | undefined;
  compliance: string[] | undefined;
  patterns: CompiledPattern[];
  /** One alternation of every pattern, so a miss (the common case) costs one RegExp test. */
  anyPattern: RegExp;
  /** Where the rule was written, e.g. `filesystem.block_read` or `rules[2]`. */
  origin: string;
}

/** The outcome when no rule matches. */
export interface CompiledDefault {
  ruleId: string;
  decision: DecisionValue;
  severity: Severity;
  approverGroup: string | null;
  message: string | undefined;
  compliance: string[] | undefined;
}

/** A pack compiled once, to decide many requests. */
export interface CompiledPack {
  id: string;
  title: string;
  version: string;
  /** sha256 of the canonical merged pack, set by the loader; empty when unknown. */
  digest: string;
  document: PackDocument;
  rules: Readonly<Record<RuleSubject, readonly CompiledRule[]>>;
  defaults: Readonly<Record<Exclude<ActionType, 'release_governance_record'>, CompiledDefault>>;
  git: { protectedBranches: readonly string[]; protectedPatterns: readonly RegExp[]; allowForcePush: boolean };
  mcp: { blockUnknownServers: boolean; allowedServers: ReadonlySet<string>; blockedServers: ReadonlySet<string> };
  caseInsensitivePaths: boolean;
}

type PatternCompiler = (pattern: string, subject: RuleSubject) => CompiledPattern;

const BUILTIN_DEFAULTS: CompiledPack['defaults'] = {
  read_file: outcome('filesystem.read.allow', 'allow', 'low'),
  write_file: outcome('filesystem.write.allow', 'allow', 'low'),
  execute_command: outcome('commands.default.require_approval', 'require_approval', 'medium', APPROVER_GROUPS.repositoryOwners),
  git_operation: outcome('git.allow', 'allow', 'low'),
  mcp_tool_call: outcome('mcp.server.trust.allow', 'allow', 'low'),
};

const DEFAULT_PROTECTED_BRANCHES = ['main', 'master'];

/** Compiles a resolved pack document. */
export function compilePack(document: PackDocument, digest = ''): CompiledPack {
  const compilePattern = patternCompilerFor(document);
  const rules: Record<RuleSubject, CompiledRule[]> = {
    read_file: [],
    write_file: [],
    execute_command: [],
    git_operation: [],
    mcp_tool_call: [],
  };
  const add = (subject: RuleSubject, origin: string, patterns: readonly string[] | undefined, rule: Omit<CompiledRule, 'subject' | 'origin' | 'patterns' | 'anyPattern'>) => {
    if (!patterns || patterns.length === 0) return;
    const compiled = patterns.map((pattern) => compilePattern(pattern, subject));
    rules[subject].push({ ...rule, subject, origin, patterns: compiled, anyPattern: alternation(compiled) });
  };
  const packCompliance = document.compliance?.maps_to;
  const fs = document.filesystem ?? {};
  add('read_file', 'filesystem.block_read', fs.block_read, upstreamRule('filesystem.read.block', 'block', 'high', null, packCompliance));
  add('write_file', 'filesystem.block_write', fs.block_write, upstreamRule('filesystem.write.block', 'block', 'high', null, packCompliance));
  add('write_file', 'filesystem.require_approval_write', fs.require_approval_write, upstreamRule('filesystem.write.require_approval', 'require_approval', 'high', APPROVER_GROUPS.platformSecurity, packCompliance));
  const commands = document.commands ?? {};
  add('execute_command', 'commands.block', commands.block, upstreamRule('commands.block', 'block', undefined, null, packCompliance));
  add('execute_command', 'commands.require_approval', commands.require_approval, upstreamRule('commands.require_approval', 'require_approval', 'medium', APPROVER_GROUPS.repositoryOwners, packCompliance));
  add('execute_command', 'commands.allow', commands.allow, upstreamRule('commands.allow', 'allow', 'low', null, packCompliance));

  (document.rules ?? []).forEach((rule, index) => {
    for (const subject of subjectsOf(rule)) {
      add(subject, `rules[${index}]`, rule.match, {
        ruleId: rule.id,
        decision: rule.decision,
        severity: rule.severity ?? defaultSeverity(rule.decision),
        approverGroup: rule.approver_group ?? (rule.decision === 'require_approval' ? APPROVER_GROUPS.repositoryOwners : null),
        message: rule.message,
        compliance: rule.compliance ?? packCompliance,
      });
    }
  });

  const defaults = { ...BUILTIN_DEFAULTS };
  for (const [type, value] of Object.entries(document.defaults ?? {}) as Array<[keyof typeof defaults, PackDefault]>) {
    if (!(type in defaults)) continue;
    defaults[type] = {
      ruleId: value.rule_id ?? `${type}.default.${value.decision}`,
      decision: value.decision,
      severity: value.severity ?? defaultSeverity(value.decision),
      approverGroup: value.approver_group ?? (value.decision === 'require_approval' ? APPROVER_GROUPS.repositoryOwners : null),
      message: value.message,
      compliance: value.compliance ?? packCompliance,
    };
  }

  const git = document.git ?? {};
  const mcp = document.mcp ?? {};
  const protectedBranches = [...new Set([...DEFAULT_PROTECTED_BRANCHES, ...(git.block_push_branches ?? []), ...(git.protected_branches ?? [])])];
  return {
    id: document.metadata.id,
    title: document.metadata.title,
    version: String(document.metadata.version),
    digest,
    document,
    rules,
    defaults,
    git: {
      protectedBranches,
      // Branch names compare ignoring case: `Main` and `main` are one branch on a case-insensitive checkout.
      protectedPatterns: protectedBranches.map((branch) => globToRegExp(branch, { caseInsensitive: true })),
      allowForcePush: git.allow_force_push === true,
    },
    mcp: {
      // §3.5: an absent `block_unknown_servers` means true.
      blockUnknownServers: mcp.block_unknown_servers !== false,
      allowedServers: new Set(mcp.allowed_servers ?? []),
      blockedServers: new Set(mcp.blocked_servers ?? []),
    },
    caseInsensitivePaths: fs.case_insensitive === true,
  };
}

// Path patterns get the widened `**/` semantics; everything else keeps upstream's.
function patternCompilerFor(document: PackDocument): PatternCompiler {
  const caseInsensitive = document.filesystem?.case_insensitive === true;
  return (pattern, subject) => {
    const isPath = subject === 'read_file' || subject === 'write_file';
    return {
      text: pattern,
      regexp: globToRegExp(pattern, isPath ? { globstarMatchesRoot: true, caseInsensitive } : {}),
    };
  };
}

// INVARIANT: a miss of `anyPattern` means no pattern matches. Patterns with mixed flags cannot be
// joined, so then `anyPattern` matches everything and the per-pattern loop decides.
function alternation(patterns: readonly CompiledPattern[]): RegExp {
  const flags = patterns[0]!.regexp.flags;
  if (patterns.some((pattern) => pattern.regexp.flags !== flags)) return /(?:)/;
  return new RegExp(patterns.map((pattern) => `(?:${pattern.regexp.source})`).join('|'), flags);
}

function subjectsOf(rule: PackRule): RuleSubject[] {
  if (rule.action === 'file' || rule.action === 'read_file' || rule.action === 'write_file') {
    const operation = rule.action === 'read_file' ? 'read' : rule.action === 'write_file' ? 'write' : (rule.operation ?? 'any');
    if (operation === 'read') return ['read_file'];
    if (operation === 'write') return ['write_file'];
    return ['read_file', 'write_file'];
  }
  return [rule.action];
}

function upstreamRule(ruleId: string, decision: DecisionValue, severity: Severity | undefined, approverGroup: string | null, compliance: string[] | undefined) {
  return { ruleId, decision, severity, approverGroup, message: undefined, compliance };
}

function outcome(ruleId: string, decision: DecisionValue, severity: Severity, approverGroup: string | null = null): CompiledDefault {
  return { ruleId, decision, severity, approverGroup, message: undefined, compliance: undefined };
}

function defaultSeverity(decision: DecisionValue): Severity {
  if (decision === 'block') return 'high';
  if (decision === 'require_approval') return 'medium';
  return 'low';
}
