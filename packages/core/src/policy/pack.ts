import type { ActionType, DecisionValue, Severity } from '../decision/types.ts';

/** A pack file as written: the upstream CAVRA keys plus our additive ones. */
export interface PackDocument {
  metadata: {
    id: string;
    title: string;
    description?: string;
    version: string | number;
    inherits?: string | string[];
    mode?: string;
  };
  filesystem?: {
    block_read?: string[];
    block_write?: string[];
    require_approval_write?: string[];
    case_insensitive?: boolean;
  };
  commands?: { block?: string[]; allow?: string[]; require_approval?: string[] };
  git?: {
    block_push_branches?: string[];
    protected_branches?: string[];
    allow_force_push?: boolean;
    [flag: string]: unknown;
  };
  mcp?: {
    block_unknown_servers?: boolean;
    allowed_servers?: string[];
    blocked_servers?: string[];
    [key: string]: unknown;
  };
  approvals?: Record<string, { approvers?: string[] }>;
  evidence?: Record<string, unknown>;
  compliance?: { maps_to?: string[] };
  rules?: PackRule[];
  defaults?: Partial<Record<ActionType, PackDefault>>;
  tests?: PackTest[];
}

export type RuleAction = Exclude<ActionType, 'release_governance_record'> | 'file';

/** A rule in the extended schema: any of the six decisions, with its own id. */
export interface PackRule {
  id: string;
  action: RuleAction;
  operation?: 'read' | 'write' | 'any';
  match: string[];
  decision: DecisionValue;
  severity?: Severity;
  approver_group?: string;
  message?: string;
  compliance?: string[];
  examples?: { match?: string[]; not_match?: string[] };
}

export interface PackDefault {
  decision: DecisionValue;
  rule_id?: string;
  severity?: Severity;
  approver_group?: string;
  message?: string;
  compliance?: string[];
}

/** A self-test a pack carries: a request and the decision it must get. */
export interface PackTest {
  name: string;
  request: Record<string, unknown>;
  expect: { decision: DecisionValue; rule_id?: string; severity?: Severity; approver_group?: string };
}

/** Where a pack came from, for error messages and listings. */
export interface PackSource {
  /** The file path, or `builtin:<id>` for a built-in pack. */
  file: string;
  text: string;
  /**
   * `text` already parsed to JSON at build time (the built-in packs): read with `JSON.parse`
   * and validated like any pack, so a short command (a hook) does not parse YAML.
   */
  json?: string;
}
