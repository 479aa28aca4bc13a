import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  keylessSigner
} from "./chunk-WIK5C6RR.mjs";

// packages/cli/src/commands/keyless.ts
var keylessFlags = {
  "fulcio-url": { type: "string" },
  "rekor-url": { type: "string" },
  "tsa-url": { type: "string" },
  "rekor-entry-type": { type: "string" },
  "identity-token-file": { type: "string" }
};
async function keylessSigner2(values, env) {
  return keylessSigner(
    {
      ...values["fulcio-url"] !== void 0 ? { fulcioUrl: values["fulcio-url"] } : {},
      ...values["rekor-url"] !== void 0 ? { rekorUrl: values["rekor-url"] } : {},
      ...values["tsa-url"] !== void 0 ? { tsaUrl: values["tsa-url"] } : {},
      ...values["rekor-entry-type"] !== void 0 ? { rekorEntryType: values["rekor-entry-type"] } : {},
      ...values["identity-token-file"] !== void 0 ? { identityTokenFile: values["identity-token-file"] } : {}
    },
    { env, fetch: globalThis.fetch }
  );
}

export {
  keylessFlags,
  keylessSigner2 as keylessSigner
};
