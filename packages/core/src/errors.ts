// One closed set of error codes; callers branch on `code`, never on `instanceof`,
// because bundled copies of this module break `instanceof`. Each code says whose it is to fix:
// `input` is the user's (bad usage or input, exit 2); `failure` is a verification or gate
// failure, or ours (exit 1).
const ERROR_KINDS = {
  ERR_USAGE: 'input',
  ERR_INPUT_UNREADABLE: 'input',
  ERR_INPUT_INVALID_JSON: 'input',
  ERR_REQUEST_INVALID: 'input',
  ERR_ACTION_TYPE_UNKNOWN: 'input',
  ERR_POLICY_YAML_INVALID: 'input',
  ERR_POLICY_PACK_INVALID: 'input',
  ERR_POLICY_PACK_NOT_FOUND: 'input',
  ERR_POLICY_INHERITANCE_CYCLE: 'input',
  ERR_REGISTRY_INVALID: 'input',
  ERR_COMMAND_PARSER_UNAVAILABLE: 'failure',
  ERR_EVIDENCE_INVALID: 'failure',
  ERR_EVIDENCE_CHAIN_BROKEN: 'failure',
  ERR_EVIDENCE_LOCKED: 'failure',
  ERR_EVIDENCE_RECORD_MALFORMED: 'failure',
  ERR_EVIDENCE_HASH_MISMATCH: 'failure',
  ERR_EVIDENCE_SEQUENCE: 'failure',
  ERR_EVIDENCE_TRUNCATED: 'failure',
  ERR_EVIDENCE_ROOT_MISMATCH: 'failure',
  ERR_EVIDENCE_UNSIGNED: 'failure',
  ERR_EVIDENCE_SIGNATURE_INVALID: 'failure',
  ERR_EVIDENCE_DIGEST_MISMATCH: 'failure',
  ERR_EVIDENCE_EMPTY: 'failure',
  ERR_EVIDENCE_CHECKPOINT_INVALID: 'failure',
  ERR_EVIDENCE_CHECKPOINT_INCONSISTENT: 'failure',
  ERR_EVIDENCE_PROOF_INVALID: 'failure',
  ERR_EVIDENCE_NOT_FOUND: 'input',
  ERR_SIGNING_FAILED: 'failure',
  ERR_SIGNING_CA_UNAVAILABLE: 'failure',
  ERR_VERIFY_FAILED: 'failure',
  ERR_KEY_INVALID: 'input',
  ERR_KEY_REVOKED: 'failure',
  ERR_KEY_UNTRUSTED: 'failure',
  ERR_KEY_OUTSIDE_WINDOW: 'failure',
  ERR_SIGNING_IDENTITY_MISMATCH: 'failure',
  ERR_SIGNING_BUNDLE_INVALID: 'failure',
  ERR_SIGNING_WRONG_RUN: 'failure',
  ERR_TOKEN_INVALID: 'failure',
  ERR_TOKEN_EXPIRED: 'failure',
  ERR_TOKEN_NOT_YET_VALID: 'failure',
  ERR_TOKEN_CLAIM_INVALID: 'failure',
  ERR_TOKEN_ALG_NOT_ALLOWED: 'failure',
  ERR_TOKEN_KEY_UNKNOWN: 'failure',
  ERR_TOKEN_SIGNATURE_INVALID: 'failure',
  ERR_TOKEN_JWKS_UNAVAILABLE: 'failure',
  ERR_TOKEN_ACQUIRE_FAILED: 'failure',
  ERR_TOKEN_REPLAYED: 'failure',
  ERR_STORE_NOT_IMMUTABLE: 'failure',
  ERR_STORE_NOT_FOUND: 'failure',
  ERR_STORE_ACCESS_DENIED: 'failure',
  ERR_STORE_CREDENTIALS_MISSING: 'input',
  ERR_STORE_UNAVAILABLE: 'failure',
  ERR_STORE_VERIFY_FAILED: 'failure',
  ERR_CONFIG_INVALID: 'input',
  ERR_INTERNAL: 'failure',
  ERR_HOOK_EVENT_INVALID: 'input',
} as const satisfies Record<`ERR_${string}`, 'input' | 'failure'>;

export type CavraErrorCode = keyof typeof ERROR_KINDS;

/** Every error code, in one stable list. */
export const CAVRA_ERROR_CODES = Object.keys(ERROR_KINDS) as readonly CavraErrorCode[];

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
  return ERROR_KINDS[error.code] === 'input';
}
