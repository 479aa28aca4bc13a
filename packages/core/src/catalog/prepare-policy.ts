import type { CommandAnalyzer } from '../command/analyze.ts';
import { loadCommandAnalyzer, plainCommandAnalyzer } from '../command/load.ts';
import { tuneWasmForShortRuns } from '../command/wasm-flags.ts';
import { commandLinesOf, selectPackId, type DecisionPolicy } from '../decision/evaluate.ts';
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
  /**
   * The process exits when its work is done (a hook, the CLI): V8's wasm flags are tuned for
   * that (see tuneWasmForShortRuns) before the bash parser loads, and only if it loads.
   */
  shortRun?: boolean;
}

// Beyond this many command lines, loading the wasm parser once costs less than reading every
// line twice (once here to learn whether it is plain).
const PLAIN_ONLY_MAX_LINES = 32;

// A few lines of plain bash are analysed without the wasm parser (its start-up is most of a
// hook's time on a command); anything else loads it. Undefined: the process-wide analyser.
async function prepareCommandAnalyzer(requests: readonly ActionRequest[], shortRun: boolean): Promise<CommandAnalyzer | undefined> {
  const lines = requests.flatMap((request) => (request.action_type === 'execute_command' ? commandLinesOf(request) : []));
  if (lines.length === 0) return undefined;
  const plain = lines.length <= PLAIN_ONLY_MAX_LINES ? plainCommandAnalyzer(lines) : undefined;
  if (plain === undefined) {
    if (shortRun) tuneWasmForShortRuns();
    await loadCommandAnalyzer();
  }
  return plain;
}

/**
 * Opens and compiles every pack that can decide the requests before anything is decided (so a
 * bad pack fails before any output), loads the shell analyser when a request runs a command (a
 * caller cannot forget it and so block every command; a few plain lines need no wasm), and follows symlinks inside the workspace.
 */
export async function prepareDecisionPolicy(options: PrepareDecisionPolicyOptions, requests: readonly ActionRequest[]): Promise<DecisionPolicy & { defaultPackId: string }> {
  const packs = options.operatorDecides && (options.packs ?? []).length === 0 ? [GATE_DEFAULT_PACK_ID] : (options.packs ?? []);
  const open = openPolicy({ ...options, packs });
  const selected = options.operatorDecides ? open.packIds : requests.map((request) => selectPackId(request, open.defaultPackId));
  const policy = compilePolicy(open, new Set(selected));
  const commandAnalyzer = await prepareCommandAnalyzer(requests, options.shortRun === true);
  return {
    ...policy,
    ...(commandAnalyzer ? { commandAnalyzer } : {}),
    defaultPackId: open.defaultPackId,
    ...(options.operatorDecides ? { operatorPackIds: open.packIds } : {}),
    resolvePath: workspacePathResolver(options.cwd),
  };
}
