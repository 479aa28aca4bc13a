// What identifies an MCP server without leaking what starts it: the command line may carry
// tokens in its arguments and a URL may carry them in its user info or query.
import { createHash } from 'node:crypto';

/** `sha256:<hex>` of the command and its arguments, as the JSON array of strings (so `a b` and `["a b"]` differ). */
export function commandDigest(command: readonly string[]): string {
  return `sha256:${createHash('sha256').update(JSON.stringify([...command])).digest('hex')}`;
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
