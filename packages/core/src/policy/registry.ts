import { CavraError } from '../errors.ts';
import { normalizeMcpUrl } from './mcp-url.ts';

export const TRUST_TIERS = ['trusted', 'approved', 'experimental', 'blocked', 'unknown'] as const;
export type TrustTier = (typeof TRUST_TIERS)[number];
export const APPROVAL_STATES = ['approved', 'pending', 'denied', 'not_required'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** An MCP server record (`cavra.mcp_server.v1`, cavra-reference §4.1), with defaults applied. */
export interface McpServerRecord {
  server_id: string;
  name: string;
  trust_tier: TrustTier;
  approval_state: ApprovalState;
  capabilities: string[];
  allowed_tools: string[];
  /** Pins the server's identity: a hook event that names another command or URL for it is blocked. */
  pin?: McpServerPin;
}

/** `command_digest` is `sha256:<hex>` of the JSON array `[command, ...args]`; `url` is compared normalised. */
export interface McpServerPin {
  command_digest?: string;
  url?: string;
}

/** A registry ready for lookups. */
export interface McpRegistry {
  servers: readonly McpServerRecord[];
  byId: ReadonlyMap<string, McpServerRecord>;
  byName: ReadonlyMap<string, McpServerRecord>;
}

/** Validates a registry document (`{"agents": [...], "mcp_servers": [...]}`); `file` names it in errors. */
export function parseRegistry(value: unknown, file: string): McpRegistry {
  const fail = (path: string, expected: string) =>
    new CavraError('ERR_REGISTRY_INVALID', `invalid registry \`${file}\` at \`${path}\`: ${expected}`, {
      hint: 'see docs/policy-reference.md for the registry format',
      details: { file, path },
    });
  if (!isObject(value)) throw fail('(root)', 'expected an object with `mcp_servers`');
  const list = value.mcp_servers ?? [];
  if (!Array.isArray(list)) throw fail('mcp_servers', 'expected an array');
  const servers = list.map((raw, index): McpServerRecord => {
    const at = `mcp_servers[${index}]`;
    if (!isObject(raw)) throw fail(at, 'expected an object');
    const id = firstString(raw.server_id, raw.id, raw.name);
    if (!id) throw fail(`${at}.server_id`, 'missing `server_id`');
    const tier = raw.trust_tier ?? 'unknown';
    if (!TRUST_TIERS.includes(tier as TrustTier)) throw fail(`${at}.trust_tier`, `expected one of ${TRUST_TIERS.join(', ')}`);
    const defaultState = tier === 'unknown' || tier === 'experimental' ? 'pending' : 'approved';
    const state = raw.approval_state ?? defaultState;
    if (!APPROVAL_STATES.includes(state as ApprovalState)) throw fail(`${at}.approval_state`, `expected one of ${APPROVAL_STATES.join(', ')}`);
    for (const key of ['capabilities', 'allowed_tools'] as const) {
      const field = raw[key];
      if (field !== undefined && !(Array.isArray(field) && field.every((item) => typeof item === 'string'))) {
        throw fail(`${at}.${key}`, 'expected an array of strings');
      }
    }
    const pin = parsePin(raw.pin, `${at}.pin`, fail);
    return {
      ...(pin ? { pin } : {}),
      server_id: id,
      name: firstString(raw.name) ?? id,
      trust_tier: tier as TrustTier,
      approval_state: state as ApprovalState,
      capabilities: (raw.capabilities as string[] | undefined) ?? [],
      allowed_tools: (raw.allowed_tools as string[] | undefined) ?? [],
    };
  });
  const byId = new Map<string, McpServerRecord>();
  const nameCounts = new Map<string, McpServerRecord[]>();
  for (const server of servers) {
    if (!byId.has(server.server_id)) byId.set(server.server_id, server);
    nameCounts.set(server.name, [...(nameCounts.get(server.name) ?? []), server]);
  }
  // §10.14: a display name may stand for a server only when it is unambiguous and no id claims it.
  const byName = new Map<string, McpServerRecord>();
  for (const [name, records] of nameCounts) if (records.length === 1 && !byId.has(name)) byName.set(name, records[0]!);
  return { servers, byId, byName };
}

function parsePin(raw: unknown, at: string, fail: (path: string, expected: string) => CavraError): McpServerPin | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw fail(at, 'expected an object with `command_digest` or `url`');
  const digest = raw.command_digest;
  const url = raw.url;
  if (digest !== undefined && (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest))) throw fail(`${at}.command_digest`, 'expected `sha256:` and 64 lower-case hex digits');
  if (url !== undefined && (typeof url !== 'string' || url.trim() === '')) throw fail(`${at}.url`, 'expected a URL');
  if (digest === undefined && url === undefined) throw fail(at, 'expected `command_digest` or `url`');
  return { ...(digest !== undefined ? { command_digest: digest } : {}), ...(url !== undefined ? { url: normalizeMcpUrl(url) } : {}) };
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value.trim() !== '') return value;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
