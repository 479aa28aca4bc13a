import { createHash } from 'node:crypto';
import { CavraError } from '../errors.ts';
import { assertMacEqual, hmacHex, identityLines, lineValue, type RunnerAuthClaims } from './hmac-signing-string.ts';
import type { NonceStore } from './nonce-store.ts';

/** First line of the v2 signing string. */
export const RUNNER_AUTH_V2_CONTEXT = 'cavra.runner-auth.v2';

/** The `algorithm` value of a v2 `runner_auth` object. */
export const RUNNER_AUTH_V2_ALGORITHM = 'HMAC-SHA256-V2';

/** A v2 HMAC `runner_auth` object: upstream's fields plus timestamp, nonce and the request digest in the MAC. */
export interface RunnerAuthV2 {
  algorithm: typeof RUNNER_AUTH_V2_ALGORITHM;
  key_id: string;
  /** Unix seconds when it was signed. */
  timestamp: number;
  /** At least 128 random bits, base64url or hex. */
  nonce: string;
  /** Lowercase hex HMAC-SHA256 over {@link runnerAuthSigningStringV2}. */
  signature: string;
  identity: RunnerAuthClaims;
}

/** What signs a v2 `runner_auth`. */
export interface SignRunnerAuthV2Options {
  key: string | Uint8Array;
  keyId: string;
  /** The exact request bytes the signature vouches for (e.g. the canonical JSON of the request). */
  request: string | Uint8Array;
  now: () => Date;
  /** Returns `n` random bytes as lowercase hex. */
  randomHex: (bytes: number) => string;
}

/** What checks a v2 `runner_auth`. */
export interface VerifyRunnerAuthV2Options {
  key: string | Uint8Array;
  /** When set, the presented `key_id` must equal it. */
  keyId?: string;
  /** The request bytes as received. */
  request: string | Uint8Array;
  now: () => Date;
  nonces: NonceStore;
  /** How far the timestamp may be from now; default 300 s. */
  maxSkewSeconds?: number;
}

const NONCE = /^[A-Za-z0-9_-]{22,128}$/;

/**
 * The v2 signing string: the v1 lines under a v2 context line, then `key_id=`, `request_sha256=`,
 * `timestamp=` and `nonce=` lines. Binding the request digest, the time and a nonce means a
 * captured signature neither vouches for another request nor can be replayed (§10 item 26).
 */
export function runnerAuthSigningStringV2(claims: RunnerAuthClaims, fields: { keyId: string; requestSha256: string; timestamp: number; nonce: string }): string {
  return [
    RUNNER_AUTH_V2_CONTEXT,
    ...identityLines(claims),
    `key_id=${lineValue(fields.keyId, 'key_id')}`,
    `request_sha256=${fields.requestSha256}`,
    `timestamp=${fields.timestamp}`,
    `nonce=${fields.nonce}`,
  ].join('\n');
}

/** Signs a request as a runner, returning the v2 `runner_auth` object to send with it. */
export function signRunnerAuthV2(claims: RunnerAuthClaims, options: SignRunnerAuthV2Options): RunnerAuthV2 {
  const timestamp = Math.floor(options.now().getTime() / 1000);
  const nonce = options.randomHex(16);
  const text = runnerAuthSigningStringV2(claims, { keyId: options.keyId, requestSha256: sha256Hex(options.request), timestamp, nonce });
  return { algorithm: RUNNER_AUTH_V2_ALGORITHM, key_id: options.keyId, timestamp, nonce, signature: hmacHex(options.key, text), identity: { ...claims } };
}

/** Verifies a v2 `runner_auth` for the request received: key id, time window, MAC, then the nonce (once only). */
export function verifyRunnerAuthV2(auth: RunnerAuthV2, options: VerifyRunnerAuthV2Options): RunnerAuthClaims {
  // attacker-controlled: every field of `auth`.
  if (auth.algorithm !== RUNNER_AUTH_V2_ALGORITHM) throw invalid('algorithm', `runner auth algorithm must be \`${RUNNER_AUTH_V2_ALGORITHM}\``);
  if (typeof auth.key_id !== 'string' || (options.keyId !== undefined && auth.key_id !== options.keyId)) throw new CavraError('ERR_TOKEN_KEY_UNKNOWN', 'runner auth key id is not the configured one');
  if (!Number.isSafeInteger(auth.timestamp)) throw invalid('timestamp', 'runner auth timestamp must be whole unix seconds');
  if (typeof auth.nonce !== 'string' || !NONCE.test(auth.nonce)) throw invalid('nonce', 'runner auth nonce must be 22 to 128 base64url or hex characters');
  const nowMs = options.now().getTime();
  const skew = options.maxSkewSeconds ?? 300;
  const age = nowMs / 1000 - auth.timestamp;
  if (age > skew) throw new CavraError('ERR_TOKEN_EXPIRED', 'runner auth signature is too old', { details: { claim: 'timestamp', maxSkewSeconds: skew } });
  if (age < -skew) throw new CavraError('ERR_TOKEN_NOT_YET_VALID', 'runner auth timestamp is in the future', { hint: 'check the runner clock', details: { claim: 'timestamp' } });
  const text = runnerAuthSigningStringV2(auth.identity, { keyId: auth.key_id, requestSha256: sha256Hex(options.request), timestamp: auth.timestamp, nonce: auth.nonce });
  assertMacEqual(hmacHex(options.key, text), auth.signature);
  // Only an authentic signature may spend a nonce, so forgeries cannot exhaust the store.
  if (!options.nonces.claim(`${auth.key_id}:${auth.nonce}`, (auth.timestamp + skew) * 1000, nowMs)) {
    throw new CavraError('ERR_TOKEN_REPLAYED', 'runner auth nonce was already used; a signature is valid once', { details: { claim: 'nonce' } });
  }
  return auth.identity;
}

function sha256Hex(request: string | Uint8Array): string {
  return createHash('sha256').update(request).digest('hex');
}

function invalid(claim: string, message: string): CavraError {
  return new CavraError('ERR_TOKEN_INVALID', message, { details: { claim } });
}
