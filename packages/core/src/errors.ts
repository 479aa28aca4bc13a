// One closed set of error codes; callers branch on `code`, never on `instanceof`,
// because bundled copies of this module break `instanceof`.
export const CAVRA_ERROR_CODES = [
  'ERR_USAGE',
  'ERR_INPUT_UNREADABLE',
  'ERR_INPUT_INVALID_JSON',
  'ERR_REQUEST_INVALID',
  'ERR_ACTION_TYPE_UNKNOWN',
  'ERR_POLICY_YAML_INVALID',
  'ERR_POLICY_PACK_INVALID',
  'ERR_POLICY_PACK_NOT_FOUND',
  'ERR_POLICY_INHERITANCE_CYCLE',
  'ERR_POLICY_EXAMPLE_FAILED',
  'ERR_REGISTRY_INVALID',
  'ERR_COMMAND_PARSER_UNAVAILABLE',
  'ERR_EVIDENCE_INVALID',
  'ERR_EVIDENCE_CHAIN_BROKEN',
  'ERR_EVIDENCE_LOCKED',
  'ERR_EVIDENCE_RECORD_MALFORMED',
  'ERR_EVIDENCE_HASH_MISMATCH',
  'ERR_EVIDENCE_SEQUENCE',
  'ERR_EVIDENCE_TRUNCATED',
  'ERR_EVIDENCE_ROOT_MISMATCH',
  'ERR_EVIDENCE_UNSIGNED',
  'ERR_EVIDENCE_SIGNATURE_INVALID',
  'ERR_EVIDENCE_DIGEST_MISMATCH',
  'ERR_EVIDENCE_EMPTY',
  'ERR_EVIDENCE_CHECKPOINT_INVALID',
  'ERR_EVIDENCE_CHECKPOINT_INCONSISTENT',
  'ERR_EVIDENCE_PROOF_INVALID',
  'ERR_EVIDENCE_NOT_FOUND',
  'ERR_SIGNING_FAILED',
  'ERR_SIGNING_CA_UNAVAILABLE',
  'ERR_VERIFY_FAILED',
  'ERR_KEY_INVALID',
  'ERR_KEY_REVOKED',
  'ERR_KEY_UNTRUSTED',
  'ERR_KEY_OUTSIDE_WINDOW',
  'ERR_SIGNING_IDENTITY_MISMATCH',
  'ERR_SIGNING_BUNDLE_INVALID',
  'ERR_SIGNING_WRONG_RUN',
  'ERR_TOKEN_INVALID',
  'ERR_TOKEN_EXPIRED',
  'ERR_TOKEN_NOT_YET_VALID',
  'ERR_TOKEN_CLAIM_INVALID',
  'ERR_TOKEN_ALG_NOT_ALLOWED',
  'ERR_TOKEN_KEY_UNKNOWN',
  'ERR_TOKEN_SIGNATURE_INVALID',
  'ERR_TOKEN_JWKS_UNAVAILABLE',
  'ERR_TOKEN_ACQUIRE_FAILED',
  'ERR_TOKEN_REPLAYED',
  'ERR_STORE_NOT_IMMUTABLE',
  'ERR_STORE_NOT_FOUND',
  'ERR_STORE_ACCESS_DENIED',
  'ERR_STORE_CREDENTIALS_MISSING',
  'ERR_STORE_UNAVAILABLE',
  'ERR_STORE_VERIFY_FAILED',
  'ERR_CONFIG_INVALID',
  'ERR_INTERNAL',
] as const;

export type CavraErrorCode = (typeof CAVRA_ERROR_CODES)[number];

export interface CavraErrorOptions {
  cause?: unknown;
  /** How the user can fix it, one line. */
  hint?: string;
  /** Non-secret context such as `{ file, path }`; never a token, key or signature input. */
  details?: Record<string, unknown>;
}

/** The one error type of CAVRA: a stable `code`, a lowercase one-line message and an optional hint. */
export class CavraError extends Error {
  readonly code: CavraErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: CavraErrorCode, message: string, options: CavraErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CavraError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** Whether a value is a CavraError, tested by shape so that bundled copies still match. */
export function isCavraError(value: unknown): value is CavraError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'CavraError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/** Whether an error is the user's to fix (bad usage or input) rather than a verification failure or our bug. */
export function isUserInputError(error: CavraError): boolean {
  return USER_INPUT_CODES.has(error.code);
}

const USER_INPUT_CODES: ReadonlySet<CavraErrorCode> = new Set<CavraErrorCode>([
  'ERR_USAGE',
  'ERR_INPUT_UNREADABLE',
  'ERR_INPUT_INVALID_JSON',
  'ERR_REQUEST_INVALID',
  'ERR_ACTION_TYPE_UNKNOWN',
  'ERR_POLICY_YAML_INVALID',
  'ERR_POLICY_PACK_INVALID',
  'ERR_POLICY_PACK_NOT_FOUND',
  'ERR_POLICY_INHERITANCE_CYCLE',
  'ERR_REGISTRY_INVALID',
  'ERR_KEY_INVALID',
  'ERR_EVIDENCE_NOT_FOUND',
  'ERR_CONFIG_INVALID',
  'ERR_STORE_CREDENTIALS_MISSING',
]);
