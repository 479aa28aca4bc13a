import { CavraError } from '../errors.ts';

/**
 * The asymmetric JWS algorithms a runner token may use. `none` and the HMAC family (`HS*`) are
 * deliberately absent: a verifier holding only public keys must never accept a shared-secret MAC
 * (RFC 8725 §3.1, §3.2).
 */
export const TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
export type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number];

/** The default allow-list: RS256 (GitHub, GitLab, Azure Pipelines) and ES256. */
export const DEFAULT_TOKEN_ALGORITHMS: readonly TokenAlgorithm[] = ['RS256', 'ES256'];

/** Checks a configured allow-list, so `none` or `HS256` in configuration fails loudly instead of widening it. */
export function assertTokenAlgorithms(algorithms: readonly string[]): asserts algorithms is readonly TokenAlgorithm[] {
  if (algorithms.length === 0) throw new CavraError('ERR_CONFIG_INVALID', 'the token algorithm allow-list is empty', { hint: 'allow at least `RS256`' });
  for (const algorithm of algorithms) {
    if (!(TOKEN_ALGORITHMS as readonly string[]).includes(algorithm)) {
      throw new CavraError('ERR_CONFIG_INVALID', `token algorithm \`${algorithm}\` cannot be allowed`, {
        hint: `allow only asymmetric algorithms: ${TOKEN_ALGORITHMS.join(', ')}`,
        details: { algorithm },
      });
    }
  }
}
