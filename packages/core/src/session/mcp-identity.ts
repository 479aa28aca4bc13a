import { createHash } from 'node:crypto';
import { normalizeMcpUrl } from '../policy/mcp-url.ts';

/** What identifies an MCP server beyond its name: how it is started, or where it listens. */
export interface McpServerIdentity {
  command?: string;
  args?: readonly string[];
  url?: string;
}

/**
 * `sha256:<hex>` of the canonical JSON of `[command, ...args]`: the pin of a stdio server.
 * The array is JSON of strings only, so `JSON.stringify` is already canonical (RFC 8785).
 */
export function mcpCommandDigest(command: string, args: readonly string[] = []): string {
  return `sha256:${createHash('sha256').update(JSON.stringify([command, ...args])).digest('hex')}`;
}

/** The request fields that carry a server's identity to the decision (`decideMcpCall` compares them with the registry's pins). */
export function mcpIdentityFields(identity: McpServerIdentity): { mcp_server_digest?: string; mcp_server_url?: string } {
  return {
    ...(identity.command ? { mcp_server_digest: mcpCommandDigest(identity.command, identity.args ?? []) } : {}),
    ...(identity.url ? { mcp_server_url: normalizeMcpUrl(identity.url) } : {}),
  };
}

export { normalizeMcpUrl };
