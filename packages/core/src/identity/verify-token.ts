import { jwtVerify, type JWTPayload, type JWTVerifyResult } from 'jose';
import { CavraError } from '../errors.ts';
import { DEFAULT_TOKEN_ALGORITHMS, assertTokenAlgorithms, type TokenAlgorithm } from './algorithms.ts';
import { claimMapperFor } from './claims/provider-registry.ts';
import type { RunnerIdentity, RunnerProvider } from './runner-identity.ts';
import { toTokenError } from './token-errors.ts';
import type { TokenKeys } from './token-keys.ts';

/** How to verify a runner token. */
export interface VerifyRunnerTokenOptions {
  /** The exact expected `iss` (GitHub, GHES, GitLab self-managed, one Azure organisation …). */
  issuer: string;
  /** The expected audience; the token's `aud` must include it (or one of them). */
  audience: string | readonly string[];
  /** Where the public keys come from: {@link localTokenKeys} or {@link remoteTokenKeys}. */
  keys: TokenKeys;
  /** The verification time. */
  now: () => Date;
  /** Allowed JWS algorithms; default {@link DEFAULT_TOKEN_ALGORITHMS}. Never `none`, never HMAC. */
  algorithms?: readonly TokenAlgorithm[];
  /** Clock skew allowed on `exp`, `nbf` and `iat`; default 30 s, at most 300 s. */
  clockToleranceSeconds?: number;
  /** Refuse tokens whose `iat` is older than this; default: no limit beyond `exp`. */
  maxTokenAgeSeconds?: number;
  /** Longest token accepted, in characters; default 16384. */
  maxTokenBytes?: number;
  /** Read claims as this provider's; default: recognise the provider from the claims. */
  provider?: RunnerProvider;
}

/** Defaults of {@link VerifyRunnerTokenOptions}. */
export const DEFAULT_VERIFY_RUNNER_TOKEN = { clockToleranceSeconds: 30, maxTokenBytes: 16_384 } as const;

const MAX_CLOCK_TOLERANCE_SECONDS = 300;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Verifies a CI provider's OIDC token and returns the normalised runner identity.
 *
 * The signature is checked first (jose `jwtVerify`), then issuer (exact), audience, `exp`
 * (required), `nbf` and `iat` with a small leeway, then the provider's required claims.
 * Every failure is a `CavraError` with an `ERR_TOKEN_*` code; no message holds the token.
 *
 * @example
 * const identity = await verifyRunnerToken(token, {
 *   issuer: 'https://token.actions.githubusercontent.com',
 *   audience: 'cavra',
 *   keys: remoteTokenKeys({ issuer: 'https://token.actions.githubusercontent.com', fetch }),
 *   now: () => new Date(),
 * });
 */
export async function verifyRunnerToken(token: string, options: VerifyRunnerTokenOptions): Promise<RunnerIdentity> {
  const audience = typeof options.audience === 'string' ? [options.audience] : [...options.audience];
  const algorithms = options.algorithms ?? DEFAULT_TOKEN_ALGORITHMS;
  assertTokenAlgorithms(algorithms);
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_VERIFY_RUNNER_TOKEN.clockToleranceSeconds;
  if (!(tolerance >= 0 && tolerance <= MAX_CLOCK_TOLERANCE_SECONDS)) {
    throw new CavraError('ERR_CONFIG_INVALID', `clock tolerance ${tolerance} s is outside 0 to ${MAX_CLOCK_TOLERANCE_SECONDS} s`);
  }
  if (options.issuer === '' || audience.length === 0 || audience.includes('')) {
    throw new CavraError('ERR_CONFIG_INVALID', 'token verification needs an issuer and an audience', { hint: 'an unchecked audience lets any relying party replay the token' });
  }
  assertCompactToken(token, options.maxTokenBytes ?? DEFAULT_VERIFY_RUNNER_TOKEN.maxTokenBytes);
  const now = options.now();
  let result: JWTVerifyResult;
  try {
    result = await jwtVerify(token, options.keys, {
      algorithms: [...algorithms],
      issuer: options.issuer,
      audience,
      clockTolerance: tolerance,
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'sub'],
      ...(options.maxTokenAgeSeconds !== undefined ? { maxTokenAge: options.maxTokenAgeSeconds } : {}),
    });
  } catch (error) {
    throw toTokenError(error, { token, issuer: options.issuer, audience });
  }
  assertTimeClaimsInRange(result.payload);
  assertIssuedInPast(result.payload, now, tolerance);
  const mapper = claimMapperFor(result.payload, options.provider);
  return {
    ...mapper.toIdentity(result.payload),
    issuer: options.issuer,
    subject: String(result.payload.sub),
    audience: typeof result.payload.aud === 'string' ? [result.payload.aud] : [...(result.payload.aud ?? [])],
    token_id: typeof result.payload.jti === 'string' ? result.payload.jti : null,
    key_id: result.protectedHeader.kid ?? null,
    algorithm: result.protectedHeader.alg,
    issued_at: isoTime(result.payload.iat),
    expires_at: isoTime(result.payload.exp)!,
  };
}

// attacker-controlled: the token; checked for size and shape before any parsing.
function assertCompactToken(token: string, maxBytes: number): void {
  if (typeof token !== 'string' || token.length === 0) throw new CavraError('ERR_TOKEN_INVALID', 'token is empty', { hint: 'pass a token or a token file' });
  if (token.length > maxBytes) {
    throw new CavraError('ERR_TOKEN_INVALID', `token is ${token.length} bytes, more than the limit of ${maxBytes}`, { details: { length: token.length, maxBytes } });
  }
  if (!COMPACT_JWS.test(token)) {
    throw new CavraError('ERR_TOKEN_INVALID', 'token is not a compact jws (three base64url parts separated by dots)', { hint: 'check for quotes or whitespace around the token' });
  }
}

// The last second a Date can print as an ISO year of four digits (9999-12-31T23:59:59Z).
const MAX_TIME_CLAIM = 253_402_300_799;

// attacker-controlled: a signed token can still carry `exp: 1e308`, which no Date can show.
function assertTimeClaimsInRange(payload: JWTPayload): void {
  for (const claim of ['exp', 'iat', 'nbf'] as const) {
    const value = payload[claim];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_TIME_CLAIM)) {
      throw new CavraError('ERR_TOKEN_CLAIM_INVALID', `token claim \`${claim}\` is not a time between 1970 and 9999`, { details: { claim } });
    }
  }
}

// jose checks `iat` only with `maxTokenAge`; a token issued in the future is refused here too.
function assertIssuedInPast(payload: JWTPayload, now: Date, tolerance: number): void {
  if (typeof payload.iat === 'number' && payload.iat > Math.floor(now.getTime() / 1000) + tolerance) {
    throw new CavraError('ERR_TOKEN_NOT_YET_VALID', 'token is not valid yet (`iat` is in the future)', { hint: 'check the runner clock', details: { claim: 'iat' } });
  }
}

function isoTime(seconds: number | undefined): string | null {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null;
}
