import { compilePolicy, loadCommandAnalyzer, openPolicy, selectPackId, workspacePathResolver, type ActionRequest, type DecisionPolicy, type PolicyOptions } from '@cavra/core';

/** The flags every verb that decides shares. */
export const policyFlags = {
  pack: { type: 'string', multiple: true },
  'policy-dir': { type: 'string', multiple: true },
  registry: { type: 'string' },
} as const;

export function policyOptionsOf(values: { pack?: string[] | undefined; 'policy-dir'?: string[] | undefined; registry?: string | undefined }): PolicyOptions {
  return {
    packs: values.pack ?? [],
    policyDirs: values['policy-dir'] ?? [],
    ...(values.registry !== undefined ? { registryFile: values.registry } : {}),
  };
}

/**
 * Opens the packs the flags name and compiles every pack the requests select, before anything
 * is decided (so a bad pack fails before any output); loads the shell analyser when a request
 * runs a command; and follows symlinks of file targets inside the current directory.
 */
export async function prepareDecisionPolicy(options: PolicyOptions, requests: readonly ActionRequest[]): Promise<DecisionPolicy & { defaultPackId: string }> {
  const open = openPolicy(options);
  const policy = compilePolicy(open, new Set(requests.map((request) => selectPackId(request, open.defaultPackId))));
  if (requests.some((request) => request.action_type === 'execute_command')) await loadCommandAnalyzer();
  return { ...policy, defaultPackId: open.defaultPackId, resolvePath: workspacePathResolver(process.cwd()) };
}
