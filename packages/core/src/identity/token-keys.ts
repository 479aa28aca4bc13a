import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { CavraError, isCavraError } from '../errors.ts';

/** Resolves the public key for a token header (a jose `JWTVerifyGetKey`); errors are already CAVRA errors. */
export type TokenKeys = JWTVerifyGetKey;

/**
 * Keys from a pinned JWKS (offline and air-gapped runs).
 *
 * @param jwks - the parsed JWKS document (`{ "keys": [...] }`)
 * @param source - where it came from, for messages (a file name, never the content)
 */
export function localTokenKeys(jwks: unknown, source: string): TokenKeys {
  let resolver: TokenKeys;
  try {
    resolver = createLocalJWKSet(jwks as JSONWebKeySet);
  } catch (cause) {
    throw new CavraError('ERR_KEY_INVALID', `\`${source}\` is not a json web key set`, {
      cause,
      hint: 'give a jwks document of public keys: `{"keys": [...]}`',
      details: { source },
    });
  }
  return strictTokenKeys(resolver, source);
}

// Every resolver goes through here, so that key-lookup failures have the same codes whatever the
// source, and a token without `kid` is refused even when one key would match by type alone.
/** Wraps a jose key resolver: requires a `kid` and turns jose and fetch errors into CAVRA errors. */
export function strictTokenKeys(resolver: TokenKeys, source: string): TokenKeys {
  return async (header, token) => {
    // attacker-controlled: the header is not verified yet; only its `kid` and `alg` are read.
    if (typeof header.kid !== 'string' || header.kid === '') {
      throw new CavraError('ERR_TOKEN_KEY_UNKNOWN', 'token header has no `kid`, so its key cannot be chosen', { details: { source } });
    }
    try {
      return await resolver(header, token);
    } catch (error) {
      throw keyLookupError(error, header.kid, source);
    }
  };
}

function keyLookupError(error: unknown, kid: string, source: string): CavraError {
  if (isCavraError(error)) return error;
  const safeKid = kid.slice(0, 64).replace(/[^\w.:-]/g, '?');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JOSENotSupported) {
    return new CavraError('ERR_TOKEN_KEY_UNKNOWN', `no key in \`${source}\` matches token key id \`${safeKid}\``, {
      cause: error,
      hint: 'the token was signed by a key this issuer does not publish, or the jwks is stale',
      details: { source, kid: safeKid },
    });
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new CavraError('ERR_TOKEN_KEY_UNKNOWN', `more than one key in \`${source}\` matches token key id \`${safeKid}\``, {
      cause: error,
      details: { source, kid: safeKid },
    });
  }
  // Timeouts, refused connections (a plain TypeError from fetch), non-200 answers and documents
  // that are not a JWKS: the keys are unavailable, and we fail closed.
  const what = error instanceof errors.JWKSTimeout ? 'timed out' : error instanceof errors.JWKSInvalid ? 'is not a valid json web key set' : 'could not be fetched';
  return new CavraError('ERR_TOKEN_JWKS_UNAVAILABLE', `the jwks at \`${source}\` ${what}`, {
    cause: error,
    hint: 'check the network and the issuer, or pin the keys with a jwks file',
    details: { source },
  });
}
