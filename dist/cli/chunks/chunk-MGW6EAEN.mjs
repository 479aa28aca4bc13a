import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  policyFlags,
  policyOptionsOf
} from "./chunk-CPZPROH3.mjs";
import {
  EXIT,
  readStdin,
  writeAll,
  writeStderr,
  writeStdout
} from "./chunk-YN2G34MT.mjs";
import {
  GATE_DEFAULT_PACK_ID,
  HOOK_AGENTS,
  appendEvidence,
  decideHookRequests,
  failClosedAnswer,
  hookOutcome,
  hookProtocol,
  planHookInstall,
  prepareDecisionPolicy,
  readHookEvent,
  recordVerdict,
  systemDecisionContext
} from "./chunk-WIK5C6RR.mjs";
import {
  CavraError
} from "./chunk-7H2D2UDD.mjs";
import {
  require_crypto
} from "./chunk-2543WERG.mjs";
import {
  require_util
} from "./chunk-VGNHR5IA.mjs";
import {
  require_fs
} from "./chunk-ZSO65TAP.mjs";
import {
  require_path
} from "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/hook.ts
var import_node_crypto = __toESM(require_crypto(), 1);
var import_node_fs = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var import_node_util = __toESM(require_util(), 1);
var MAX_EVENT_BYTES = 16 * 1024 * 1024;
var hookCommand = async (args, io) => {
  if (args[0] === "install") return installCommand(args.slice(1), io);
  let parsed;
  try {
    parsed = parseHookArgs(args);
  } catch (error) {
    if (!HOOK_AGENTS.includes(args[0] ?? "")) throw error;
    const answer2 = failClosedAnswer(hookProtocol(args[0]), `the hook's command line is wrong: ${error.message}`);
    await writeStdout(io, answer2.stdout);
    await writeStderr(io, answer2.stderr);
    return answer2.exitCode;
  }
  const { values, positionals } = parsed;
  const protocol = hookProtocol(positionals[0]);
  const evidenceDir = values.evidence ?? (process.env.CAVRA_EVIDENCE || void 0);
  const context = systemDecisionContext();
  let answer;
  let event;
  try {
    const text = await readStdin(io);
    if (Buffer.byteLength(text) > MAX_EVENT_BYTES) throw new CavraError("ERR_HOOK_EVENT_INVALID", "the hook event is larger than 16 MiB");
    const reading = readHookEvent(protocol, text, values.root);
    if (!reading.ok) {
      if (evidenceDir) await record(evidenceDir, [unreadableRecord(positionals[0], text, reading.reason, context)], context);
      answer = failClosedAnswer(protocol, reading.reason);
    } else {
      event = reading.event;
      const { decisions, packDigests } = await decide(values, reading.requests, reading.event, context);
      if (evidenceDir && decisions.length > 0) {
        await record(evidenceDir, decisions.map((decision, i) => ({ decision, request: reading.requests[i], ...packDigests.has(decision.policy_pack) ? { packDigest: packDigests.get(decision.policy_pack) } : {} })), context);
      }
      const { outcome, reason } = hookOutcome(decisions);
      answer = protocol.answer(outcome, reason, event);
    }
  } catch (error) {
    answer = failClosedAnswer(protocol, error instanceof Error ? error.message : String(error), event);
  }
  await writeStdout(io, answer.stdout);
  await writeStderr(io, answer.stderr);
  return answer.exitCode;
};
function parseHookArgs(args) {
  const parsed = (0, import_node_util.parseArgs)({ args, strict: true, allowPositionals: true, options: { ...policyFlags, evidence: { type: "string" }, root: { type: "string" } } });
  if (parsed.positionals.length !== 1) throw new CavraError("ERR_USAGE", `give one agent: ${HOOK_AGENTS.join(", ")}`, { hint: "cavra hook claude-code < event.json" });
  hookProtocol(parsed.positionals[0]);
  return parsed;
}
async function decide(values, requests, event, context) {
  if (requests.length === 0) return { decisions: [], packDigests: /* @__PURE__ */ new Map() };
  const root = values.root ?? event.root ?? event.cwd;
  const cwd = root !== void 0 && (0, import_node_fs.existsSync)(root) ? root : process.cwd();
  const policy = await prepareDecisionPolicy({ ...policyOptionsOf(values), operatorDecides: true, cwd, shortRun: true }, requests);
  const packDigests = new Map([...policy.packs].map(([id, pack]) => [id, pack.digest]).filter(([, digest]) => digest));
  return { decisions: decideHookRequests(policy, requests, context), packDigests };
}
async function record(dir, inputs, context) {
  const headsMirror = process.env.CAVRA_EVIDENCE_HEADS || void 0;
  await appendEvidence(dir, inputs, { now: context.now, ...headsMirror ? { headsMirror } : {} });
}
function unreadableRecord(agent, text, reason, context) {
  const request = { action_type: "agent_tool", agent_id: agent, target: "", hook_input_digest: `sha256:${(0, import_node_crypto.createHash)("sha256").update(text).digest("hex")}` };
  const decision = recordVerdict(request, { rule_id: "hook.event.invalid", decision: "block", severity: "high", reason, approver_group: null, target: "", requested_operation: "" }, context, GATE_DEFAULT_PACK_ID);
  return { decision, request };
}
async function installCommand(args, io) {
  const { values, positionals } = (0, import_node_util.parseArgs)({ args, strict: true, allowPositionals: true, options: { settings: { type: "string" }, command: { type: "string" } } });
  if (positionals.length !== 1) throw new CavraError("ERR_USAGE", `give one agent: ${HOOK_AGENTS.join(", ")}`, { hint: "cavra hook install claude-code" });
  hookProtocol(positionals[0]);
  const agent = positionals[0];
  const command = values.command ?? `cavra hook ${agent}`;
  const probe = planHookInstall(agent, void 0, command);
  const file = values.settings ?? probe.defaultFile;
  const plan = planHookInstall(agent, readSettings(file), command);
  (0, import_node_fs.mkdirSync)((0, import_node_path.dirname)(file), { recursive: true });
  (0, import_node_fs.writeFileSync)(file, `${JSON.stringify(plan.settings, null, 2)}
`);
  await writeAll(io.stdout, `wrote the ${agent} hook to ${file}
${plan.notes.map((note) => `  ${note}
`).join("")}`);
  return EXIT.ok;
}
function readSettings(file) {
  let text;
  try {
    text = (0, import_node_fs.readFileSync)(file, "utf8");
  } catch (cause) {
    if (cause.code === "ENOENT") return void 0;
    throw new CavraError("ERR_INPUT_UNREADABLE", `cannot read settings \`${file}\``, { cause });
  }
  if (text.trim() === "") return void 0;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CavraError("ERR_INPUT_INVALID_JSON", `settings \`${file}\` is not valid JSON`, { cause, hint: "fix the file, or pass another with `--settings`" });
  }
}

export {
  hookCommand
};
