import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  CavraError
} from "./chunk-JHPPOQF4.mjs";

// packages/cli/src/read-input.ts
import { readFileSync } from "node:fs";
function readInput(file, flag) {
  try {
    return readFileSync(file);
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
async function readStream(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

export {
  readInput,
  readJsonObject,
  readStream
};
