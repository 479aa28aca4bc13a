import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  localTokenKeys,
  remoteTokenKeys
} from "./chunk-52PVGCAI.mjs";
import {
  CavraError
} from "./chunk-DUYD24HV.mjs";

// packages/cli/src/commands/token-keys.ts
import { readFile } from "node:fs/promises";
async function tokenKeysOf(source) {
  if (source.jwks !== void 0) return localTokenKeys(await readJsonFile(source.jwks, "jwks file"), source.jwks);
  return remoteTokenKeys({ ...source.jwksUrl !== void 0 ? { jwksUrl: source.jwksUrl } : { issuer: source.issuer }, fetch: globalThis.fetch });
}
async function readJsonFile(file, what) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new CavraError("ERR_INPUT_UNREADABLE", `cannot read ${what} \`${file}\``, { cause, details: { file } });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CavraError("ERR_INPUT_INVALID_JSON", `${what} \`${file}\` is not valid json`, { cause, details: { file } });
  }
}

export {
  tokenKeysOf,
  readJsonFile
};
