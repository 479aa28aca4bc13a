// Gathers what acted in a run from the decided requests and records, merged with what the edges
// described (versions, vendors, registry entries). Pure: no I/O, no clock.
import type { DecisionRecord, DecisionValue } from '../decision/types.ts';
import { isSha256Digest } from './server-reference.ts';
import type { AiBomAgent, AiBomAgentKind, AiBomInput, AiBomMcpServer } from './types.ts';

/** One agent, merged from every place it was seen. */
export interface CollectedAgent {
  name: string;
  version?: string;
  vendor?: string;
  kinds: Set<AiBomAgentKind>;
  decisions: Map<DecisionValue, number>;
  /** Names of the MCP servers it called. */
  servers: Set<string>;
}

/** One MCP server, merged from the calls and the descriptions. */
export interface CollectedServer extends AiBomMcpServer {
  calls: number;
  tools: Set<string>;
  /** Command digests and URLs the calls themselves named (hooks and sessions record them). */
  seenDigests: Set<string>;
  seenUrls: Set<string>;
}

/** Collects the run's agents (by name, sorted). */
export function collectAgents(input: AiBomInput): CollectedAgent[] {
  const agents = new Map<string, CollectedAgent>();
  const agentOf = (name: string): CollectedAgent => {
    let agent = agents.get(name);
    if (!agent) agents.set(name, (agent = { name, kinds: new Set(), decisions: new Map(), servers: new Set() }));
    return agent;
  };
  for (const described of input.agents ?? []) {
    const name = cleanName(described.name);
    if (!name) continue;
    const agent = agentOf(name);
    agent.kinds.add(described.kind);
    mergeDescription(agent, described);
  }
  input.decisions.forEach((decision, index) => {
    for (const name of actorsOf(decision)) {
      const agent = agentOf(name);
      agent.kinds.add('decision');
      agent.decisions.set(decision.decision, (agent.decisions.get(decision.decision) ?? 0) + 1);
      const server = serverCalled(decision, input.requests?.[index]);
      if (server) agent.servers.add(server);
    }
  });
  return [...agents.values()].sort((a, b) => compare(a.name, b.name));
}

/** Collects the MCP servers called in the run and those described to it (by name, sorted). */
export function collectServers(input: AiBomInput): CollectedServer[] {
  const servers = new Map<string, CollectedServer>();
  const byId = new Map<string, CollectedServer>();
  for (const described of input.mcpServers ?? []) {
    const name = cleanName(described.name);
    if (!name) continue;
    const server: CollectedServer = { ...described, name, calls: 0, tools: new Set(), seenDigests: new Set(), seenUrls: new Set() };
    if (!servers.has(name)) servers.set(name, server);
    if (described.serverId && !byId.has(described.serverId)) byId.set(described.serverId, server);
  }
  input.decisions.forEach((decision, index) => {
    const request = input.requests?.[index];
    const called = serverCalled(decision, request);
    if (!called) return;
    let server = byId.get(called) ?? servers.get(called);
    if (!server) servers.set(called, (server = { name: called, calls: 0, tools: new Set(), seenDigests: new Set(), seenUrls: new Set() }));
    server.calls += 1;
    const tool = stringField(request, 'tool');
    if (tool) server.tools.add(tool);
    const digest = stringField(request, 'mcp_server_digest');
    if (isSha256Digest(digest)) server.seenDigests.add(digest);
    const url = stringField(request, 'mcp_server_url');
    if (url) server.seenUrls.add(url);
  });
  return [...servers.values()].sort((a, b) => compare(a.name, b.name));
}

/** Counts the run's decisions by value. */
export function countDecisions(decisions: readonly DecisionRecord[]): Map<DecisionValue, number> {
  const counts = new Map<DecisionValue, number>();
  for (const decision of decisions) counts.set(decision.decision, (counts.get(decision.decision) ?? 0) + 1);
  return counts;
}

/** The MCP server an `mcp_tool_call` decision was about (the request's `server`, else the decided target). */
export function serverCalled(decision: DecisionRecord, request: unknown): string | undefined {
  if (decision.action_type !== 'mcp_tool_call') return undefined;
  return cleanName(stringField(request, 'server') ?? stringField(request, 'server_id') ?? decision.target);
}

// The agent is `agent_id`; `actor` names it only when the request gave no agent id.
function actorsOf(decision: DecisionRecord): string[] {
  const name = [cleanName(decision.agent_id), cleanName(decision.actor)].find((candidate) => candidate !== undefined && candidate !== 'unknown');
  return name ? [name] : [];
}

function mergeDescription(agent: CollectedAgent, described: AiBomAgent): void {
  const version = cleanName(described.version);
  const vendor = cleanName(described.vendor);
  if (version && !agent.version) agent.version = version;
  if (vendor && !agent.vendor) agent.vendor = vendor;
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

// Names come from agents' session logs (attacker-controlled): keep them short and printable.
const MAX_NAME = 200;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A trimmed, printable name of at most 200 characters, or undefined when empty. */
export function cleanName(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.replace(CONTROL, '').trim().slice(0, MAX_NAME);
  return name === '' ? undefined : name;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
