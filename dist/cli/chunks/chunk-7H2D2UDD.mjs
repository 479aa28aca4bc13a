import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);

// packages/core/src/errors.ts
var ERROR_KINDS = {
  ERR_USAGE: "input",
  ERR_INPUT_UNREADABLE: "input",
  ERR_INPUT_INVALID_JSON: "input",
  ERR_REQUEST_INVALID: "input",
  ERR_REQUEST_TOO_LARGE: "input",
  ERR_ACTION_TYPE_UNKNOWN: "input",
  ERR_POLICY_YAML_INVALID: "input",
  ERR_POLICY_PACK_INVALID: "input",
  ERR_POLICY_PACK_NOT_FOUND: "input",
  ERR_POLICY_INHERITANCE_CYCLE: "input",
  ERR_REGISTRY_INVALID: "input",
  ERR_APPROVERS_INVALID: "input",
  ERR_COMMAND_PARSER_UNAVAILABLE: "failure",
  ERR_EVIDENCE_INVALID: "failure",
  ERR_EVIDENCE_CHAIN_BROKEN: "failure",
  ERR_EVIDENCE_LOCKED: "failure",
  ERR_EVIDENCE_RECORD_MALFORMED: "failure",
  ERR_EVIDENCE_HASH_MISMATCH: "failure",
  ERR_EVIDENCE_SEQUENCE: "failure",
  ERR_EVIDENCE_TRUNCATED: "failure",
  ERR_EVIDENCE_ROOT_MISMATCH: "failure",
  ERR_EVIDENCE_UNSIGNED: "failure",
  ERR_EVIDENCE_SIGNATURE_INVALID: "failure",
  ERR_EVIDENCE_DIGEST_MISMATCH: "failure",
  ERR_EVIDENCE_EMPTY: "failure",
  ERR_EVIDENCE_CHECKPOINT_INVALID: "failure",
  ERR_EVIDENCE_CHECKPOINT_INCONSISTENT: "failure",
  ERR_EVIDENCE_PROOF_INVALID: "failure",
  ERR_EVIDENCE_NOT_FOUND: "input",
  ERR_SIGNING_FAILED: "failure",
  ERR_SIGNING_CA_UNAVAILABLE: "failure",
  ERR_VERIFY_FAILED: "failure",
  ERR_KEY_INVALID: "input",
  ERR_KEY_REVOKED: "failure",
  ERR_KEY_UNTRUSTED: "failure",
  ERR_KEY_OUTSIDE_WINDOW: "failure",
  ERR_SIGNING_IDENTITY_MISMATCH: "failure",
  ERR_SIGNING_BUNDLE_INVALID: "failure",
  ERR_SIGNING_WRONG_RUN: "failure",
  ERR_TOKEN_INVALID: "failure",
  ERR_TOKEN_EXPIRED: "failure",
  ERR_TOKEN_NOT_YET_VALID: "failure",
  ERR_TOKEN_CLAIM_INVALID: "failure",
  ERR_TOKEN_ALG_NOT_ALLOWED: "failure",
  ERR_TOKEN_KEY_UNKNOWN: "failure",
  ERR_TOKEN_SIGNATURE_INVALID: "failure",
  ERR_TOKEN_JWKS_UNAVAILABLE: "failure",
  ERR_TOKEN_ACQUIRE_FAILED: "failure",
  ERR_TOKEN_REPLAYED: "failure",
  ERR_STORE_NOT_IMMUTABLE: "failure",
  ERR_STORE_NOT_FOUND: "failure",
  ERR_STORE_ACCESS_DENIED: "failure",
  ERR_STORE_CREDENTIALS_MISSING: "input",
  ERR_STORE_UNAVAILABLE: "failure",
  ERR_STORE_VERIFY_FAILED: "failure",
  ERR_CONFIG_INVALID: "input",
  ERR_GITLAB_CHANGES_UNREADABLE: "failure",
  ERR_GITLAB_CHANGES_INCOMPLETE: "failure",
  ERR_PROVIDER_API_FAILED: "failure",
  ERR_INTERNAL: "failure",
  ERR_HOOK_EVENT_INVALID: "input"
};
var CAVRA_ERROR_CODES = Object.keys(ERROR_KINDS);
var CavraError = class extends Error {
  code;
  hint;
  details;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "CavraError";
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
};
function isCavraError(value) {
  return typeof value === "object" && value !== null && value.name === "CavraError" && typeof value.code === "string";
}
function isUserInputError(error) {
  return ERROR_KINDS[error.code] === "input";
}

export {
  CAVRA_ERROR_CODES,
  CavraError,
  isCavraError,
  isUserInputError
};
