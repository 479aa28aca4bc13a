// Writes a run's AI-BOM into its evidence directory, where sealing makes it a subject of the
// signed statement beside the log.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionRecord } from '../decision/types.ts';
import { writeAtomic } from '../evidence/log.ts';
import { AIBOM_FILE, buildAiBom } from './build.ts';
import { cleanName, serverCalled } from './collect.ts';
import { readRegistryDetails, type RegistryDetails } from './registry-details.ts';
import type { AiBomAgent, AiBomMcpServer, AiBomModel, AiBomPack, AiBomTool } from './types.ts';

/** What the edges know of a run's materials beyond its decisions (prepared before the run). */
export interface AiBomContext {
  tool: AiBomTool;
  /** The registry file, read with `readRegistryDetails` (or give `registryFile` to {@link writeAiBom}). */
  registry?: RegistryDetails;
  /** Agents the edge saw (sessions, hooks, the change's author), with versions where known. */
  agents?: readonly AiBomAgent[];
  models?: readonly AiBomModel[];
  /** MCP servers the edge saw configured (command or URL), beyond the registry's. */
  mcpServers?: readonly AiBomMcpServer[];
}

/** What a gate run knows when it writes its AI-BOM. */
export interface AiBomRun extends AiBomContext {
  decisions: readonly DecisionRecord[];
  /** The decided requests, in the order of `decisions`. */
  requests: readonly unknown[];
  /** The packs of the run's policy (`DecisionPolicy.packs.values()` fits). */
  packs: Iterable<AiBomPack>;
  /** The registry file the run decided MCP calls with, read here when `registry` is not given. */
  registryFile?: string;
  now: () => Date;
}

/**
 * Builds the run's AI-BOM and writes it as `DIR/aibom.cdx.json`; returns the path, to pass to
 * `sealEvidence` among its `artefacts`.
 */
export async function writeAiBom(dir: string, run: AiBomRun): Promise<string> {
  const registry = run.registry ?? (run.registryFile ? readRegistryDetails(run.registryFile) : undefined);
  const called = new Set(run.decisions.map((decision, index) => serverCalled(decision, run.requests[index])).filter((name) => name !== undefined));
  // The registry describes every server it knows; the BOM names those the run called.
  const described = (registry?.servers ?? []).filter((server) => called.has(server.name) || (server.serverId !== undefined && called.has(server.serverId)));
  const seen = new Set([...(run.agents ?? []).map((agent) => cleanName(agent.name)), ...run.decisions.map((decision) => cleanName(decision.agent_id) ?? cleanName(decision.actor))]);
  const registryAgents: AiBomAgent[] = (registry?.agents ?? []).filter((agent) => seen.has(cleanName(agent.name))).map((agent) => ({ ...agent, kind: 'decision' }));
  const text = await buildAiBom({
    generatedAt: run.now(),
    tool: run.tool,
    decisions: run.decisions,
    requests: run.requests,
    agents: [...(run.agents ?? []), ...registryAgents],
    models: run.models ?? [],
    mcpServers: [...described, ...(run.mcpServers ?? [])],
    packs: [...run.packs].map(({ id, version, digest }) => ({ id, digest, ...(version ? { version } : {}) })),
    ...(registry ? { registry: { file: registry.file, sha256: registry.sha256 } } : {}),
    source: 'gate-run',
  });
  mkdirSync(dir, { recursive: true });
  const path = join(dir, AIBOM_FILE);
  writeAtomic(path, text);
  return path;
}
