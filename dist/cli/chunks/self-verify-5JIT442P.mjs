import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  EXIT,
  writeAll
} from "./chunk-YN2G34MT.mjs";
import {
  checkRunningBundle
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
import "./chunk-ZSO65TAP.mjs";
import "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/self-verify.ts
var import_node_util = __toESM(require_util(), 1);
var selfVerifyCommand = async (args, io) => {
  const { values, positionals } = (0, import_node_util.parseArgs)({ args, strict: true, allowPositionals: true, options: { sums: { type: "string" }, json: { type: "boolean", default: false } } });
  if (positionals.length > 0) throw new CavraError("ERR_USAGE", "self-verify takes no arguments", { hint: "cavra self-verify [--sums FILE] [--json]" });
  const entry = process.argv[1];
  if (entry === void 0) throw new CavraError("ERR_USAGE", "cannot tell which file is running", { hint: "run it as `node dist/cli/cavra.mjs self-verify`" });
  const check = checkRunningBundle(entry, values.sums === void 0 ? {} : { sumsFile: values.sums });
  const text = values.json ? `${JSON.stringify(check, null, 2)}
` : check.valid ? `ok: ${check.checked} files match ${check.sumsFile} (sha256 ${check.sumsSha256})
` : `${check.problems.map((problem) => `problem: ${problem}
`).join("")}self-verify failed: the running bundle does not match ${check.sumsFile ?? "SHA256SUMS"}
`;
  await writeAll(check.valid || values.json ? io.stdout : io.stderr, text);
  return check.valid ? EXIT.ok : EXIT.failed;
};
export {
  selfVerifyCommand
};
