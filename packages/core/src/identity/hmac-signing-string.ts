import { createHmac, timingSafeEqual } from 'node:crypto';
import { CavraError } from '../errors.ts';

/** The self-reported identity an HMAC runner signs (upstream `runner_auth.identity`, §6.1). */
export interface RunnerAuthClaims {
  provider: string;
  repository: string;
  workflow?: string;
  run_id?: string;
  run_attempt?: string;
  ref?: string;
  sha?: string;
  actor?: string;
  job?: string;
  runner_name?: string;
}

/** The identity lines of the signing string, in upstream order (§6.2). */
export const RUNNER_AUTH_CLAIM_FIELDS = ['provider', 'repository', 'workflow', 'run_id', 'run_attempt', 'ref', 'sha', 'actor', 'job', 'runner_name'] as const;

// A value holding a line break could forge another line (`repository=a\nref=…`), so it is refused.
/** The `name=value` lines for the identity; refuses line breaks and a missing provider or repository. */
export function identityLines(claims: RunnerAuthClaims): string[] {
  if (!claims.provider || !claims.repository) {
    throw new CavraError('ERR_TOKEN_CLAIM_INVALID', 'runner auth identity needs a provider and a repository', { details: { claim: !claims.provider ? 'provider' : 'repository' } });
  }
  return RUNNER_AUTH_CLAIM_FIELDS.map((field) => `${field}=${lineValue(claims[field] ?? '', field)}`);
}

/** A value for one signing-string line, refusing line breaks. */
export function lineValue(value: string, field: string): string {
  if (typeof value !== 'string' || /[\r\n]/.test(value)) {
    throw new CavraError('ERR_TOKEN_CLAIM_INVALID', `runner auth field \`${field}\` must be a one-line string`, { details: { claim: field } });
  }
  return value;
}

/** Lowercase hex HMAC-SHA256 of the signing string; refuses an empty key. */
export function hmacHex(key: string | Uint8Array, text: string): string {
  if (key.length === 0) throw new CavraError('ERR_KEY_INVALID', 'the runner auth hmac key is empty', { hint: 'configure a random key of at least 32 bytes' });
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented MAC with the expected one; throws when they differ. */
export function assertMacEqual(expected: string, presented: unknown): void {
  const given = typeof presented === 'string' ? presented.toLowerCase() : '';
  const ok = /^[0-9a-f]{64}$/.test(given) && timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
  if (!ok) {
    throw new CavraError('ERR_TOKEN_SIGNATURE_INVALID', 'runner auth signature does not match (wrong key, or the identity or request changed)', {
      hint: 'sign with the configured runner key over the exact request sent',
    });
  }
}
