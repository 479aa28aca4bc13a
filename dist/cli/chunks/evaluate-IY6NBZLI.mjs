import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  policyFlags,
  policyOptionsOf
} from "./chunk-CPZPROH3.mjs";
import {
  EXIT,
  writeAll
} from "./chunk-YN2G34MT.mjs";
import {
  appendEvidence,
  assertActionRequest,
  batchEvaluator,
  parseExactJson,
  prepareDecisionPolicy,
  selectPackId,
  systemDecisionContext
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
import {
  require_promises
} from "./chunk-N45RTMHM.mjs";
import "./chunk-ZSO65TAP.mjs";
import "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/evaluate.ts
var import_node_util = __toESM(require_util(), 1);

// packages/cli/src/read-requests.ts
var import_promises = __toESM(require_promises(), 1);
async function readRequests(source, stdin) {
  const bytes = source === "-" ? await readStreamBytes(stdin) : await readBatchFile(source);
  const requests = [];
  let index = 0;
  for (let start = 0; start < bytes.length; index += 1) {
    const newline = bytes.indexOf(10, start);
    const end = newline === -1 ? bytes.length : newline;
    const line = bytes.subarray(start, end);
    start = end + 1;
    if (line.toString("latin1").trim() === "") continue;
    const where = `${source === "-" ? "stdin" : `\`${source}\``} line ${index + 1}`;
    const value = parseExactJson(line, where);
    assertActionRequest(value, where);
    requests.push(value);
  }
  return requests;
}
async function readStreamBytes(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
async function readBatchFile(file) {
  try {
    return await (0, import_promises.readFile)(file);
  } catch (cause) {
    throw new CavraError("ERR_INPUT_UNREADABLE", `cannot read batch \`${file}\`: ${cause.code ?? "error"}`, {
      cause,
      hint: "pass a JSON Lines file, or `-` to read standard input"
    });
  }
}

// packages/cli/src/commands/evaluate.ts
function parseEvaluateArgs(args) {
  const { values } = (0, import_node_util.parseArgs)({
    args,
    strict: true,
    allowPositionals: false,
    options: { ...policyFlags, request: { type: "string" }, batch: { type: "string" }, evidence: { type: "string" } }
  });
  if (values.request === void 0 === (values.batch === void 0)) {
    throw new CavraError("ERR_USAGE", "give exactly one of `--request JSON` or `--batch FILE|-`", { hint: "see `cavra --help`" });
  }
  return { policy: policyOptionsOf(values), request: values.request, batch: values.batch, evidence: values.evidence };
}
var evaluateCommand = async (args, io) => {
  const options = parseEvaluateArgs(args);
  const requests = options.request !== void 0 ? [parseOneRequest(options.request)] : await readRequests(options.batch, io.stdin);
  const policy = await prepareDecisionPolicy({ ...options.policy, cwd: process.cwd() }, requests);
  const context = systemDecisionContext();
  const evaluate = batchEvaluator(policy);
  const decisions = requests.map((request) => evaluate(request, context));
  if (options.evidence !== void 0) {
    const inputs = decisions.map((decision, i) => ({ decision, request: requests[i], packDigest: policy.packs.get(selectPackId(requests[i], policy.defaultPackId))?.digest ?? "" }));
    await appendEvidence(options.evidence, inputs, { now: context.now });
  }
  const text = options.request !== void 0 ? `${JSON.stringify(decisions[0], null, 2)}
` : decisions.map((d) => `${JSON.stringify(d)}
`).join("");
  await writeAll(io.stdout, text);
  return EXIT.ok;
};
function parseOneRequest(text) {
  const value = parseExactJson(text, "`--request`");
  assertActionRequest(value, "`--request`");
  return value;
}
export {
  evaluateCommand
};
