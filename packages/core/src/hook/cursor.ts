// Cursor hooks (cursor.com/docs/hooks): every event answers `{permission, user_message,
// agent_message}`; with `failClosed: true` an answer that is not JSON blocks, so an allow is
// explicit here. beforeReadFile and preToolUse cannot ask, so an approval becomes a deny there.
import { eventObject, invalidEvent, json, optionalString, requiredString, toolInput } from './event-fields.ts';
import type { AgentHookProtocol, HookEvent } from './protocol.ts';

const CAN_ASK = new Set(['beforeShellExecution', 'beforeMCPExecution']);

export const cursorHook: AgentHookProtocol = {
  parse(value) {
    const event = eventObject(value, 'cursor');
    const name = requiredString(event, 'hook_event_name', 'cursor');
    const roots = Array.isArray(event.workspace_roots) ? event.workspace_roots.filter((root): root is string => typeof root === 'string' && root !== '') : [];
    const sessionId = optionalString(event.conversation_id);
    const id = optionalString(event.tool_use_id) ?? optionalString(event.tool_call_id) ?? optionalString(event.generation_id);
    const base = { agent: 'cursor' as const, ...(id ? { id } : {}), ...(sessionId ? { sessionId } : {}) };
    const place = { ...(roots[0] ? { root: roots[0] } : {}), ...(optionalString(event.cwd) ? { cwd: event.cwd as string } : {}) };
    switch (name) {
      case 'beforeShellExecution':
        return { agent: 'cursor', event: name, call: { ...base, tool: 'Shell', input: { command: requiredString(event, 'command', 'cursor'), ...(place.cwd ? { cwd: place.cwd } : {}) } }, ...place };
      case 'beforeReadFile':
        return { agent: 'cursor', event: name, call: { ...base, tool: 'Read', input: { file_path: requiredString(event, 'file_path', 'cursor') } }, ...place };
      case 'beforeMCPExecution': {
        const command = optionalString(event.command);
        const url = optionalString(event.url);
        const server = optionalString(event.server) ?? optionalString(event.server_name) ?? serverNameOf(url, command);
        return {
          agent: 'cursor',
          event: name,
          call: { ...base, tool: requiredString(event, 'tool_name', 'cursor'), input: toolInput(event.tool_input, 'tool_input', 'cursor'), mcpServerName: server, mcpServer: { ...(command ? { command } : {}), ...(url ? { url } : {}) } },
          ...place,
        };
      }
      case 'preToolUse':
        return { agent: 'cursor', event: name, call: { ...base, tool: requiredString(event, 'tool_name', 'cursor'), input: toolInput(event.tool_input, 'tool_input', 'cursor') }, ...place };
      default:
        throw invalidEvent('cursor', `event \`${name}\` is not one cavra decides (beforeShellExecution, beforeReadFile, beforeMCPExecution, preToolUse)`);
    }
  },
  answer(outcome, reason, event: HookEvent | undefined) {
    const permission = outcome === 'ask' && !(event && CAN_ASK.has(event.event)) ? 'deny' : outcome;
    if (permission === 'allow') return { stdout: json({ permission: 'allow' }), stderr: '', exitCode: 0 };
    const message = outcome === 'ask' && permission === 'deny' ? `needs approval, which this Cursor hook cannot ask for: ${reason}` : reason;
    return { stdout: json({ permission, user_message: message, agent_message: message }), stderr: '', exitCode: 0 };
  },
};

// Cursor names no server apart from its tool; its URL's host or its command stands for it.
function serverNameOf(url: string | undefined, command: string | undefined): string {
  if (url) {
    try {
      return new URL(url).host.toLowerCase();
    } catch {
      return url;
    }
  }
  return command?.trim().split(/\s+/)[0]?.replace(/^.*\//, '') ?? '';
}
