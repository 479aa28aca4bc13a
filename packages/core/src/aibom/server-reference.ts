// What identifies an MCP server without leaking what starts it: the command line may carry
// tokens in its arguments and a URL may carry them in its user info or query.
import { mcpCommandDigest } from '../session/mcp-identity.ts';

/** `sha256:<hex>` of the JSON array of the command and its arguments: the registry pins' and the hooks' digest. */
export function commandDigest(command: readonly string[]): string {
  return mcpCommandDigest(command[0] ?? '', command.slice(1));
}

/** Whether a value is a `sha256:<64 hex>` digest. */
export function isSha256Digest(value: unknown): value is string {
  return typeof value === 'string' && /^sha256:[0-9a-f]{64}$/.test(value);
}

/** The URL without user info, query or fragment; undefined when it is not an absolute http(s) or ws(s) URL. */
export function publicUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString();
}
