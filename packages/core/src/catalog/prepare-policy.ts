import { loadCommandAnalyzer } from '../command/load.ts';
import { selectPackId, type DecisionPolicy } from '../decision/evaluate.ts';
import { GATE_DEFAULT_PACK_ID, type ActionRequest } from '../decision/types.ts';
import { workspacePathResolver } from '../workspace/path-resolver.ts';
import { compilePolicy, openPolicy, type PolicyOptions } from './open-policy.ts';

export interface PrepareDecisionPolicyOptions extends PolicyOptions {
  /**
   * The operator's packs alone decide (`cavra gate`, `cavra hook`, the wrappers): a request's
   * `policy_pack` is recorded, never obeyed, and without packs `cavra-ci-baseline` decides.
   * Otherwise upstream's behaviour (`cavra evaluate`): a request's `policy_pack` selects the pack.
   */
  operatorDecides?: boolean;
  /** The workspace root, inside which symlinks of file targets are followed. */
  cwd: string;
}

/**
 * Opens and compiles every pack that can decide the requests before anything is decided (so a
 * bad pack fails before any output), loads the shell analyser when a request runs a command (a
 * caller cannot forget it and so block every command), and follows symlinks inside the workspace.
 */
export async function prepareDecisionPolicy(options: PrepareDecisionPolicyOptions, requests: readonly ActionRequest[]): Promise<DecisionPolicy & { defaultPackId: string }> {
  const packs = options.operatorDecides && (options.packs ?? []).length === 0 ? [GATE_DEFAULT_PACK_ID] : (options.packs ?? []);
  const open = openPolicy({ ...options, packs });
  const selected = options.operatorDecides ? open.packIds : requests.map((request) => selectPackId(request, open.defaultPackId));
  const policy = compilePolicy(open, new Set(selected));
  if (requests.some((request) => request.action_type === 'execute_command')) await loadCommandAnalyzer();
  return {
    ...policy,
    defaultPackId: open.defaultPackId,
    ...(options.operatorDecides ? { operatorPackIds: open.packIds } : {}),
    resolvePath: workspacePathResolver(options.cwd),
  };
}
