import { assertMacEqual, hmacHex, identityLines, type RunnerAuthClaims } from './hmac-signing-string.ts';

/** First line of the upstream signing string. */
export const RUNNER_AUTH_V1_CONTEXT = 'cavra.runner-auth.v1';

/**
 * The upstream v1 signing string (cavra-reference.md §6.2): eleven lines joined by `\n`.
 * It covers only the identity, so a captured v1 signature can be replayed with any request;
 * prefer {@link signRunnerAuthV2}. Kept so that upstream runners still authenticate.
 */
export function runnerAuthSigningStringV1(claims: RunnerAuthClaims): string {
  return [RUNNER_AUTH_V1_CONTEXT, ...identityLines(claims)].join('\n');
}

/** Upstream v1 HMAC runner signature: lowercase hex HMAC-SHA256 over the v1 signing string. */
export function signRunnerAuthV1(claims: RunnerAuthClaims, key: string | Uint8Array): string {
  return hmacHex(key, runnerAuthSigningStringV1(claims));
}

/** Checks an upstream v1 signature in constant time; throws `ERR_TOKEN_SIGNATURE_INVALID` when it does not match. */
export function verifyRunnerAuthV1(claims: RunnerAuthClaims, signature: unknown, key: string | Uint8Array): void {
  assertMacEqual(signRunnerAuthV1(claims, key), signature);
}
