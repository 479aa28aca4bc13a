import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  EXIT,
  writeAll
} from "./chunk-V4KCLJIU.mjs";
import {
  AIBOM_FILE,
  aiBomFromEvidence,
  describeRunningTool
} from "./chunk-6DU4K2F4.mjs";
import "./chunk-SITSZGGZ.mjs";
import {
  CavraError
} from "./chunk-JHPPOQF4.mjs";
import "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/aibom.ts
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
var aibomCommand = async (args, io) => {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { rebuild: { type: "boolean", default: false } } });
  const dir = positionals[0];
  if (dir === void 0 || positionals.length > 1) throw new CavraError("ERR_USAGE", "give one evidence directory", { hint: "cavra aibom DIR [--rebuild]" });
  const sealed = join(dir, AIBOM_FILE);
  if (!values.rebuild && existsSync(sealed)) {
    await writeAll(io.stdout, readFileSync(sealed, "utf8"));
    return EXIT.ok;
  }
  const text = await aiBomFromEvidence(dir, { tool: describeRunningTool(process.argv[1]), now: () => /* @__PURE__ */ new Date() });
  io.stderr.write(`cavra: rebuilt from ${join(dir, "evidence.jsonl")}: the log names agents, MCP calls and pack digests, not agent versions or models
`);
  await writeAll(io.stdout, text);
  return EXIT.ok;
};
export {
  aibomCommand
};
