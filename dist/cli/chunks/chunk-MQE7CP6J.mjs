import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  readJsonObject
} from "./chunk-ZS7SFWEG.mjs";
import {
  localTokenKeys,
  remoteTokenKeys
} from "./chunk-47BHDAET.mjs";

// packages/cli/src/commands/token-keys.ts
async function tokenKeysOf(source) {
  if (source.jwks !== void 0) return localTokenKeys(readJsonObject(source.jwks, "jwks"), source.jwks);
  return remoteTokenKeys({ ...source.jwksUrl !== void 0 ? { jwksUrl: source.jwksUrl } : { issuer: source.issuer }, fetch: globalThis.fetch });
}

export {
  tokenKeysOf
};
