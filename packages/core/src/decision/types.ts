/** The six decisions a pack can give, from most to least permissive. */
export const DECISIONS = [
  'allow',
  'audit_only',
  'warn',
  'allow_with_attestation',
  'require_approval',
  'block',
] as const;
export type DecisionValue = (typeof DECISIONS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTION_TYPES = [
  'read_file',
  'write_file',
  'execute_command',
  'git_operation',
  'mcp_tool_call',
  'release_governance_record',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Approver groups that upstream CAVRA uses; packs may name others. */
export const APPROVER_GROUPS = {
  platformSecurity: 'Platform Security',
  repositoryOwners: 'Repository Owners',
  aiGovernance: 'AI Governance',
  releaseGovernance: 'Release Governance',
} as const;

export const DEFAULT_PACK_ID = 'cavra-ai-agent-baseline';

/** The default pack of `cavra gate`, `cavra hook` and the CI wrappers: one an agent can work under. */
export const GATE_DEFAULT_PACK_ID = 'cavra-ci-baseline';

/**
 * An action to decide, in the upstream CAVRA request shape.
 * attacker-controlled: every field comes from the agent or its session log.
 */
export interface ActionRequest {
  session_id?: string;
  agent_id?: string;
  actor?: string;
  action_type?: string;
  target?: string;
  operation?: string;
  requested_operation?: string;
  policy_pack?: string;
  server?: string;
  tool?: string;
  capability?: string;
  record?: unknown;
  release_governance?: unknown;
  [extra: string]: unknown;
}

/** The 17 upstream decision fields, in upstream order, plus what we add. */
export interface DecisionRecord {
  decision_id: string;
  session_id: string;
  agent_id: string;
  actor: string;
  action_type: string;
  target: string;
  requested_operation: string;
  policy_pack: string;
  policy_id: string;
  rule_id: string;
  decision: DecisionValue;
  severity: Severity;
  reason: string;
  evidence_refs: string[];
  approver_group: string | null;
  timestamp: string;
  correlation_id: string;
  /** Compliance controls the deciding rule maps to. */
  compliance?: string[];
  /** What matched and why, one entry per rule that matched. */
  matches?: RuleMatch[];
  /** Extra analysis (for example the invocations a command line runs). */
  analysis?: unknown;
}

/** One rule that matched an action, for explanations. */
export interface RuleMatch {
  rule_id: string;
  decision: DecisionValue;
  pattern?: string;
  subject?: string;
}

/** What varies between runs, injected so that deciding stays pure. */
export interface DecisionContext {
  /** The decision time. */
  now: () => Date;
  /** Returns `n` random bytes as lowercase hex (2n characters). */
  randomHex: (bytes: number) => string;
}

/** The verdict of one decision step, before it is dressed as a record. */
export interface Verdict {
  rule_id: string;
  decision: DecisionValue;
  severity: Severity;
  reason: string;
  approver_group: string | null;
  target: string;
  requested_operation: string;
  action_type?: string;
  compliance?: string[];
  matches?: RuleMatch[];
  analysis?: unknown;
}
