import type { CommandAnalyzer } from '../command/analyze.ts';
import { CavraError, isCavraError } from '../errors.ts';
import type { CompiledPack } from '../policy/compile.ts';
import type { McpRegistry } from '../policy/registry.ts';
import { decideCommand } from './commands.ts';
import { decideFileAccess, type PathResolver } from './files.ts';
import { decideGitOperation } from './git.ts';
import { decideMcpCall } from './mcp.ts';
import { decideReleaseGovernance } from './release-governance.ts';
import { assertRequestSize } from './limits.ts';
import { releaseRecordOf } from './request.ts';
import { isStricter, strictestVerdict } from './precedence.ts';
import { APPROVER_GROUPS, DEFAULT_PACK_ID, type ActionRequest, type DecisionContext, type DecisionRecord, type Verdict } from './types.ts';

/** Everything a decision needs, compiled once. */
export interface DecisionPolicy {
  /** Packs by id; a request's `policy_pack` picks one, otherwise `defaultPackId`. */
  packs: ReadonlyMap<string, CompiledPack>;
  defaultPackId?: string;
  /**
   * The operator's packs, when they alone decide (the gate, hooks and wrappers, where requests
   * come from the agent's side): each request is decided under every one of them and the
   * strictest verdict wins; a request's `policy_pack` is recorded with the request, never obeyed.
   */
  operatorPackIds?: readonly string[];
  /** When set, MCP calls are decided in registry mode. */
  registry?: McpRegistry;
  /** Command analyser; defaults to the one `loadCommandAnalyzer()` installed. */
  commandAnalyzer?: CommandAnalyzer;
  /** Follows symlinks of file targets that exist in the workspace (see `workspacePathResolver`). */
  resolvePath?: PathResolver;
}

/**
 * Decides one request. Pure and synchronous: time and ids come from `context`. An error while
 * deciding never allows: it yields a block that names the failure.
 */
export function evaluate(policy: DecisionPolicy, request: ActionRequest, context: DecisionContext): DecisionRecord {
  const decided = decideRequest(policy, request);
  return toDecisionRecord(request, decided.packId, decided.verdict, context);
}

/** A verdict and the pack that gave it: a decision before it is dressed as a record. */
export interface PackVerdict {
  packId: string;
  verdict: Verdict;
}

/** What {@link evaluate} decides, before the record: a pure function of the policy and the request. */
export function decideRequest(policy: DecisionPolicy, request: ActionRequest): PackVerdict {
  const packIds = policy.operatorPackIds ?? [selectPackId(request, policy.defaultPackId)];
  let decided: PackVerdict | undefined;
  for (const packId of packIds) {
    const verdict = decideUnder(policy, packId, request);
    if (decided === undefined || isStricter(verdict.decision, decided.verdict.decision)) decided = { packId, verdict };
  }
  return decided ?? { packId: policy.defaultPackId ?? DEFAULT_PACK_ID, verdict: failClosed(request, new CavraError('ERR_POLICY_PACK_NOT_FOUND', 'no operator pack to decide with')) };
}

function decideUnder(policy: DecisionPolicy, packId: string, request: ActionRequest): Verdict {
  try {
    const pack = policy.packs.get(packId);
    if (!pack) {
      throw new CavraError('ERR_POLICY_PACK_NOT_FOUND', `unknown policy pack \`${packId}\``, { hint: 'load the pack before deciding' });
    }
    assertRequestSize(request);
    return decide(pack, policy, request);
  } catch (error) {
    return failClosed(request, error);
  }
}

/** The pack a request is decided under. */
export function selectPackId(request: ActionRequest, defaultPackId: string = DEFAULT_PACK_ID): string {
  return request.policy_pack || defaultPackId;
}

/**
 * Every field of a request that deciding reads, release records aside (`releaseRecordOf` reads
 * theirs whole): a batch decides requests that agree on these once (batch.ts). A field `decide`
 * comes to read belongs here.
 */
export const DECISIVE_FIELDS = ['action_type', 'target', 'command', 'operation', 'requested_operation', 'capability', 'server', 'tool', 'mcp_server_digest', 'mcp_server_url', 'policy_pack'] as const;

function decide(pack: CompiledPack, policy: DecisionPolicy, request: ActionRequest): Verdict {
  const target = request.target ?? '';
  // Go resolution order (§1.4); the Python harness defaults a git operation to `push`.
  const operation = requestedOperationOf(request) || request.capability || '';
  switch (request.action_type) {
    case 'read_file':
      return decideFileAccess(pack, 'read', target, policy.resolvePath);
    case 'write_file':
      return decideFileAccess(pack, 'write', target, policy.resolvePath);
    case 'execute_command':
      return decideCommandRequest(pack, policy, request);
    case 'git_operation':
      return decideGitOperation(pack, operation || 'push', target);
    case 'mcp_tool_call':
      return decideMcpCall(pack, { server: request.server ?? '', tool: request.tool ?? '', capability: request.capability ?? '', ...mcpIdentityOf(request) }, policy.registry);
    case 'release_governance_record':
      return decideReleaseGovernance(releaseRecordOf(request), target, requestedOperationOf(request) || 'verify');
    default:
      // §3.7, Go behaviour: an unknown action type waits for a human.
      return {
        rule_id: 'runtime.default.require_approval',
        decision: 'require_approval',
        severity: 'medium',
        reason: `unknown action type \`${String(request.action_type)}\``,
        approver_group: 'Repository Owners',
        target,
        requested_operation: operation,
      };
  }
}

// Set by hooks whose event names the server's command or URL (see session/mcp-identity.ts).
function mcpIdentityOf(request: ActionRequest): { identity?: { digest?: string; url?: string } } {
  const digest = typeof request.mcp_server_digest === 'string' ? request.mcp_server_digest : undefined;
  const url = typeof request.mcp_server_url === 'string' ? request.mcp_server_url : undefined;
  if (digest === undefined && url === undefined) return {};
  return { identity: { ...(digest !== undefined ? { digest } : {}), ...(url !== undefined ? { url } : {}) } };
}

// Some agents send the line as `command`, not `target`: the line that runs is judged, and a
// request with neither is not decided on the empty string (issue 17 item 11).
function decideCommandRequest(pack: CompiledPack, policy: DecisionPolicy, request: ActionRequest): Verdict {
  const lines = commandLinesOf(request);
  if (lines.length === 0) {
    return {
      rule_id: 'commands.target.missing',
      decision: 'require_approval',
      severity: 'medium',
      reason: 'the command request names no command line: nothing to judge',
      approver_group: APPROVER_GROUPS.repositoryOwners,
      target: '',
      requested_operation: '',
    };
  }
  if (lines.length === 1 || lines[0] === lines[1]) return decideCommand(pack, lines[0]!, policy.commandAnalyzer, policy.resolvePath);
  return strictestVerdict(lines.map((line) => decideCommand(pack, line, policy.commandAnalyzer, policy.resolvePath)))!;
}

/** The command lines an `execute_command` request is judged on: its `target`, and its `command` when an agent sends one. */
export function commandLinesOf(request: ActionRequest): string[] {
  const lines: string[] = [];
  if (request.target !== undefined && request.target.trim() !== '') lines.push(request.target);
  if (typeof request.command === 'string' && request.command.trim() !== '') lines.push(request.command);
  return lines;
}

function failClosed(request: ActionRequest, error: unknown): Verdict {
  const code = isCavraError(error) ? error.code : 'ERR_INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  return {
    rule_id: 'cavra.evaluation.error',
    decision: 'block',
    severity: 'high',
    reason: `evaluation failed (${code}): ${message}`,
    approver_group: null,
    analysis: { error_code: code },
    // An oversized target is not copied into the record and the evidence whole.
    target: code === 'ERR_REQUEST_TOO_LARGE' ? clip(request.target ?? '') : (request.target ?? ''),
    requested_operation: clip(requestedOperationOf(request)),
  };
}

/** The operation a request asks for: `operation`, else upstream's `requested_operation`. */
export function requestedOperationOf(request: ActionRequest): string {
  return request.operation || request.requested_operation || '';
}

function clip(text: string): string {
  return text.length > 256 ? `${text.slice(0, 256)}… (${text.length} characters)` : text;
}

/**
 * The decision record for a verdict reached outside the pack (a failed runner authentication,
 * for example), shaped exactly as `evaluate()` shapes its own.
 */
export function recordVerdict(request: ActionRequest, verdict: Verdict, context: DecisionContext, defaultPackId?: string): DecisionRecord {
  return toDecisionRecord(request, selectPackId(request, defaultPackId), verdict, context);
}

/** The decision record of a verdict {@link decideRequest} gave: ids and time from `context`. */
export function toDecisionRecord(request: ActionRequest, packId: string, verdict: Verdict, context: DecisionContext): DecisionRecord {
  const sessionId = request.session_id || 'local';
  const decisionId = `dec_${context.randomHex(6)}`;
  const record: DecisionRecord = {
    decision_id: decisionId,
    session_id: sessionId,
    agent_id: request.agent_id || 'unknown-agent',
    actor: request.actor || 'ai-agent',
    action_type: verdict.action_type ?? request.action_type ?? '',
    target: verdict.target,
    requested_operation: verdict.requested_operation,
    policy_pack: packId,
    policy_id: packId,
    rule_id: verdict.rule_id,
    decision: verdict.decision,
    severity: verdict.severity,
    reason: verdict.reason,
    evidence_refs: [`evidence://${sessionId}/${decisionId}`],
    approver_group: verdict.decision === 'require_approval' || verdict.approver_group ? verdict.approver_group : null,
    timestamp: formatTimestamp(context.now()),
    correlation_id: `corr_${context.randomHex(6)}`,
  };
  if (verdict.compliance) record.compliance = verdict.compliance;
  if (verdict.matches && verdict.matches.length > 0) record.matches = verdict.matches;
  if (verdict.analysis !== undefined) record.analysis = verdict.analysis;
  return record;
}

// Python's isoformat with microseconds and `+00:00` (§1.2), the authoritative form. Decisions
// come many to the millisecond in a batch, so the last one formatted is kept.
let formattedAt = Number.NaN;
let formatted = '';

function formatTimestamp(date: Date): string {
  const time = date.getTime();
  if (time !== formattedAt) {
    formatted = `${date.toISOString().slice(0, 19)}.${String(date.getUTCMilliseconds()).padStart(3, '0')}000+00:00`;
    formattedAt = time;
  }
  return formatted;
}
