import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  keylessFlags
} from "./chunk-OUY2YG3K.mjs";
import {
  policyFlags
} from "./chunk-CPZPROH3.mjs";
import {
  EXIT,
  writeAll
} from "./chunk-YN2G34MT.mjs";
import {
  DEFAULT_RETENTION,
  nativeArtefacts,
  neutraliseLogCommands,
  prepareGate,
  relabelOptionError,
  resolveProvider,
  runGate
} from "./chunk-WIK5C6RR.mjs";
import {
  CavraError,
  isCavraError
} from "./chunk-7H2D2UDD.mjs";
import {
  require_util
} from "./chunk-VGNHR5IA.mjs";
import {
  require_promises
} from "./chunk-N45RTMHM.mjs";
import {
  require_path
} from "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/gate.ts
var import_promises2 = __toESM(require_promises(), 1);
var import_node_path2 = __toESM(require_path(), 1);
var import_node_util = __toESM(require_util(), 1);

// packages/cli/src/commands/gate-gitlab.ts
var import_promises = __toESM(require_promises(), 1);
var import_node_path = __toESM(require_path(), 1);
async function withGitlabChange(inputs, env, cwd, progress) {
  if (env.GITLAB_CI !== "true") return inputs;
  const { gitlabChange } = await import("./src-HAIJV4G3.mjs");
  const change = await gitlabChange(env, { cwd });
  for (const limitation of change.limitations) progress(`gitlab: ${limitation}`);
  if (change.requests.length === 0 && !change.review) return inputs;
  if (change.requests.length > 0) progress(`gitlab: judging the merge request's ${change.requests.length} changed file${change.requests.length === 1 ? "" : "s"} as write_file`);
  return { ...inputs, requests: [...inputs.requests ?? [], ...change.requests], ...change.review ? { review: change.review } : {}, ...change.approvers ? { approvers: change.approvers } : {} };
}
async function reportToGitlab(result, reportsDir, env, progress) {
  const { GITLAB_ANNOTATIONS_FILE, publishGitlabNote, renderGitlabAnnotations } = await import("./src-HAIJV4G3.mjs");
  const annotations = (0, import_node_path.join)(reportsDir, GITLAB_ANNOTATIONS_FILE);
  await (0, import_promises.writeFile)(annotations, renderGitlabAnnotations({ evidenceDir: result.evidenceDir, ...env.CI_JOB_URL ? { jobUrl: env.CI_JOB_URL } : {}, ...result.receipt?.uri ? { storedUrl: result.receipt.uri } : {} }));
  progress(`wrote ${annotations} (artifacts:reports:annotations)`);
  const note = await publishGitlabNote(env, result.report.summary);
  progress(note.posted ? `gitlab: merge request note ${note.posted}` : `gitlab: ${note.reason}`);
}

// packages/cli/src/commands/gate.ts
var DEFAULT_KEY = (0, import_node_path2.join)(".cavra", "keys", "local-signing-key.pem");
var DEFAULT_STORE = "file://.cavra/store";
var gateFlags = {
  ...policyFlags,
  provider: { type: "string", default: "auto" },
  session: { type: "string", multiple: true },
  evidence: { type: "string" },
  store: { type: "string", default: DEFAULT_STORE },
  mode: { type: "string", default: "enforce" },
  key: { type: "string" },
  keyless: { type: "boolean", default: false },
  ...keylessFlags,
  "trust-root": { type: "string" },
  "certificate-identity": { type: "string" },
  "certificate-oidc-issuer": { type: "string" },
  "retain-days": { type: "string" },
  "retention-mode": { type: "string", default: DEFAULT_RETENTION.mode },
  "allow-mutable": { type: "boolean", default: false },
  endpoint: { type: "string" },
  json: { type: "boolean", default: false },
  "reports-dir": { type: "string", default: "." },
  // Runner authentication: with `--issuer`, the run's OIDC token must verify, or every action is blocked.
  issuer: { type: "string" },
  audience: { type: "string" },
  jwks: { type: "string" },
  "jwks-url": { type: "string" },
  discover: { type: "boolean", default: false },
  "token-file": { type: "string" },
  claims: { type: "string" }
};
var FLAG_OF = {
  provider: "--provider",
  mode: "--mode",
  sessions: "--session",
  packs: "--pack",
  "signing.keyFile": "--key",
  "signing.certificateIdentity": "--certificate-identity",
  "signing.certificateIssuer": "--certificate-oidc-issuer",
  "signing.trustRootFile": "--trust-root",
  "signing.rekorEntryType": "--rekor-entry-type",
  "signing.identityTokenFile": "--identity-token-file",
  "runnerAuth.issuer": "--issuer",
  "runnerAuth.audience": "--audience",
  "runnerAuth.jwksFile": "--jwks",
  "runnerAuth.claimsFile": "--claims",
  "store.uri": "--store",
  "store.retainDays": "--retain-days",
  "store.retentionMode": "--retention-mode"
};
function parseGateFlags(args) {
  return (0, import_node_util.parseArgs)({ args, strict: true, options: gateFlags }).values;
}
var gateCommand = async (args, io) => {
  const values = parseGateFlags(args);
  const progress = (message) => io.stderr.write(`cavra: ${message}
`);
  let gate;
  let result;
  try {
    if (values.keyless && values.key !== void 0) throw new CavraError("ERR_USAGE", "give `--key PEM` or `--keyless`, not both");
    let inputs = gateInputsOf(values);
    if (values.provider === "gitlab" || values.provider === "auto" && resolveProvider("auto", process.env) === "gitlab") inputs = await withGitlabChange(inputs, process.env, process.cwd(), progress);
    gate = await prepareGate(inputs, { env: process.env, fetch: globalThis.fetch, cwd: process.cwd(), progress, ...process.argv[1] ? { entryFile: process.argv[1] } : {} });
    result = await runGate(gate);
  } catch (error) {
    throw isCavraError(error) ? relabelOptionError(error, (option) => FLAG_OF[option] ? `\`${FLAG_OF[option]}\`` : void 0) : error;
  }
  const native = nativeArtefacts(gate.provider, result, { env: process.env, reportsDir: gate.reportsDir });
  for (const file of native.files) {
    await (0, import_promises2.mkdir)((0, import_node_path2.dirname)(file.path), { recursive: true });
    await (file.append ? import_promises2.appendFile : import_promises2.writeFile)(file.path, file.content);
    if (!file.append) progress(`wrote ${file.path}${file.purpose ? ` (${file.purpose})` : ""}`);
  }
  if (gate.provider === "gitlab") await reportToGitlab(result, gate.reportsDir, process.env, progress);
  const text = values.json ? jsonReport(gate.provider, result) : `${native.stdout}${humanReport(gate, result)}`;
  await writeAll(io.stdout, text);
  return result.report.conclusion === "failure" ? EXIT.failed : EXIT.ok;
};
function gateInputsOf(values) {
  return {
    provider: values.provider,
    mode: values.mode,
    packs: values.pack ?? [],
    policyDirs: values["policy-dir"] ?? [],
    ...values.registry !== void 0 ? { registryFile: values.registry } : {},
    sessions: values.session ?? [],
    signing: values.keyless ? {
      kind: "keyless",
      certificateIdentity: values["certificate-identity"] ?? "",
      certificateIssuer: values["certificate-oidc-issuer"] ?? "",
      ...values["trust-root"] !== void 0 ? { trustRootFile: values["trust-root"] } : {},
      ...values["fulcio-url"] !== void 0 ? { fulcioUrl: values["fulcio-url"] } : {},
      ...values["rekor-url"] !== void 0 ? { rekorUrl: values["rekor-url"] } : {},
      ...values["tsa-url"] !== void 0 ? { tsaUrl: values["tsa-url"] } : {},
      ...values["rekor-entry-type"] !== void 0 ? { rekorEntryType: values["rekor-entry-type"] } : {},
      ...values["identity-token-file"] !== void 0 ? { identityTokenFile: values["identity-token-file"] } : {}
    } : { kind: "key", keyFile: values.key ?? DEFAULT_KEY, create: true },
    ...values.issuer !== void 0 ? {
      runnerAuth: {
        issuer: values.issuer,
        audience: values.audience ?? "",
        ...values.jwks !== void 0 ? { jwksFile: values.jwks } : {},
        ...values["jwks-url"] !== void 0 ? { jwksUrl: values["jwks-url"] } : {},
        discover: values.discover,
        ...values["token-file"] !== void 0 ? { tokenFile: values["token-file"] } : {},
        ...values.claims !== void 0 ? { claimsFile: values.claims } : {}
      }
    } : {},
    store: {
      uri: values.store,
      ...values.endpoint !== void 0 ? { endpoint: values.endpoint } : {},
      ...values["retain-days"] !== void 0 ? { retainDays: values["retain-days"] } : {},
      retentionMode: values["retention-mode"],
      allowMutable: values["allow-mutable"]
    },
    ...values.evidence !== void 0 ? { evidenceDir: values.evidence } : {},
    reportsDir: values["reports-dir"]
  };
}
function jsonReport(provider, result) {
  const where = { evidence: result.evidenceDir, bundle: result.bundlePath, store: result.receipt?.uri ?? null, immutable: result.receipt?.immutable ?? null };
  return `${JSON.stringify({ provider, conclusion: result.report.conclusion, counts: result.report.counts, ...where, decisions: result.decisions }, null, 2)}
`;
}
function humanReport(gate, result) {
  const { trustedKeyFile, trustRootFile, certificateIdentity, certificateIssuer } = gate.verifyWith;
  const verifyArgs = certificateIdentity ? `--trust-root ${trustRootFile ?? "trusted_root.json"} --certificate-identity ${certificateIdentity} --certificate-oidc-issuer ${certificateIssuer}` : `--trusted-key ${trustedKeyFile ?? "PUBLIC_KEY.pem"}`;
  const stored = result.receipt ? `${result.receipt.uri}${result.receipt.immutable ? "" : result.receipt.uri.startsWith("file://") ? " (a local folder: mutable, for trying cavra out; use S3 Object Lock or Azure immutable Blob in CI)" : " (mutable: the store proved no retention)"}` : "(not stored)";
  const shadow = gate.mode === "shadow" ? "mode:     shadow (nothing held back; `--mode enforce` makes this a required check)\n" : "";
  return `${neutraliseLogCommands(result.report.summary)}${shadow}evidence: ${result.evidenceDir}
bundle:   ${result.bundlePath}
stored:   ${stored}
verify:   npx cavra verify ${result.evidenceDir} ${verifyArgs} --expect-size ${result.verification.tree_size}
`;
}

export {
  gateCommand
};
