import type { DecisionRecord } from '../decision/types.ts';

/**
 * How an agent was seen: in an agent session file, through a hook, as the author of the change
 * under review, or only as the `agent_id`/`actor` of a decided request.
 */
export const AIBOM_AGENT_KINDS = ['session', 'hook', 'pull-request-author', 'decision'] as const;
export type AiBomAgentKind = (typeof AIBOM_AGENT_KINDS)[number];

/** An agent that acted in the run. Provider-neutral: session readers, hooks and review contexts each fill it. */
export interface AiBomAgent {
  name: string;
  version?: string;
  kind: AiBomAgentKind;
  vendor?: string;
}

/** A model an agent named (in its session, for example). */
export interface AiBomModel {
  name: string;
  version?: string;
  provider?: string;
  /** The agent that used it, to record the dependency. */
  agent?: string;
}

/**
 * An MCP server, as the registry or a session describes it. The command line is never kept, only
 * its digest: its arguments may hold secrets.
 */
export interface AiBomMcpServer {
  name: string;
  serverId?: string;
  /** The command and its arguments, as the client starts the server. */
  command?: readonly string[];
  /** `sha256:<hex>` of the command and arguments, when the caller hashed them already. */
  commandDigest?: string;
  /** The endpoint of a remote server; credentials, query and fragment are dropped. */
  url?: string;
  trustTier?: string;
  approvalState?: string;
}

/** A policy pack that decided, with its digest (`sha256:<hex>` of the canonical merged pack). */
export interface AiBomPack {
  id: string;
  version?: string;
  digest: string;
}

/** This tool: its version and the digest of the bundle that ran, when it ran from one. */
export interface AiBomTool {
  name: string;
  version: string;
  /** The entry file that ran (a path relative to the bundle's folder) and its sha256 (hex). */
  bundle?: { file: string; sha256: string };
  /** sha256 (hex) of the release's `SHA256SUMS`, which names every file of the bundle. */
  sha256sums?: string;
}

/** Everything an AI-BOM is built from; {@link buildAiBom} reads nothing else. */
export interface AiBomInput {
  /** The BOM's timestamp. */
  generatedAt: Date;
  tool: AiBomTool;
  decisions: readonly DecisionRecord[];
  /** The decided requests, in the order of `decisions` (MCP servers and tools are read from them). */
  requests?: readonly unknown[];
  agents?: readonly AiBomAgent[];
  models?: readonly AiBomModel[];
  mcpServers?: readonly AiBomMcpServer[];
  packs: readonly AiBomPack[];
  /** The registry file (its base name) and its sha256 (hex). */
  registry?: { file: string; sha256: string };
  /** Whether the BOM was written by the run, or rebuilt afterwards from its evidence log. */
  source: 'gate-run' | 'evidence-log';
}

