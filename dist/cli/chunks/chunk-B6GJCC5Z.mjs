import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  readStream
} from "./chunk-ZS7SFWEG.mjs";
import {
  assertActionRequest
} from "./chunk-47BHDAET.mjs";
import {
  CavraError
} from "./chunk-DUYD24HV.mjs";

// packages/cli/src/read-requests.ts
import { readFile } from "node:fs/promises";
async function readRequests(source, stdin) {
  const text = source === "-" ? await readStream(stdin) : await readBatchFile(source);
  const requests = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index].trim();
    if (line === "") continue;
    const where = `${source === "-" ? "stdin" : `\`${source}\``} line ${index + 1}`;
    let value;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new CavraError("ERR_INPUT_INVALID_JSON", `${where} is not valid JSON: ${cause.message}`, {
        cause,
        hint: "each line of a batch is one JSON request"
      });
    }
    assertActionRequest(value, where);
    requests.push(value);
  }
  return requests;
}
async function readBatchFile(file) {
  try {
    return await readFile(file, "utf8");
  } catch (cause) {
    throw new CavraError("ERR_INPUT_UNREADABLE", `cannot read batch \`${file}\`: ${cause.code ?? "error"}`, {
      cause,
      hint: "pass a JSON Lines file, or `-` to read standard input"
    });
  }
}

export {
  readRequests
};
