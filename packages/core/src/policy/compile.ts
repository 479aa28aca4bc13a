import { CavraError } from '../errors.ts';
import { APPROVER_GROUPS, type ActionType, type DecisionValue, type Severity } from '../decision/types.ts';
import { anyGlob, compileGlob, globToRegExp, type GlobMatcher } from './glob.ts';
import type { PackDefault, PackDocument, PackRule } from './pack.ts';
import { indexRules, type RuleIndex } from './rule-index.ts';

/** Rules are kept per action type that they judge. */
export type RuleSubject = 'read_file' | 'write_file' | 'execute_command' | 'git_operation' | 'mcp_tool_call';

export interface CompiledPattern {
  text: string;
  /** The linear-time matcher of `text`. */
  matcher: GlobMatcher;
  /** The same glob in RegExp shape for older callers; its `test` runs `matcher`. */
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
  /** True when any pattern matches. */
  anyPattern: GlobMatcher;
  /** Targets the rule does not cover although a pattern matches (`except`); file, git and MCP rules. */
  exceptions?: GlobMatcher;
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
  /** `rules` indexed by what a subject must show to match, so a decision tries only the patterns that can. */
  ruleIndex: Readonly<Record<Exclude<RuleSubject, 'execute_command'>, RuleIndex<CompiledRule>>>;
  defaults: Readonly<Record<Exclude<ActionType, 'release_governance_record'>, CompiledDefault>>;
  git: { protectedBranches: readonly string[]; protectedPatterns: readonly GlobMatcher[]; allowForcePush: boolean };
  mcp: { blockUnknownServers: boolean; allowedServers: ReadonlySet<string>; blockedServers: ReadonlySet<string>; allowedTools: ReadonlyMap<string, ReadonlySet<string>> };
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
  // The pack is checked here, whole; each subject's patterns are compiled when a decision first
  // needs them (a hook compiles its pack per tool call and decides one kind of action).
  const specs: Record<RuleSubject, Array<() => CompiledRule>> = {
    read_file: [],
    write_file: [],
    execute_command: [],
    git_operation: [],
    mcp_tool_call: [],
  };
  const add = (subject: RuleSubject, origin: string, patterns: readonly string[] | undefined, rule: Omit<CompiledRule, 'subject' | 'origin' | 'patterns' | 'anyPattern'>, except?: readonly string[]) => {
    if (!patterns || patterns.length === 0) return;
    specs[subject].push(() => {
      const compiled = patterns.map((pattern) => compilePattern(pattern, subject));
      const exceptions = except && except.length > 0 ? alternation(except.map((pattern) => compilePattern(pattern, subject))) : undefined;
      // Decisions go through the rule index; the alternation is built only for a caller that asks.
      let anyPattern: GlobMatcher | undefined;
      return {
        ...rule,
        subject,
        origin,
        patterns: compiled,
        get anyPattern() {
          return (anyPattern ??= alternation(compiled));
        },
        ...(exceptions ? { exceptions } : {}),
      };
    });
  };
  const packCompliance = document.compliance?.maps_to;
  const fs = document.filesystem ?? {};
  add('read_file', 'filesystem.block_read', fs.block_read, upstreamRule('filesystem.read.block', 'block', 'high', null, packCompliance), fs.block_read_except);
  add('write_file', 'filesystem.block_write', fs.block_write, upstreamRule('filesystem.write.block', 'block', 'high', null, packCompliance));
  add('write_file', 'filesystem.require_approval_write', fs.require_approval_write, upstreamRule('filesystem.write.require_approval', 'require_approval', 'high', APPROVER_GROUPS.platformSecurity, packCompliance));
  const commands = document.commands ?? {};
  add('execute_command', 'commands.block', commands.block, upstreamRule('commands.block', 'block', undefined, null, packCompliance));
  add('execute_command', 'commands.require_approval', commands.require_approval, upstreamRule('commands.require_approval', 'require_approval', 'medium', APPROVER_GROUPS.repositoryOwners, packCompliance));
  add('execute_command', 'commands.allow', commands.allow, upstreamRule('commands.allow', 'allow', 'low', null, packCompliance));

  (document.rules ?? []).forEach((rule, index) => {
    if (rule.except && rule.except.length > 0 && rule.action === 'execute_command') {
      throw new CavraError('ERR_POLICY_PACK_INVALID', `rule \`${rule.id}\` has \`except\`, which command rules do not support`, {
        hint: 'narrow the command patterns instead, or move the exception into a rule of its own',
        details: { rule: rule.id },
      });
    }
    for (const subject of subjectsOf(rule)) {
      add(subject, `rules[${index}]`, rule.match, {
        ruleId: rule.id,
        decision: rule.decision,
        severity: rule.severity ?? defaultSeverity(rule.decision),
        approverGroup: rule.approver_group ?? (rule.decision === 'require_approval' ? APPROVER_GROUPS.repositoryOwners : null),
        message: rule.message,
        compliance: rule.compliance ?? packCompliance,
      }, rule.except);
    }
  });

  const rules = onFirstRead(RULE_SUBJECTS, (subject) => specs[subject].map((compile) => compile()));

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
    ruleIndex: onFirstRead(['read_file', 'write_file', 'git_operation', 'mcp_tool_call'] as const, (subject) => indexRules(rules[subject])),
    defaults,
    git: {
      protectedBranches,
      // Branch names compare ignoring case: `Main` and `main` are one branch on a case-insensitive checkout.
      protectedPatterns: protectedBranches.map((branch) => compileGlob(branch, { caseInsensitive: true })),
      allowForcePush: git.allow_force_push === true,
    },
    mcp: {
      // §3.5: an absent `block_unknown_servers` means true.
      blockUnknownServers: mcp.block_unknown_servers !== false,
      allowedServers: new Set(mcp.allowed_servers ?? []),
      blockedServers: new Set(mcp.blocked_servers ?? []),
      allowedTools: new Map(Object.entries(mcp.allowed_tools ?? {}).map(([server, tools]) => [server, new Set(tools)])),
    },
    caseInsensitivePaths: fs.case_insensitive === true,
  };
}

const RULE_SUBJECTS: readonly RuleSubject[] = ['read_file', 'write_file', 'execute_command', 'git_operation', 'mcp_tool_call'];

// An object whose members are computed on first read, once, and read as plain values after.
function onFirstRead<K extends string, V>(keys: readonly K[], compute: (key: K) => V): Record<K, V> {
  const out = {} as Record<K, V>;
  for (const key of keys) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = compute(key);
        Object.defineProperty(out, key, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  }
  return out;
}

// Path patterns get the widened `**/` semantics; everything else keeps upstream's.
function patternCompilerFor(document: PackDocument): PatternCompiler {
  const caseInsensitive = document.filesystem?.case_insensitive === true;
  return (pattern, subject) => {
    const isPath = subject === 'read_file' || subject === 'write_file';
    const options = isPath ? { globstarMatchesRoot: true, caseInsensitive } : {};
    // The RegExp shape is built on first use: a hook compiles its pack per tool call and
    // decides one action, and building it for every pattern was half of compiling a pack.
    let regexp: RegExp | undefined;
    return {
      text: pattern,
      matcher: compileGlob(pattern, options),
      get regexp() {
        return (regexp ??= globToRegExp(pattern, options));
      },
    };
  };
}

// INVARIANT: a miss of `anyPattern` means no pattern matches.
function alternation(patterns: readonly CompiledPattern[]): GlobMatcher {
  return anyGlob(patterns.map((pattern) => pattern.matcher));
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
