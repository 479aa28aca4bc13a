import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  EXIT,
  writeAll
} from "./chunk-V4KCLJIU.mjs";
import {
  checkRunningBundle
} from "./chunk-6DU4K2F4.mjs";
import "./chunk-SITSZGGZ.mjs";
import {
  CavraError
} from "./chunk-JHPPOQF4.mjs";
import "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/self-verify.ts
import { parseArgs } from "node:util";
var selfVerifyCommand = async (args, io) => {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { sums: { type: "string" }, json: { type: "boolean", default: false } } });
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
