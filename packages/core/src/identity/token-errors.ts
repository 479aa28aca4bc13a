import { decodeProtectedHeader, errors } from 'jose';
import { CavraError, isCavraError } from '../errors.ts';

/** What the messages may say about the configuration (never about the token's content). */
export interface TokenErrorContext {
  token: string;
  issuer: string;
  audience: readonly string[];
}

// The boundary with jose: each jose error becomes one CAVRA code, the jose error kept as `cause`.
// Messages name the configured values and claim names only; never the token or its signature.
/** Maps an error thrown while verifying a token to a CAVRA error with an `ERR_TOKEN_*` code. */
export function toTokenError(error: unknown, context: TokenErrorContext): CavraError {
  if (isCavraError(error)) return error;
  if (error instanceof errors.JOSEAlgNotAllowed) {
    const alg = headerAlgorithm(context.token);
    return new CavraError('ERR_TOKEN_ALG_NOT_ALLOWED', `token algorithm \`${alg}\` is not allowed`, {
      cause: error,
      hint: 'runner tokens must be signed with an asymmetric algorithm from the allow-list (never `none` or hmac)',
      details: { algorithm: alg },
    });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new CavraError('ERR_TOKEN_SIGNATURE_INVALID', 'token signature does not verify with the issuer key', { cause: error });
  }
  if (error instanceof errors.JWTExpired) {
    return new CavraError('ERR_TOKEN_EXPIRED', error.claim === 'iat' ? 'token is older than the maximum token age' : 'token has expired', {
      cause: error,
      hint: 'request a fresh token in the same job',
      details: { claim: error.claim },
    });
  }
  if (error instanceof errors.JWTClaimValidationFailed) return claimError(error, context);
  const malformed = error instanceof errors.JOSEError || error instanceof TypeError;
  return new CavraError('ERR_TOKEN_INVALID', malformed ? `token is malformed: ${(error as Error).message}` : 'token could not be verified', { cause: error });
}

function claimError(error: InstanceType<typeof errors.JWTClaimValidationFailed>, context: TokenErrorContext): CavraError {
  const { claim, reason } = error;
  const details = { claim, reason };
  if ((claim === 'nbf' || claim === 'iat') && reason === 'check_failed') {
    return new CavraError('ERR_TOKEN_NOT_YET_VALID', `token is not valid yet (\`${claim}\` is in the future)`, { cause: error, hint: 'check the runner clock', details });
  }
  if (reason === 'missing') {
    return new CavraError('ERR_TOKEN_CLAIM_INVALID', `token has no \`${claim}\` claim`, { cause: error, hint: claim === 'exp' ? 'tokens without expiry are refused' : undefined, details });
  }
  if (claim === 'iss') {
    return new CavraError('ERR_TOKEN_CLAIM_INVALID', `token issuer is not \`${context.issuer}\``, { cause: error, hint: 'configure the issuer that minted the token', details });
  }
  if (claim === 'aud') {
    return new CavraError('ERR_TOKEN_CLAIM_INVALID', `token audience does not include \`${context.audience.join('`, `')}\``, {
      cause: error,
      hint: 'request the token with the configured audience',
      details,
    });
  }
  return new CavraError('ERR_TOKEN_CLAIM_INVALID', `token claim \`${claim}\` is invalid (${reason})`, { cause: error, details });
}

// Used only to name the refused algorithm; the header is not trusted for anything else.
function headerAlgorithm(token: string): string {
  try {
    const alg = decodeProtectedHeader(token).alg;
    return typeof alg === 'string' ? alg.slice(0, 16).replace(/[^\w-]/g, '?') : 'missing';
  } catch {
    return 'unreadable';
  }
}
