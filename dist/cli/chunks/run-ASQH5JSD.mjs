import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  EXIT,
  processIo
} from "./chunk-YN2G34MT.mjs";
import "./chunk-WIK5C6RR.mjs";
import "./chunk-72RH5EZN.mjs";
import "./chunk-SAI5SU2U.mjs";
import "./chunk-O7CMETT5.mjs";
import "./chunk-NIT4QXTO.mjs";
import "./chunk-4GD4C4T6.mjs";
import {
  isCavraError,
  isUserInputError
} from "./chunk-7H2D2UDD.mjs";
import "./chunk-2543WERG.mjs";
import "./chunk-KBDOPHKI.mjs";
import "./chunk-EEGBRVFG.mjs";
import "./chunk-N45RTMHM.mjs";
import "./chunk-ZSO65TAP.mjs";
import "./chunk-P4BCTC5C.mjs";
import "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/index.ts
function lazy(load) {
  return async (args, io) => (await load())(args, io);
}
var COMMANDS = {
  aibom: lazy(async () => (await import("./aibom-SILVBUCZ.mjs")).aibomCommand),
  auth: lazy(async () => (await import("./auth-FHRNMO5Y.mjs")).authCommand),
  demo: lazy(async () => (await import("./demo-Q4UE2IAA.mjs")).demoCommand),
  evaluate: lazy(async () => (await import("./evaluate-IY6NBZLI.mjs")).evaluateCommand),
  evidence: lazy(async () => (await import("./evidence-7Q7CSKT5.mjs")).evidenceCommand),
  explain: lazy(async () => (await import("./explain-VIJ2R4MQ.mjs")).explainCommand),
  gate: lazy(async () => (await import("./gate-QNNZZ7KU.mjs")).gateCommand),
  hook: lazy(async () => (await import("./hook-2WDXDKQO.mjs")).hookCommand),
  keys: lazy(async () => (await import("./keys-FN4NI3PQ.mjs")).keysCommand),
  policy: lazy(async () => (await import("./policy-ZEK7IJKP.mjs")).policyCommand),
  "self-verify": lazy(async () => (await import("./self-verify-5JIT442P.mjs")).selfVerifyCommand),
  verify: lazy(async () => (await import("./verify-4QJDJTFL.mjs")).verifyCommand)
};
function verbUsage(verb) {
  const lines = usage().split("\n");
  const picked = [];
  let inVerb = false;
  for (const line of lines) {
    if (/^  cavra /.test(line)) inVerb = line.startsWith(`  cavra ${verb} `) || line === `  cavra ${verb}`;
    else if (!/^\s{3,}/.test(line)) inVerb = false;
    if (inVerb) picked.push(line);
  }
  return `usage:
${picked.join("\n")}

${lines.find((l) => l.startsWith("exit codes")) ?? ""}
`;
}
function usage() {
  return `cavra: decide, record and prove AI coding agent actions

usage:
  cavra evaluate [--pack ID|FILE]... [--policy-dir DIR] [--registry FILE] (--request JSON | --batch FILE|-) [--evidence DIR]
  cavra evidence seal DIR (--key PEM | --keyless) [--identity FILE] [--origin NAME] [--artefact FILE]... [--fulcio-url URL --rekor-url URL --tsa-url URL --rekor-entry-type dsse|intoto --identity-token-file F]
  cavra evidence prove DIR --record N
  cavra evidence push DIR URI [--retain-days N] [--legal-hold] [--mode governance|compliance] [--allow-mutable] [--endpoint URL]
  cavra evidence pull URI DIR [--manifest KEY] [--endpoint URL]
  cavra verify PATH [--trusted-key PEM]... [--trust-root FILE] [--certificate-identity ID --certificate-oidc-issuer URL] [--expect-size N] [--expect-root HEX] [--report FILE]
  cavra verify PATH --format cavra-daemon [--hmac-key-file F] [--key-id ID] [--allow-unsigned]
  cavra verify --proof FILE [--trusted-key PEM]...
  cavra keys generate|rotate --out PREFIX [--algorithm ed25519|ecdsa-p256] [--trust-root FILE]; keys list --trust-root FILE; keys revoke KEY_ID --trust-root FILE
  cavra explain 'COMMAND' [--pack ID|FILE]... [--policy-dir DIR] [--json]
  cavra policy list|show|lint|test [--pack ID|FILE]... [--policy-dir DIR]
  cavra auth verify (--token JWT | --token-file F) --issuer URL --audience AUD (--jwks FILE | --jwks-url URL | --discover) [--claims FILE]
  cavra gate [--provider auto|local|github|gitlab|azure] [--reports-dir DIR] [--pack ID|FILE]... [--registry FILE] --session FILE... [--evidence DIR] [--store URI] [--mode enforce|shadow] [--key PEM | --keyless --certificate-identity ID --certificate-oidc-issuer URL [--trust-root FILE]]
             [--issuer URL --audience AUD (--jwks FILE | --jwks-url URL | --discover) [--token-file F] [--claims FILE]]
  cavra hook claude-code|codex|gemini|cursor|copilot [--pack ID|FILE]... [--policy-dir DIR] [--registry FILE] [--evidence DIR] [--root DIR]   (the agent's event on stdin)
  cavra hook install AGENT [--settings FILE] [--command CMD]
  cavra aibom DIR [--rebuild]   the AI bill of materials (CycloneDX 1.6) of a run's evidence
  cavra self-verify [--sums FILE] [--json]   check the running bundle against dist/SHA256SUMS
  cavra demo                 the gate on the bundled demo scenario (local key and store, shadow mode)
  cavra VERB --help          the usage of one verb;  cavra --version

exit codes: 0 success, 1 verification or gate failure, 2 bad usage or input
`;
}

// packages/cli/src/version.ts
var CAVRA_VERSION = "0.1.0";

// packages/cli/src/run.ts
async function runCli(argv, io) {
  const [verb, ...rest] = argv;
  if (verb === void 0 || verb === "--help" || verb === "-h" || verb === "help") {
    const topic = verb === "help" ? rest[0] : void 0;
    if (topic !== void 0 && Object.hasOwn(COMMANDS, topic)) return printVerbHelp(topic, io);
    io.stdout.write(usage());
    return verb === void 0 ? EXIT.usage : EXIT.ok;
  }
  if (verb === "--version" || verb === "-V" || verb === "version") {
    io.stdout.write(`cavra ${CAVRA_VERSION}
`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb] : void 0;
  if (!command) {
    io.stderr.write(`cavra: unknown command \`${verb}\`; run \`cavra --help\` for the list
`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) return printVerbHelp(verb, io);
  try {
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}
function printVerbHelp(verb, io) {
  io.stdout.write(verbUsage(verb));
  return EXIT.ok;
}
function reportError(error, io) {
  if (isCavraError(error)) {
    const hint = error.hint ? ` (${error.hint})` : "";
    io.stderr.write(`cavra: ${error.message}${hint} [${error.code}]
`);
    return isUserInputError(error) ? EXIT.usage : EXIT.failed;
  }
  if (isNodeUsageError(error)) {
    io.stderr.write(`cavra: ${error.message.replace(/^./, (c) => c.toLowerCase())}; run \`cavra --help\`
`);
    return EXIT.usage;
  }
  const code = error?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    const { syscall, path } = error;
    io.stderr.write(`cavra: cannot ${syscall ?? "use"} \`${oneLine(path ?? "")}\`: ${code}
`);
    return EXIT.usage;
  }
  if (error instanceof RangeError) {
    io.stderr.write(`cavra: input too large or too deeply nested: ${oneLine(error.message)}
`);
    return EXIT.usage;
  }
  const detail = error instanceof Error ? process.env.CAVRA_DEBUG === "1" ? error.stack ?? error.message : oneLine(error.message) : oneLine(String(error));
  io.stderr.write(`cavra: internal error: ${detail} (set CAVRA_DEBUG=1 for the stack) [ERR_INTERNAL]
`);
  return EXIT.failed;
}
function oneLine(text) {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ");
  return flat.length > 300 ? `${flat.slice(0, 300)}\u2026` : flat;
}
function isNodeUsageError(error) {
  const code = error?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}
export {
  processIo,
  runCli
};
