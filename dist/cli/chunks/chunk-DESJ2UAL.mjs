import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  CavraError
} from "./chunk-7H2D2UDD.mjs";
import {
  require_fs
} from "./chunk-ZSO65TAP.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/read-input.ts
var import_node_fs = __toESM(require_fs(), 1);
function readInput(file, flag) {
  try {
    return (0, import_node_fs.readFileSync)(file);
  } catch (cause) {
    throw new CavraError("ERR_INPUT_UNREADABLE", `cannot read \`--${flag}\` file \`${file}\`: ${cause.code ?? "error"}`, { cause });
  }
}
function readJsonObject(file, flag) {
  let value;
  try {
    value = JSON.parse(readInput(file, flag).toString("utf8"));
  } catch (cause) {
    if (cause.code === "ERR_INPUT_UNREADABLE") throw cause;
    throw new CavraError("ERR_INPUT_INVALID_JSON", `\`--${flag}\` file \`${file}\` is not valid JSON`, { cause });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new CavraError("ERR_INPUT_INVALID_JSON", `\`--${flag}\` file \`${file}\` is not a JSON object`);
  return value;
}

export {
  readInput,
  readJsonObject
};
