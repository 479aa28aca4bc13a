import { CavraError } from '../errors.ts';
import { claudeCodeHook } from './claude-code.ts';
import { codexHook } from './codex.ts';
import { copilotHook } from './copilot.ts';
import { cursorHook } from './cursor.ts';
import { geminiHook } from './gemini.ts';
import { HOOK_AGENTS, type AgentHookProtocol, type HookAgent } from './protocol.ts';

const PROTOCOLS: Readonly<Record<HookAgent, AgentHookProtocol>> = {
  'claude-code': claudeCodeHook,
  codex: codexHook,
  gemini: geminiHook,
  cursor: cursorHook,
  copilot: copilotHook,
};

/** The hook protocol of an agent named on the command line. */
export function hookProtocol(agent: string): AgentHookProtocol {
  if (!(HOOK_AGENTS as readonly string[]).includes(agent)) {
    throw new CavraError('ERR_USAGE', `unknown agent \`${agent}\``, { hint: `use one of ${HOOK_AGENTS.join(', ')}` });
  }
  return PROTOCOLS[agent as HookAgent];
}
