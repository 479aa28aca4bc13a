import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);

// packages/core/src/errors.ts
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
  return USER_INPUT_CODES.has(error.code);
}
var USER_INPUT_CODES = /* @__PURE__ */ new Set([
  "ERR_USAGE",
  "ERR_INPUT_UNREADABLE",
  "ERR_INPUT_INVALID_JSON",
  "ERR_REQUEST_INVALID",
  "ERR_ACTION_TYPE_UNKNOWN",
  "ERR_POLICY_YAML_INVALID",
  "ERR_POLICY_PACK_INVALID",
  "ERR_POLICY_PACK_NOT_FOUND",
  "ERR_POLICY_INHERITANCE_CYCLE",
  "ERR_REGISTRY_INVALID",
  "ERR_KEY_INVALID",
  "ERR_EVIDENCE_NOT_FOUND",
  "ERR_CONFIG_INVALID",
  "ERR_STORE_CREDENTIALS_MISSING"
]);

export {
  CavraError,
  isCavraError,
  isUserInputError
};
