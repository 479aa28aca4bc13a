import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  readInput,
  readJsonObject
} from "./chunk-DESJ2UAL.mjs";
import {
  EXIT,
  writeAll
} from "./chunk-YN2G34MT.mjs";
import {
  isTrustRootFile,
  pinnedKey,
  problemText,
  publicKeyFromPem,
  trustedKeysOf,
  verifyDaemonLog,
  verifyEvidence,
  verifyInclusionProof,
  verifyUpstreamBundle
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

// packages/cli/src/commands/verify.ts
var import_node_fs = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var import_node_util = __toESM(require_util(), 1);
var UPSTREAM_REPORT_FILE = "release-governance-evidence-verification.json";
var FORMATS = ["cavra", "cavra-daemon", "cavra-bundle"];
function createVerifyCommand(edge = { env: process.env }) {
  return async (args, io) => {
    const { values, positionals } = (0, import_node_util.parseArgs)({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        "trusted-key": { type: "string", multiple: true },
        "trust-root": { type: "string", multiple: true },
        "certificate-identity": { type: "string" },
        "certificate-oidc-issuer": { type: "string" },
        report: { type: "string" },
        format: { type: "string", default: "cavra" },
        proof: { type: "string" },
        "expect-run": { type: "string", multiple: true },
        "hmac-key-file": { type: "string" },
        "key-id": { type: "string" },
        "allow-unsigned": { type: "boolean", default: false },
        "expect-size": { type: "string" },
        "expect-root": { type: "string" }
      }
    });
    if (!FORMATS.includes(values.format)) throw new CavraError("ERR_USAGE", `unknown format \`${values.format}\``, { hint: `use one of ${FORMATS.join(", ")}` });
    const path = values.proof ?? positionals[0];
    if (path === void 0 || positionals.length > 1 || values.proof !== void 0 && positionals.length > 0) {
      throw new CavraError("ERR_USAGE", "give one evidence directory or bundle, or `--proof FILE`", { hint: "cavra verify PATH [--trusted-key PEM]..." });
    }
    if ((values["expect-size"] !== void 0 || values["expect-root"] !== void 0) && (values.format !== "cavra" || values.proof !== void 0)) {
      throw new CavraError("ERR_USAGE", "`--expect-size` and `--expect-root` apply to an evidence directory or bundle (`--format cavra`)");
    }
    if (values["allow-unsigned"] && values.format !== "cavra-daemon") throw new CavraError("ERR_USAGE", "`--allow-unsigned` applies to `--format cavra-daemon` only");
    const trust = trustOf(values);
    let report;
    if (values.format === "cavra-daemon") {
      const keyFile = values["hmac-key-file"];
      const hmacKey = keyFile !== void 0 ? readInput(keyFile, "hmac-key-file").toString("utf8").trim() : edge.env.CAVRA_DAEMON_EVIDENCE_HMAC_KEY;
      const keyId = values["key-id"] ?? edge.env.CAVRA_DAEMON_EVIDENCE_KEY_ID;
      report = { ...verifyDaemonLog(path, { ...hmacKey ? { hmacKey } : {}, ...keyId ? { keyId } : {}, allowUnsigned: values["allow-unsigned"] }) };
    } else if (values.format === "cavra-bundle") {
      const keyFile = values["trusted-key"]?.[0];
      report = { ...verifyUpstreamBundle(path, keyFile === void 0 ? void 0 : readInput(keyFile, "trusted-key"), values["key-id"] ? { keyId: values["key-id"] } : {}) };
    } else if (values.proof !== void 0) {
      const doc = readJsonObject(values.proof, "proof");
      const problems = await verifyInclusionProof(doc, trust);
      report = { path, valid: problems.length === 0, records: 1, signed_records: problems.length === 0 ? 1 : 0, errors: problems.map(problemText), format: "cavra-inclusion-proof", record: doc.record, tree_size: doc.tree_size, root_hash: doc.root_hash, problems };
    } else {
      report = { ...await verifyEvidence(path, { ...trust, ...expectedRunOf(values["expect-run"]), ...expectedHeadOf(values["expect-size"], values["expect-root"]) }) };
    }
    const text = `${JSON.stringify(report, null, 2)}
`;
    if (values.report !== void 0) {
      writeReport(values.report, text);
      writeReport((0, import_node_path.join)((0, import_node_path.dirname)(values.report), UPSTREAM_REPORT_FILE), text);
    }
    await writeAll(io.stdout, text);
    return report.valid ? EXIT.ok : EXIT.failed;
  };
}
var verifyCommand = createVerifyCommand();
function writeReport(file, text) {
  try {
    (0, import_node_fs.writeFileSync)(file, text);
  } catch (cause) {
    throw new CavraError("ERR_INPUT_UNREADABLE", `cannot write report \`${file}\`: ${cause.code ?? "error"}`, { cause });
  }
}
function trustOf(values) {
  const keys = (values["trusted-key"] ?? []).map((file) => pinnedKey(publicKeyFromPem(readInput(file, "trusted-key"), file)));
  const trust = { trustedKeys: keys };
  for (const file of values["trust-root"] ?? []) {
    const root = readJsonObject(file, "trust-root");
    if (isTrustRootFile(root)) keys.push(...trustedKeysOf(root, file));
    else trust.trustedRoot = root;
  }
  if (values["certificate-identity"] !== void 0) trust.certificateIdentity = values["certificate-identity"];
  if (values["certificate-oidc-issuer"] !== void 0) trust.certificateIssuer = values["certificate-oidc-issuer"];
  return trust;
}
function expectedHeadOf(size, root) {
  if (size !== void 0 && !(/^(0|[1-9][0-9]{0,15})$/.test(size) && Number.isSafeInteger(Number(size)))) throw new CavraError("ERR_USAGE", `\`--expect-size ${size.slice(0, 40)}\` must be a record count`, { hint: "take it from the storage receipt or the seal output (`tree_size`)" });
  if (root !== void 0 && !/^[0-9a-fA-F]{64}$/.test(root)) throw new CavraError("ERR_USAGE", "`--expect-root` must be 64 hex digits", { hint: "take it from the seal output (`root_hash`)" });
  return { ...size !== void 0 ? { expectedSize: Number(size) } : {}, ...root !== void 0 ? { expectedRoot: root.toLowerCase() } : {} };
}
function expectedRunOf(pairs) {
  if (!pairs) return {};
  const expectedRun = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new CavraError("ERR_USAGE", `\`--expect-run ${pair}\` must be CLAIM=VALUE`);
    expectedRun[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { expectedRun };
}
export {
  UPSTREAM_REPORT_FILE,
  createVerifyCommand,
  verifyCommand
};
