// What the registry file says about the servers and agents of a run beyond what deciding needs:
// how each MCP server is started or reached, and each agent's vendor and version.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CavraError } from '../errors.ts';
import type { AiBomMcpServer } from './types.ts';

/** The registry file as the AI-BOM records it. */
export interface RegistryDetails {
  file: string;
  sha256: string;
  servers: AiBomMcpServer[];
  agents: { name: string; version?: string; vendor?: string }[];
}

/** Reads the registry file: its digest, and the command, URL and tier of each server and the version of each agent. */
export function readRegistryDetails(file: string): RegistryDetails {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read registry \`${file}\``, { cause, hint: 'check the path given to `--registry`' });
  }
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new CavraError('ERR_INPUT_INVALID_JSON', `registry \`${file}\` is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const root = isObject(document) ? document : {};
  return {
    file: basename(file),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    servers: arrayOf(root.mcp_servers).map(serverOf).filter((server): server is AiBomMcpServer => server !== undefined),
    agents: arrayOf(root.agents).map(agentOf).filter((agent): agent is RegistryDetails['agents'][number] => agent !== undefined),
  };
}

// The usual MCP client configuration shapes: `command` + `args`, a `command` array, or `url`; else the pin.
function serverOf(raw: Record<string, unknown>): AiBomMcpServer | undefined {
  const serverId = text(raw.server_id) ?? text(raw.id) ?? text(raw.name);
  if (!serverId) return undefined;
  const command = Array.isArray(raw.command) ? raw.command : typeof raw.command === 'string' ? [raw.command, ...(Array.isArray(raw.args) ? raw.args : [])] : undefined;
  const argv = command?.every((part) => typeof part === 'string') ? (command as string[]) : undefined;
  // A registry pin (`pin: {command_digest, url}`) names the identity the server must have.
  const pin = isObject(raw.pin) ? raw.pin : {};
  const url = text(raw.url) ?? text(raw.endpoint) ?? text(pin.url);
  const pinnedDigest = text(pin.command_digest);
  return {
    name: text(raw.name) ?? serverId,
    serverId,
    ...(argv && argv.length > 0 ? { command: argv } : pinnedDigest ? { commandDigest: pinnedDigest } : {}),
    ...(url ? { url } : {}),
    ...(text(raw.trust_tier) ? { trustTier: text(raw.trust_tier)! } : {}),
    ...(text(raw.approval_state) ? { approvalState: text(raw.approval_state)! } : {}),
  };
}

function agentOf(raw: Record<string, unknown>): RegistryDetails['agents'][number] | undefined {
  const name = text(raw.agent_id) ?? text(raw.id);
  if (!name) return undefined;
  const version = text(raw.version);
  const vendor = text(raw.vendor);
  return { name, ...(version && version !== 'unknown' ? { version } : {}), ...(vendor ? { vendor } : {}) };
}

function arrayOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
