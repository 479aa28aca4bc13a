import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_MAX_DOCUMENT_BYTES, limitedFetch, type FetchLike } from './limited-fetch.ts';
import { discoverJwksUrl, keyDocumentUrl } from './oidc-discovery.ts';
import { strictTokenKeys, type TokenKeys } from './token-keys.ts';

/** Where to fetch keys from, and how patiently. */
export interface RemoteTokenKeysOptions {
  /** Fetch the JWKS from this URL directly; otherwise discover it from `issuer`. */
  jwksUrl?: string;
  /** The issuer whose OIDC discovery document names the JWKS (used when `jwksUrl` is absent). */
  issuer?: string;
  /** The network; global `fetch` at the edge. */
  fetch: FetchLike;
  /** Per request; default 5000 ms. */
  timeoutMs?: number;
  /** After a fetch, how long an unknown `kid` does not trigger a refetch; default 30000 ms (jose). */
  cooldownMs?: number;
  /** How long fetched keys are used before a refetch; default 600000 ms (jose). */
  cacheMaxAgeMs?: number;
  /** Largest document read; default 1 MiB. */
  maxDocumentBytes?: number;
}

/** Defaults of {@link RemoteTokenKeysOptions}. */
export const DEFAULT_REMOTE_TOKEN_KEYS = { timeoutMs: 5000, cooldownMs: 30_000, cacheMaxAgeMs: 600_000 } as const;

/**
 * Keys fetched from an issuer's JWKS, directly or through OIDC discovery.
 *
 * jose caches the set and refetches once when a token names an unknown `kid` (after the cooldown),
 * so key rotation works and random kids cannot flood the issuer. The discovery document is
 * fetched once, on first use; a failed discovery is retried on the next token.
 */
export function remoteTokenKeys(options: RemoteTokenKeysOptions): TokenKeys {
  if (options.jwksUrl === undefined && options.issuer === undefined) throw new TypeError('remoteTokenKeys needs `jwksUrl` or `issuer`');
  const fetchImpl = limitedFetch(options.fetch, options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES);
  const timeoutMs = options.timeoutMs ?? DEFAULT_REMOTE_TOKEN_KEYS.timeoutMs;
  const open = (url: URL): JWTVerifyGetKey =>
    createRemoteJWKSet(url, {
      timeoutDuration: timeoutMs,
      cooldownDuration: options.cooldownMs ?? DEFAULT_REMOTE_TOKEN_KEYS.cooldownMs,
      cacheMaxAge: options.cacheMaxAgeMs ?? DEFAULT_REMOTE_TOKEN_KEYS.cacheMaxAgeMs,
      [customFetch]: fetchImpl,
    });
  if (options.jwksUrl !== undefined) {
    const url = keyDocumentUrl(options.jwksUrl, 'jwks url');
    return strictTokenKeys(open(url), url.href);
  }
  const issuer = options.issuer!;
  keyDocumentUrl(issuer, 'issuer');
  let pending: Promise<JWTVerifyGetKey> | undefined;
  const discovered: JWTVerifyGetKey = async (header, token) => {
    pending ??= discoverJwksUrl(issuer, fetchImpl, timeoutMs).then(open);
    pending.catch(() => (pending = undefined));
    return (await pending)(header, token);
  };
  return strictTokenKeys(discovered, issuer);
}
