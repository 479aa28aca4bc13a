import { localTokenKeys, remoteTokenKeys, type TokenKeys } from '@cavra/core';
import { readJsonObject } from '../read-input.ts';

/** Where a runner token's signing keys come from: a pinned JWKS file, a JWKS URL, or OIDC discovery. */
export interface TokenKeySource {
  issuer: string;
  jwks: string | undefined;
  jwksUrl: string | undefined;
}

/** The verification keys for runner tokens, as `cavra auth verify` and `cavra gate` take them. */
export async function tokenKeysOf(source: TokenKeySource): Promise<TokenKeys> {
  if (source.jwks !== undefined) return localTokenKeys(readJsonObject(source.jwks, 'jwks'), source.jwks);
  return remoteTokenKeys({ ...(source.jwksUrl !== undefined ? { jwksUrl: source.jwksUrl } : { issuer: source.issuer }), fetch: globalThis.fetch });
}
