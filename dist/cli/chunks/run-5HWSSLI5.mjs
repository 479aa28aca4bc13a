import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  EXIT
} from "./chunk-V4KCLJIU.mjs";
import "./chunk-TO72LADJ.mjs";
import "./chunk-SITSZGGZ.mjs";
import {
  isCavraError,
  isUserInputError
} from "./chunk-JHPPOQF4.mjs";
import "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/index.ts
function lazy(load) {
  return async (args, io) => (await load())(args, io);
}
var COMMANDS = {
  aibom: lazy(async () => (await import("./aibom-WKQD5TVA.mjs")).aibomCommand),
  auth: lazy(async () => (await import("./auth-EHSVPQFI.mjs")).authCommand),
  demo: lazy(async () => (await import("./demo-LZ7HI2W2.mjs")).demoCommand),
  evaluate: lazy(async () => (await import("./evaluate-JXJFUSEE.mjs")).evaluateCommand),
  evidence: lazy(async () => (await import("./evidence-PA7WMJB7.mjs")).evidenceCommand),
  explain: lazy(async () => (await import("./explain-FWB7VKRF.mjs")).explainCommand),
  gate: lazy(async () => (await import("./gate-KCM2BA67.mjs")).gateCommand),
  hook: lazy(async () => (await import("./hook-Z34RJSJL.mjs")).hookCommand),
  keys: lazy(async () => (await import("./keys-NMF3QQGQ.mjs")).keysCommand),
  policy: lazy(async () => (await import("./policy-W53ZPB6A.mjs")).policyCommand),
  "self-verify": lazy(async () => (await import("./self-verify-NXBEDPNN.mjs")).selfVerifyCommand),
  verify: lazy(async () => (await import("./verify-SRWVANEQ.mjs")).verifyCommand)
};
function usage() {
  return `cavra: decide, record and prove AI coding agent actions

usage:
  cavra evaluate [--pack ID|FILE]... [--policy-dir DIR] [--registry FILE] (--request JSON | --batch FILE|-) [--evidence DIR]
  cavra evidence seal DIR (--key PEM | --keyless) [--identity FILE] [--origin NAME] [--artefact FILE]... [--fulcio-url URL --rekor-url URL --tsa-url URL --rekor-entry-type dsse|intoto --identity-token-file F]
  cavra evidence prove DIR --record N
  cavra evidence push DIR URI [--retain-days N] [--legal-hold] [--mode governance|compliance] [--allow-mutable] [--endpoint URL]
  cavra evidence pull URI DIR [--endpoint URL]
  cavra verify PATH [--trusted-key PEM]... [--trust-root FILE] [--certificate-identity ID --certificate-oidc-issuer URL] [--report FILE] [--format cavra|cavra-daemon]
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

exit codes: 0 success, 1 verification or gate failure, 2 bad usage or input
`;
}

// packages/cli/src/run.ts
async function runCli(argv, io) {
  const [verb, ...rest] = argv;
  if (verb === void 0 || verb === "--help" || verb === "-h" || verb === "help") {
    io.stdout.write(usage());
    return verb === void 0 ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[verb];
  if (!command) {
    io.stderr.write(`cavra: unknown command \`${verb}\`; run \`cavra --help\` for the list
`);
    return EXIT.usage;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
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
  io.stderr.write(`cavra: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}
`);
  return EXIT.failed;
}
function isNodeUsageError(error) {
  const code = error?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}
export {
  runCli
};
