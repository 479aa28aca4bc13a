import { ACTION_TYPES, DECISIONS, SEVERITIES } from '../decision/types.ts';

// The one schema every pack is validated against (published as
// schemas/policy-pack.schema.json). It accepts every upstream CAVRA key unchanged
// (cavra-reference §2.2) and adds, under new keys only, rules that carry any of the six
// decisions, per-action defaults and self-tests. `additionalProperties: false` everywhere,
// so a misspelt key is an error rather than a silently ignored control.

// `pattern` rather than `minLength`, so the generated validator needs no Ajv runtime helper.
const NON_BLANK = '\\S';

const patternList = {
  type: 'array',
  items: { type: 'string', pattern: NON_BLANK },
  description: 'CAVRA globs: `*` and `**` match any characters; `**/x` also matches `x` at the root',
} as const;

const ruleAction = {
  enum: ['file', 'read_file', 'write_file', 'execute_command', 'git_operation', 'mcp_tool_call'],
} as const;

const outcome = {
  decision: { enum: [...DECISIONS] },
  severity: { enum: [...SEVERITIES] },
  approver_group: { type: 'string', pattern: NON_BLANK },
  message: { type: 'string' },
  compliance: { type: 'array', items: { type: 'string' } },
} as const;

const ruleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'action', 'match', 'decision'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9_.:-]+$', description: 'the rule_id decisions report' },
    action: ruleAction,
    operation: { enum: ['read', 'write', 'any'], description: 'for file rules: which access the rule covers' },
    match: { ...patternList, minItems: 1 },
    except: { ...patternList, description: 'targets the rule does not cover although `match` does (file, git and MCP rules)' },
    ...outcome,
    examples: {
      type: 'object',
      additionalProperties: false,
      properties: {
        match: { type: 'array', items: { type: 'string' } },
        not_match: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;

const defaultOutcome = {
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: { rule_id: { type: 'string', pattern: NON_BLANK }, ...outcome },
} as const;

const packTest = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'request', 'expect'],
  properties: {
    name: { type: 'string', pattern: NON_BLANK },
    request: { type: 'object' },
    expect: {
      type: 'object',
      additionalProperties: false,
      required: ['decision'],
      properties: {
        decision: { enum: [...DECISIONS] },
        rule_id: { type: 'string' },
        severity: { enum: [...SEVERITIES] },
        approver_group: { type: 'string' },
      },
    },
  },
} as const;

const stringOrList = {
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
} as const;

/** JSON Schema (draft-07) for a CAVRA policy pack. */
export const POLICY_PACK_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://cavra.dev/schemas/policy-pack.schema.json',
  title: 'CAVRA policy pack',
  type: 'object',
  additionalProperties: false,
  required: ['metadata'],
  properties: {
    metadata: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'version'],
      properties: {
        id: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
        title: { type: 'string' },
        description: { type: 'string' },
        version: { type: ['string', 'number'] },
        inherits: stringOrList,
        mode: { enum: ['enforce', 'shadow', 'audit'] },
      },
    },
    filesystem: {
      type: 'object',
      additionalProperties: false,
      properties: {
        block_read: patternList,
        block_read_except: { ...patternList, description: 'paths `block_read` does not cover although one of its patterns matches (documentation and tests named like secrets)' },
        block_write: patternList,
        require_approval_write: patternList,
        case_insensitive: { type: 'boolean', description: 'match file patterns ignoring case' },
      },
    },
    commands: {
      type: 'object',
      additionalProperties: false,
      properties: {
        block: patternList,
        allow: patternList,
        require_approval: patternList,
      },
    },
    git: {
      type: 'object',
      additionalProperties: false,
      properties: {
        require_pull_request: { type: 'boolean' },
        block_direct_push_to_protected_branch: { type: 'boolean' },
        require_human_reviewer: { type: 'boolean' },
        require_ai_attestation: { type: 'boolean' },
        require_pr_attestation: { type: 'boolean' },
        block_push_branches: { type: 'array', items: { type: 'string', pattern: NON_BLANK } },
        protected_branches: { type: 'array', items: { type: 'string', pattern: NON_BLANK } },
        allow_force_push: { type: 'boolean' },
      },
    },
    mcp: {
      type: 'object',
      additionalProperties: false,
      properties: {
        block_unknown_servers: { type: 'boolean' },
        allowlist_enabled: { type: 'boolean' },
        allowed_servers: { type: 'array', items: { type: 'string' } },
        blocked_servers: { type: 'array', items: { type: 'string' } },
        risk_scoring: { type: 'object', additionalProperties: { enum: [...SEVERITIES] } },
        allowed_tools: {
          type: 'object',
          additionalProperties: { type: 'array', items: { type: 'string', pattern: NON_BLANK } },
          description: 'per allowed server, the tools it may be called for in policy mode; a call to another tool needs AI Governance approval',
        },
      },
    },
    approvals: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { approvers: { type: 'array', items: { type: 'string' } } },
      },
    },
    evidence: {
      type: 'object',
      additionalProperties: false,
      properties: {
        require_agent_manifest: { type: 'boolean' },
        require_issue_link: { type: 'boolean' },
        require_branch_pattern: { type: 'string' },
        require_bot_identity: { type: 'boolean' },
        require_pr_attestation: { type: 'boolean' },
        require_docs_update_for_user_facing_changes: { type: 'boolean' },
        required_fields: { type: 'array', items: { type: 'string' } },
      },
    },
    compliance: {
      type: 'object',
      additionalProperties: false,
      properties: { maps_to: { type: 'array', items: { type: 'string' } } },
    },
    rules: { type: 'array', items: ruleSchema },
    defaults: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(ACTION_TYPES.map((type) => [type, defaultOutcome])),
    },
    tests: { type: 'array', items: packTest },
  },
} as const;
