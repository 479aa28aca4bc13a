import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  tokenKeysOf
} from "./chunk-MQE7CP6J.mjs";
import {
  readRequests
} from "./chunk-B6GJCC5Z.mjs";
import {
  keylessFlags,
  keylessSigner
} from "./chunk-YQVUNQ2A.mjs";
import {
  readJsonObject
} from "./chunk-ZS7SFWEG.mjs";
import {
  policyFlags,
  policyOptionsOf,
  prepareDecisionPolicy
} from "./chunk-GLTT7IJK.mjs";
import {
  DEFAULT_ORIGIN,
  DEFAULT_RETENTION,
  EXIT,
  GATE_MODES,
  GATE_REPORT_FILES,
  KeyBundleSigner,
  RETENTION_MODES,
  authenticateRunner,
  fetchPublicTrustedRoot,
  noteSignerFromKey,
  openEvidenceStore,
  openLocalSigningKey,
  parseRunnerClaimsPolicy,
  pinnedKey,
  planRetention,
  renderAzureCommands,
  renderCodeQuality,
  renderGitHubCommands,
  renderJUnit,
  runGate,
  runnerAuthVerdict,
  runnerTokenSource,
  systemDecisionContext,
  writeAll
} from "./chunk-47BHDAET.mjs";
import {
  CavraError,
  isCavraError
} from "./chunk-DUYD24HV.mjs";

// packages/cli/src/commands/gate.ts
import { randomBytes } from "node:crypto";
import { join as join2 } from "node:path";
import { parseArgs } from "node:util";

// packages/cli/src/commands/gate-runner-auth.ts
import { readFile } from "node:fs/promises";
async function authenticateThisRunner(values, now) {
  const issuer = values.issuer;
  if (!values.audience) throw new CavraError("ERR_USAGE", "`--issuer` needs `--audience AUD`");
  if ([values.jwks !== void 0, values["jwks-url"] !== void 0, values.discover === true].filter(Boolean).length !== 1) {
    throw new CavraError("ERR_USAGE", "with `--issuer`, give exactly one of `--jwks FILE`, `--jwks-url URL` or `--discover`");
  }
  const policy = values.claims === void 0 ? void 0 : parseRunnerClaimsPolicy(readJsonObject(values.claims, "claims"), values.claims);
  let token;
  try {
    const source = runnerTokenSource({
      env: process.env,
      fetch: globalThis.fetch,
      audience: values.audience,
      ...values["token-file"] !== void 0 ? { tokenFile: values["token-file"], readText: (path) => readFile(path, "utf8") } : {}
    });
    token = (await source.acquire()).reveal();
  } catch (error) {
    if (!isCavraError(error)) throw error;
    return { ok: false, error, verdict: runnerAuthVerdict(error) };
  }
  const keys = await tokenKeysOf({ issuer, jwks: values.jwks, jwksUrl: values["jwks-url"] });
  return authenticateRunner(token, { verify: { issuer, audience: values.audience, keys, now }, ...policy ? { policy } : {} });
}

// packages/cli/src/commands/gate-signing.ts
function localSigning(path, progress) {
  const key = openLocalSigningKey(path);
  if (key.created) progress(`created a local signing key at ${path} (public half: ${key.publicKeyPath})`);
  return {
    gate: { signer: new KeyBundleSigner(key.privateKey), noteSigner: noteSignerFromKey(DEFAULT_ORIGIN, key.privateKey), trust: { trustedKeys: [pinnedKey(key.publicKey)] } },
    verifyArgs: key.publicKeyPath ? `--trusted-key ${key.publicKeyPath}` : "--trusted-key PUBLIC_KEY.pem"
  };
}
async function keylessSigning(values) {
  const identity = values["certificate-identity"];
  const issuer = values["certificate-oidc-issuer"];
  if (!identity || !issuer) {
    throw new CavraError("ERR_USAGE", "`--keyless` needs `--certificate-identity ID` and `--certificate-oidc-issuer URL`", { hint: "the identity the signing certificate must carry, e.g. the workflow ref" });
  }
  const rootFile = values["trust-root"];
  if (rootFile === void 0 && values["fulcio-url"] !== void 0) {
    throw new CavraError("ERR_USAGE", "a private Fulcio needs its `trusted_root.json` in `--trust-root FILE`");
  }
  const trustedRoot = rootFile === void 0 ? await fetchPublicTrustedRoot() : readJsonObject(rootFile, "trust-root");
  return {
    gate: { signer: await keylessSigner(values, process.env), trust: { trustedRoot, certificateIdentity: identity, certificateIssuer: issuer } },
    verifyArgs: `--trust-root ${rootFile ?? "trusted_root.json"} --certificate-identity ${identity} --certificate-oidc-issuer ${issuer}`
  };
}

// packages/cli/src/commands/native-report.ts
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
var PROVIDERS = ["auto", "local", "github", "gitlab", "azure"];
function resolveProvider(requested, env) {
  if (requested !== "auto") return requested;
  if (env.GITHUB_ACTIONS === "true") return "github";
  if (env.GITLAB_CI === "true") return "gitlab";
  if (env.TF_BUILD?.toLowerCase() === "true") return "azure";
  return "local";
}
async function reportNatively(provider, result, options) {
  const { report, decisions } = result;
  const summaryPath = resolve(options.evidenceDir, GATE_REPORT_FILES.markdown);
  switch (provider) {
    case "github": {
      if (options.env.GITHUB_STEP_SUMMARY) await appendFile(options.env.GITHUB_STEP_SUMMARY, report.summary);
      if (options.env.GITHUB_OUTPUT) await appendFile(options.env.GITHUB_OUTPUT, `conclusion=${report.conclusion}
evidence=${options.evidenceDir}
bundle=${result.bundlePath}
`);
      return { stdout: options.json ? "" : renderGitHubCommands(report) };
    }
    case "gitlab": {
      await mkdir(options.reportsDir, { recursive: true });
      const junit = join(options.reportsDir, GITLAB_REPORT_FILES.junit);
      const quality = join(options.reportsDir, GITLAB_REPORT_FILES.codeQuality);
      await writeFile(junit, renderJUnit(report, decisions));
      await writeFile(quality, renderCodeQuality(decisions, summaryPath));
      return { stdout: "", note: `wrote ${junit} (artifacts:reports:junit) and ${quality} (artifacts:reports:codequality)` };
    }
    case "azure":
      return { stdout: options.json ? "" : renderAzureCommands(report, summaryPath) };
    case "local":
      return { stdout: "" };
  }
}
var GITLAB_REPORT_FILES = { junit: "cavra-junit.xml", codeQuality: "gl-code-quality-report.json" };

// packages/cli/src/commands/gate.ts
var DEFAULT_KEY = join2(".cavra", "keys", "local-signing-key.pem");
var DEFAULT_STORE = "file://.cavra/store";
var gateCommand = async (args, io) => {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
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
    }
  });
  const provider = resolveProvider(oneOf(values.provider, PROVIDERS, "--provider"), process.env);
  const mode = oneOf(values.mode, GATE_MODES, "--mode");
  const retentionMode = oneOf(values["retention-mode"], RETENTION_MODES, "--retention-mode");
  const sessions = values.session ?? [];
  if (sessions.length === 0) throw new CavraError("ERR_USAGE", "give at least one `--session FILE` of agent actions (JSON Lines, one request a line)");
  const requests = [];
  for (const session of sessions) requests.push(...await readRequests(session, io.stdin));
  const policy = await prepareDecisionPolicy(policyOptionsOf(values), requests);
  const context = systemDecisionContext();
  const progress = (message) => io.stderr.write(`cavra: ${message}
`);
  if (values.keyless && values.key !== void 0) throw new CavraError("ERR_USAGE", "give `--key PEM` or `--keyless`, not both");
  const signing = values.keyless ? await keylessSigning(values) : localSigning(values.key ?? DEFAULT_KEY, progress);
  const runnerAuth = values.issuer === void 0 ? void 0 : await authenticateThisRunner(values, context.now);
  if (runnerAuth) progress(runnerAuth.ok ? `runner authenticated: ${runnerAuth.identity.provider} ${runnerAuth.identity.subject}` : `runner authentication failed: ${runnerAuth.error.message}`);
  const store = await openEvidenceStore(values.store, { env: process.env, ...values.endpoint ? { endpoint: values.endpoint } : {} });
  const now = context.now();
  const evidenceDir = values.evidence ?? join2(".cavra", "runs", `${now.toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}`);
  const result = await runGate({
    policy,
    requests,
    mode,
    evidenceDir,
    ...signing.gate,
    ...runnerAuth ? { runnerAuth } : {},
    storage: {
      store,
      retention: planRetention(now, values["retain-days"] === void 0 ? DEFAULT_RETENTION.days : Number(values["retain-days"]), retentionMode, false),
      // A local folder cannot prove immutability; it is the embedded default, so it is accepted and the receipt says so.
      allowMutable: values["allow-mutable"] || values.store.startsWith("file://")
    },
    context,
    progress
  });
  const where = { evidence: evidenceDir, bundle: result.bundlePath, store: result.receipt?.uri ?? null, immutable: result.receipt?.immutable ?? null };
  const native = await reportNatively(provider, result, { evidenceDir, reportsDir: values["reports-dir"], json: values.json, env: process.env });
  if (native.note) progress(native.note);
  const text = values.json ? `${JSON.stringify({ provider, conclusion: result.report.conclusion, counts: result.report.counts, ...where, decisions: result.decisions }, null, 2)}
` : `${native.stdout}${result.report.summary}
evidence: ${where.evidence}
bundle:   ${where.bundle}
stored:   ${where.store ?? "(not stored)"}
verify:   cavra verify ${where.evidence} ${signing.verifyArgs}
`;
  await writeAll(io.stdout, text);
  return result.report.conclusion === "failure" ? EXIT.failed : EXIT.ok;
};
function oneOf(value, allowed, flag) {
  if (!allowed.includes(value)) {
    throw new CavraError("ERR_USAGE", `\`${flag}\` must be one of ${allowed.join(", ")}, got \`${value}\``);
  }
  return value;
}

export {
  gateCommand
};
