import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);

// packages/cli/src/commands/policy-flags.ts
var policyFlags = {
  pack: { type: "string", multiple: true },
  "policy-dir": { type: "string", multiple: true },
  registry: { type: "string" }
};
function policyOptionsOf(values) {
  return {
    packs: values.pack ?? [],
    policyDirs: values["policy-dir"] ?? [],
    ...values.registry !== void 0 ? { registryFile: values.registry } : {}
  };
}

export {
  policyFlags,
  policyOptionsOf
};
