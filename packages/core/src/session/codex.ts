// Codex: `codex exec --json` event streams (`item.*` events, codex-rs/exec/src/exec_events.rs)
// and session rollout files (`{timestamp, type, payload}` lines, RolloutItem in
// codex-rs/protocol). Exec item ids (`item_3`) are not the model's call ids; rollout `call_id`s
// are, and they are what Codex hooks report as `tool_use_id`.
import type { ActionRequest } from '../decision/types.ts';
import type { PathScope } from './paths.ts';
import { isRecord, jsonLines, sessionProblem, stringOf } from './problem.ts';
import { toolCallRequests, type AgentToolCall } from './tool-call.ts';
import type { SessionProblem, SessionRead } from './types.ts';

// Items that report the conversation, not a tool call.
const NON_TOOL_ITEMS = new Set(['agent_message', 'reasoning', 'todo_list', 'error', 'user_message', 'plan']);

/** Reads a `codex exec --json` stream: one request set per item id, whatever events repeat it. */
export function readCodexExec(text: string, file: string, scope: PathScope): SessionRead {
  const problems: SessionProblem[] = [];
  const requests: ActionRequest[] = [];
  const seen = new Set<string>();
  let sessionId: string | undefined;
  for (const { value, line } of jsonLines(text, file, problems)) {
    if (!isRecord(value)) continue;
    if (value.type === 'thread.started') sessionId = stringOf(value.thread_id);
    if (typeof value.type !== 'string' || !value.type.startsWith('item.') || !isRecord(value.item)) continue;
    const item = value.item;
    const id = stringOf(item.id);
    const type = stringOf(item.type) ?? '';
    if (NON_TOOL_ITEMS.has(type)) continue;
    if (id === undefined) {
      problems.push(sessionProblem(file, line, JSON.stringify(value), `\`${file}\` line ${line}: a \`${type}\` item without an id`));
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    const call = execItemCall(item, id, sessionId);
    requests.push(...toolCallRequests(call, scope));
  }
  return { file, format: 'codex-exec-json', requests, problems };
}

function execItemCall(item: Record<string, unknown>, id: string, sessionId: string | undefined): AgentToolCall {
  const base = { agent: 'codex', id, ...(sessionId ? { sessionId } : {}) };
  switch (item.type) {
    case 'command_execution':
      return { ...base, tool: 'shell', input: { command: item.command } };
    case 'file_change':
      return { ...base, tool: 'apply_patch', input: { changes: item.changes } };
    case 'mcp_tool_call':
      return { ...base, tool: stringOf(item.tool) ?? '', mcpServerName: stringOf(item.server) ?? '', input: isRecord(item.arguments) ? item.arguments : {} };
    case 'web_search':
      return { ...base, tool: 'web_search', input: { query: item.query } };
    default:
      return { ...base, tool: stringOf(item.type) ?? 'unknown', input: item };
  }
}

/** Reads a Codex rollout file (`$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`). */
export function readCodexRollout(text: string, file: string, scope: PathScope): SessionRead {
  const problems: SessionProblem[] = [];
  const requests: ActionRequest[] = [];
  let sessionId: string | undefined;
  let cwd = scope.cwd;
  for (const { value, line } of jsonLines(text, file, problems)) {
    if (!isRecord(value) || !isRecord(value.payload)) continue;
    const payload = value.payload;
    if (value.type === 'session_meta') {
      sessionId = stringOf(payload.id) ?? sessionId;
      cwd = stringOf(payload.cwd) ?? cwd;
      continue;
    }
    if (value.type === 'turn_context') cwd = stringOf(payload.cwd) ?? cwd;
    if (value.type !== 'response_item') continue;
    const call = rolloutCall(payload, sessionId);
    if (call === undefined) continue;
    if ('problem' in call) {
      problems.push(sessionProblem(file, line, JSON.stringify(value), `\`${file}\` line ${line}: ${call.problem}`));
      continue;
    }
    requests.push(...toolCallRequests(call, { root: scope.root, cwd }));
  }
  return { file, format: 'codex-rollout', requests, problems };
}

function rolloutCall(payload: Record<string, unknown>, sessionId: string | undefined): AgentToolCall | { problem: string } | undefined {
  const id = stringOf(payload.call_id) ?? stringOf(payload.id);
  const base = { agent: 'codex', ...(id ? { id } : {}), ...(sessionId ? { sessionId } : {}) };
  switch (payload.type) {
    case 'function_call': {
      const name = stringOf(payload.name) ?? '';
      let input: unknown = {};
      if (typeof payload.arguments === 'string') {
        try {
          input = JSON.parse(payload.arguments);
        } catch {
          // apply_patch may come as a freeform string instead of JSON arguments.
          if (name !== 'apply_patch') return { problem: `the arguments of \`${name}\` are not valid JSON` };
          input = { input: payload.arguments };
        }
      } else if (isRecord(payload.arguments)) input = payload.arguments;
      return { ...base, tool: name, input: isRecord(input) ? input : {} };
    }
    case 'custom_tool_call':
      return { ...base, tool: stringOf(payload.name) ?? '', input: { input: payload.input } };
    case 'local_shell_call': {
      const action = isRecord(payload.action) ? payload.action : {};
      return { ...base, tool: 'local_shell', input: { command: action.command, workdir: action.working_directory } };
    }
    case 'web_search_call': {
      const action = isRecord(payload.action) ? payload.action : {};
      return { ...base, tool: 'web_search', input: { query: action.query } };
    }
    default:
      return undefined;
  }
}
