import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  compilePolicy,
  loadCommandAnalyzer,
  openPolicy,
  selectPackId,
  workspacePathResolver
} from "./chunk-47BHDAET.mjs";

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
async function prepareDecisionPolicy(options, requests) {
  const open = openPolicy(options);
  const policy = compilePolicy(open, new Set(requests.map((request) => selectPackId(request, open.defaultPackId))));
  if (requests.some((request) => request.action_type === "execute_command")) await loadCommandAnalyzer();
  return { ...policy, defaultPackId: open.defaultPackId, resolvePath: workspacePathResolver(process.cwd()) };
}

export {
  policyFlags,
  policyOptionsOf,
  prepareDecisionPolicy
};
