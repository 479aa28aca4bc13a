/** A URL as MCP server pins compare it: scheme and host lower-cased, default port, query and fragment dropped, no trailing slash. */
export function normalizeMcpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host.toLowerCase()}${path}`;
}
