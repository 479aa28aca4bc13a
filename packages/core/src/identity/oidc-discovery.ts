import { CavraError } from '../errors.ts';
import type { FetchLike } from './limited-fetch.ts';

// OpenID Connect Discovery 1.0 §4: `<issuer>/.well-known/openid-configuration`; §4.3: the
// document's `issuer` must equal the issuer it was fetched for, exactly.
/** Fetches an issuer's discovery document and returns its `jwks_uri`. */
export async function discoverJwksUrl(issuer: string, fetchImpl: FetchLike, timeoutMs: number): Promise<URL> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: unknown;
  try {
    const response = await fetchImpl(url, { headers: { accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    document = await response.json();
  } catch (cause) {
    throw unavailable(issuer, 'could not be fetched', cause);
  }
  // attacker-controlled: the discovery document.
  const fields = (typeof document === 'object' && document !== null ? document : {}) as { issuer?: unknown; jwks_uri?: unknown };
  if (fields.issuer !== issuer) throw unavailable(issuer, 'names a different issuer');
  if (typeof fields.jwks_uri !== 'string') throw unavailable(issuer, 'has no `jwks_uri`');
  return keyDocumentUrl(fields.jwks_uri, 'jwks_uri');
}

// Key documents decide what verifies, so they must come over TLS; plain http only on loopback.
/** Parses a JWKS or issuer URL, refusing plain http except on loopback addresses. */
export function keyDocumentUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new CavraError('ERR_CONFIG_INVALID', `${name} \`${value}\` is not a url`, { cause });
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new CavraError('ERR_CONFIG_INVALID', `${name} \`${value}\` must use https`, { hint: 'plain http is accepted only on loopback addresses' });
  }
  return url;
}

function unavailable(issuer: string, what: string, cause?: unknown): CavraError {
  return new CavraError('ERR_TOKEN_JWKS_UNAVAILABLE', `the oidc discovery document of \`${issuer}\` ${what}`, {
    cause,
    hint: 'check the issuer url and the network, or pin the keys with a jwks file',
    details: { issuer },
  });
}
