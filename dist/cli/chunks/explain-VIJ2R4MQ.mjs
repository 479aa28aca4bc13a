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
  displayText,
  evaluate,
  neutraliseLogCommands,
  prepareDecisionPolicy,
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
import "./chunk-N45RTMHM.mjs";
import "./chunk-ZSO65TAP.mjs";
import "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/explain.ts
var import_node_util = __toESM(require_util(), 1);
function parseExplainArgs(args) {
  const { values, positionals } = (0, import_node_util.parseArgs)({ args, strict: true, allowPositionals: true, options: { ...policyFlags, json: { type: "boolean" } } });
  if (positionals.length !== 1) {
    throw new CavraError("ERR_USAGE", "give exactly one command line to explain", { hint: "quote it: cavra explain 'git push -f origin main'" });
  }
  return { line: positionals[0], json: values.json === true, policy: policyOptionsOf(values) };
}
var explainCommand = async (args, io) => {
  const options = parseExplainArgs(args);
  const request = { action_type: "execute_command", target: options.line };
  const record = evaluate(await prepareDecisionPolicy({ ...options.policy, cwd: process.cwd() }, [request]), request, systemDecisionContext());
  await writeAll(io.stdout, options.json ? `${JSON.stringify(record, null, 2)}
` : renderExplanation(record));
  return EXIT.ok;
};
function firstWord(text) {
  return text.trimStart().split(/\s+/, 1)[0] ?? "";
}
function aliasNote(patternProgram, program) {
  if (patternProgram === "" || patternProgram === program || /[*?[]/.test(patternProgram)) return "";
  return ` (\`${patternProgram}\` is read as \`${program}\`: the same tool under another name)`;
}
function renderExplanation(record) {
  const analysis = record.analysis ?? { invocations: [] };
  const lines = [`command: ${record.target}`, `pack:    ${record.policy_pack}`, ""];
  lines.push(`invocations (${analysis.invocations.length}):`);
  for (const invocation of analysis.invocations) {
    const via = invocation.via ? `  [via ${invocation.via.join(" > ")}]` : "";
    lines.push(`  ${invocation.role === "run" ? "" : `(${invocation.role}) `}${invocation.text}${via}`);
    const canonical = invocation.role === "wrapper" ? [] : invocation.canonical.filter((text) => text !== invocation.text);
    if (canonical.length > 0) lines.push(`    canonical: ${canonical.join(" | ")}`);
    const program = firstWord(invocation.canonical[0] ?? invocation.text);
    for (const rule of invocation.rules) lines.push(`    matches ${rule.rule_id} (${rule.decision}) by \`${rule.pattern}\`${aliasNote(firstWord(rule.pattern), program)}`);
  }
  for (const pipeline of analysis.pipelines ?? []) lines.push(`pipeline: ${pipeline}`);
  for (const item of analysis.opaque ?? []) lines.push(`opaque (${item.kind}): ${item.detail}`);
  for (const file of analysis.files ?? []) lines.push(`file ${file.access}: ${file.path} (by ${file.by})`);
  for (const push of analysis.git_pushes ?? []) lines.push(`git ${push.operation}${push.target ? ` ${push.target}` : ""}`);
  lines.push("", `decision: ${record.decision} by ${record.rule_id} (${record.severity})`, `reason:   ${record.reason}`);
  return `${neutraliseLogCommands(lines.map(displayText).join("\n"))}
`;
}
export {
  explainCommand
};
