import type { AgentToolCall } from '../session/tool-call.ts';

/** The agents `cavra hook` speaks to. */
export const HOOK_AGENTS = ['claude-code', 'codex', 'gemini', 'cursor', 'copilot'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];

/** One hook event, read from the agent's JSON. attacker-controlled: the agent (and the model driving it) fills it. */
export interface HookEvent {
  agent: HookAgent;
  /** The agent's event name: `PreToolUse`, `PermissionRequest`, `BeforeTool`, `beforeShellExecution`, … */
  event: string;
  call: AgentToolCall;
  /** The directory the agent works in; relative paths start here. */
  cwd?: string;
  /** The workspace root when the agent names one (Cursor's `workspace_roots[0]`). */
  root?: string;
}

/** What the hook tells the agent: run it, ask the person, or refuse. */
export type HookOutcome = 'allow' | 'ask' | 'deny';

/** The hook process's answer: what it prints and how it exits. */
export interface HookAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One agent's hook protocol: its event in, its answer out. */
export interface AgentHookProtocol {
  /** Reads the agent's event; throws `ERR_HOOK_EVENT_INVALID` for anything it cannot read. */
  parse(value: unknown): HookEvent;
  /**
   * The answer that makes the agent do `outcome`; `event` is absent when the input could not
   * be read. An `ask` the agent (or this event) cannot ask becomes a deny.
   */
  answer(outcome: HookOutcome, reason: string, event: HookEvent | undefined): HookAnswer;
}
