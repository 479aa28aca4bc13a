import { CavraError } from '../../errors.ts';
import type { RunnerIdentity, RunnerProvider } from '../runner-identity.ts';

/** Verified JWT claims (jose `JWTPayload`); still attacker-shaped, so read every value defensively. */
export type TokenClaims = Readonly<Record<string, unknown>>;

/** The provider-specific part of an identity; the verifier fills the token fields. */
export type ProviderIdentity = Omit<RunnerIdentity, 'issuer' | 'subject' | 'audience' | 'token_id' | 'key_id' | 'algorithm' | 'issued_at' | 'expires_at'>;

/** One provider's claim mapping: how to recognise its tokens and read them. */
export interface ClaimMapper {
  provider: RunnerProvider;
  /** Whether these claims look like this provider's (a hint only; `toIdentity` still requires its claims). */
  matches: (claims: TokenClaims) => boolean;
  toIdentity: (claims: TokenClaims) => ProviderIdentity;
}

// Providers send ids as strings (GitLab, GitHub) but a number must not turn into `null` silently.
/** A string claim, a finite number as a string, else `null`; empty strings are `null`. */
export function optionalClaim(claims: TokenClaims, name: string): string | null {
  const value = claims[name];
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A claim the provider always sends; its absence means the token is not what it claims to be. */
export function requiredClaim(claims: TokenClaims, name: string, provider: RunnerProvider): string {
  const value = optionalClaim(claims, name);
  if (value === null) {
    throw new CavraError('ERR_TOKEN_CLAIM_INVALID', `token has no \`${name}\` claim, which every ${provider} token carries`, {
      hint: 'check that the token comes from the configured CI provider',
      details: { claim: name, provider },
    });
  }
  return value;
}

/** `true`/`false` from a boolean or a `"true"`/`"false"` string claim, else `null`. */
export function booleanClaim(claims: TokenClaims, name: string): boolean | null {
  const value = claims[name];
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
}

/** `branch` or `tag` from a full git ref, else `null`. */
export function refTypeOf(ref: string | null): string | null {
  if (ref?.startsWith('refs/heads/')) return 'branch';
  if (ref?.startsWith('refs/tags/')) return 'tag';
  return null;
}
