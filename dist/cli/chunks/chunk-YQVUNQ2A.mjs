import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  readInput
} from "./chunk-ZS7SFWEG.mjs";
import {
  SigstoreSigner,
  runnerTokenSource
} from "./chunk-47BHDAET.mjs";
import {
  CavraError
} from "./chunk-DUYD24HV.mjs";

// packages/cli/src/commands/keyless.ts
var keylessFlags = {
  "fulcio-url": { type: "string" },
  "rekor-url": { type: "string" },
  "tsa-url": { type: "string" },
  "rekor-entry-type": { type: "string" },
  "identity-token-file": { type: "string" }
};
async function keylessSigner(values, env) {
  const entryType = values["rekor-entry-type"];
  if (entryType !== void 0 && entryType !== "dsse" && entryType !== "intoto") {
    throw new CavraError("ERR_USAGE", `\`--rekor-entry-type\` must be dsse or intoto, got \`${entryType}\``, { hint: "use intoto only for a Rekor that predates dsse entries" });
  }
  const file = values["identity-token-file"];
  let token = (file !== void 0 ? readInput(file, "identity-token-file").toString("utf8") : env.SIGSTORE_ID_TOKEN ?? "").trim();
  if (token === "" && (env.GITHUB_ACTIONS === "true" || env.GITLAB_CI === "true" || env.TF_BUILD?.toLowerCase() === "true")) {
    const source = runnerTokenSource({ env, fetch: globalThis.fetch, audience: "sigstore", gitlabTokenVariable: "SIGSTORE_ID_TOKEN" });
    token = (await source.acquire()).reveal();
  }
  if (token === "") throw new CavraError("ERR_USAGE", "`--keyless` needs an OIDC token", { hint: "pass `--identity-token-file FILE`, set `SIGSTORE_ID_TOKEN` (audience `sigstore`), or run in a CI job that can issue OIDC tokens" });
  return new SigstoreSigner({
    identityToken: token,
    ...values["fulcio-url"] ? { fulcioURL: values["fulcio-url"] } : {},
    ...values["rekor-url"] ? { rekorURL: values["rekor-url"] } : {},
    ...values["tsa-url"] ? { tsaURL: values["tsa-url"] } : {},
    ...entryType ? { rekorEntryType: entryType } : {}
  });
}

export {
  keylessFlags,
  keylessSigner
};
