import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  EXIT,
  writeAll
} from "./chunk-YN2G34MT.mjs";
import {
  AIBOM_FILE,
  aiBomFromEvidence,
  describeRunningTool
} from "./chunk-WIK5C6RR.mjs";
import "./chunk-72RH5EZN.mjs";
import "./chunk-SAI5SU2U.mjs";
import "./chunk-O7CMETT5.mjs";
import "./chunk-NIT4QXTO.mjs";
import "./chunk-4GD4C4T6.mjs";
import {
  CavraError
} from "./chunk-7H2D2UDD.mjs";
import "./chunk-2543WERG.mjs";
import {
  require_util
} from "./chunk-VGNHR5IA.mjs";
import "./chunk-KBDOPHKI.mjs";
import "./chunk-EEGBRVFG.mjs";
import "./chunk-N45RTMHM.mjs";
import {
  require_fs
} from "./chunk-ZSO65TAP.mjs";
import {
  require_path
} from "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/aibom.ts
var import_node_fs = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var import_node_util = __toESM(require_util(), 1);
var aibomCommand = async (args, io) => {
  const { values, positionals } = (0, import_node_util.parseArgs)({ args, strict: true, allowPositionals: true, options: { rebuild: { type: "boolean", default: false } } });
  const dir = positionals[0];
  if (dir === void 0 || positionals.length > 1) throw new CavraError("ERR_USAGE", "give one evidence directory", { hint: "cavra aibom DIR [--rebuild]" });
  const sealed = (0, import_node_path.join)(dir, AIBOM_FILE);
  if (!values.rebuild && (0, import_node_fs.existsSync)(sealed)) {
    await writeAll(io.stdout, (0, import_node_fs.readFileSync)(sealed, "utf8"));
    return EXIT.ok;
  }
  const text = await aiBomFromEvidence(dir, { tool: describeRunningTool(process.argv[1]), now: () => /* @__PURE__ */ new Date() });
  io.stderr.write(`cavra: rebuilt from ${(0, import_node_path.join)(dir, "evidence.jsonl")}: the log names agents, MCP calls and pack digests, not agent versions or models
`);
  await writeAll(io.stdout, text);
  return EXIT.ok;
};
export {
  aibomCommand
};
