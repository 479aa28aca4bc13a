import type { CompiledPack } from '../policy/compile.ts';
import type { McpRegistry, McpServerRecord } from '../policy/registry.ts';
import { findHits, hitVerdict } from './match.ts';
import { strictest } from './precedence.ts';
import { APPROVER_GROUPS, type Verdict } from './types.ts';

export interface McpCall {
  server: string;
  tool: string;
  capability: string;
  /** The server's identity as the agent reported it (Gemini's hook event), when it did. */
  identity?: { digest?: string; url?: string };
}

/** The rule of an MCP call whose server is not the one its registry entry pins. */
export const MCP_PIN_RULE_ID = 'mcp.registry.pin_mismatch';

/** Decides an MCP tool call in registry mode when a registry is given (§4.2), else in policy mode (§3.5). */
export function decideMcpCall(pack: CompiledPack, call: McpCall, registry: McpRegistry | undefined): Verdict {
  const target = `${call.server}:${call.tool}`;
  const base = { target, requested_operation: call.capability || call.tool, approver_group: null };
  // §10.14: the pack's blocked list holds in registry mode too.
  if (pack.mcp.blockedServers.has(call.server)) {
    // Named for what it is: upstream reports a blocked server as `block_unknown` (issue 17 item 11).
    const rule_id = registry ? 'mcp.registry.blocked' : 'mcp.server.trust.blocked';
    return { ...base, rule_id, decision: 'block', severity: 'high', reason: `mcp server \`${call.server}\` is on the blocked list of \`${pack.id}\`` };
  }
  const trust = registry ? decideByRegistry(registry, call, base) : decideByPolicy(pack, call, base);
  const ruleVerdict = decideByRules(pack, target, base);
  return ruleVerdict ? strictest([trust, ruleVerdict])! : trust;
}

type Base = Pick<Verdict, 'target' | 'requested_operation' | 'approver_group'>;

function decideByPolicy(pack: CompiledPack, call: McpCall, base: Base): Verdict {
  if (pack.mcp.blockUnknownServers && !pack.mcp.allowedServers.has(call.server)) {
    return { ...base, rule_id: 'mcp.server.trust.block_unknown', decision: 'block', severity: 'high', reason: `mcp server \`${call.server}\` is not on the allowed list of \`${pack.id}\`` };
  }
  const fallback = pack.defaults.mcp_tool_call;
  if (!pack.mcp.allowedServers.has(call.server)) {
    return { ...base, rule_id: fallback.ruleId, decision: fallback.decision, severity: fallback.severity, approver_group: fallback.approverGroup, reason: fallback.message ?? `mcp server \`${call.server}\` is not listed and unknown servers are not blocked` };
  }
  // Upstream never looks at the tool in policy mode; a pack may scope an allowed server's tools.
  const tools = pack.mcp.allowedTools.get(call.server);
  if (tools !== undefined && !tools.has(call.tool)) {
    return { ...base, rule_id: 'mcp.server.tool_scope', decision: 'require_approval', severity: 'medium', approver_group: APPROVER_GROUPS.aiGovernance, reason: `tool \`${call.tool}\` is outside the tools \`${pack.id}\` allows for mcp server \`${call.server}\`` };
  }
  return { ...base, rule_id: 'mcp.server.trust.allow', decision: 'allow', severity: 'low', reason: `mcp server \`${call.server}\` is on the allowed list of \`${pack.id}\`` };
}

function decideByRegistry(registry: McpRegistry, call: McpCall, base: Base): Verdict {
  const record = registry.byId.get(call.server) ?? registry.byName.get(call.server);
  const approval = { ...base, approver_group: APPROVER_GROUPS.aiGovernance } as const;
  if (!record) return { ...base, rule_id: 'mcp.registry.unknown', decision: 'block', severity: 'high', reason: `mcp server \`${call.server}\` is not in the registry` };
  if (record.trust_tier === 'blocked' || record.approval_state === 'denied') {
    return { ...base, rule_id: 'mcp.registry.blocked', decision: 'block', severity: 'high', reason: `mcp server \`${call.server}\` is ${record.trust_tier === 'blocked' ? 'blocked' : 'denied'} in the registry` };
  }
  const pinVerdict = decidePin(record, call, base);
  if (pinVerdict) return pinVerdict;
  if (record.approval_state === 'pending' || record.trust_tier === 'unknown' || record.trust_tier === 'experimental') {
    return { ...approval, rule_id: 'mcp.registry.requires_approval', decision: 'require_approval', severity: 'medium', reason: `mcp server \`${call.server}\` is ${record.trust_tier} with approval ${record.approval_state}` };
  }
  if (record.allowed_tools.length > 0 && !record.allowed_tools.includes(call.tool)) {
    return { ...approval, rule_id: 'mcp.registry.tool_scope', decision: 'require_approval', severity: 'medium', reason: `tool \`${call.tool}\` is outside the allowed tools of \`${call.server}\`` };
  }
  if (call.capability !== '' && record.capabilities.length > 0 && !record.capabilities.includes(call.capability)) {
    return { ...approval, rule_id: 'mcp.registry.capability_scope', decision: 'require_approval', severity: 'medium', reason: `capability \`${call.capability}\` is outside the capabilities of \`${call.server}\`` };
  }
  return { ...base, rule_id: 'mcp.registry.allow', decision: 'allow', severity: 'low', reason: `mcp server \`${call.server}\` is approved for tool \`${call.tool}\`` };
}

// Only where the agent told us who the server is can the pin be checked; a pin never passes a
// server that reported an identity of the other kind (a URL for a pinned command, say).
function decidePin(record: McpServerRecord, call: McpCall, base: Base): Verdict | undefined {
  const pin = record.pin;
  const identity = call.identity;
  if (!pin || !identity || (identity.digest === undefined && identity.url === undefined)) return undefined;
  const matches = (pin.command_digest !== undefined && identity.digest === pin.command_digest) || (pin.url !== undefined && identity.url === pin.url);
  if (matches) return undefined;
  const reported = identity.url !== undefined ? `url \`${identity.url}\`` : `command digest \`${identity.digest}\``;
  return { ...base, rule_id: MCP_PIN_RULE_ID, decision: 'block', severity: 'critical', reason: `mcp server \`${call.server}\` reported ${reported}, which is not the identity its registry entry pins` };
}

function decideByRules(pack: CompiledPack, target: string, base: Base): Verdict | undefined {
  const hits = findHits(pack.ruleIndex.mcp_tool_call, target);
  const hit = strictest(hits);
  if (!hit) return undefined;
  return hitVerdict(hit, hits, { target: base.target, requested_operation: base.requested_operation }, `mcp call \`${target}\` matches \`${hit.pattern}\` in ${hit.rule.origin}`);
}
