// GitHub Copilot hooks (`.github/hooks/*.json`, docs.github.com copilot hooks reference):
// preToolUse gets camelCase `{toolName, toolArgs}` (a PascalCase `PreToolUse` entry gets
// snake_case `{tool_name, tool_input}`) and answers `{permissionDecision, permissionDecisionReason}`.
// Exit codes never block, so every answer is JSON on exit 0; the cloud agent treats "ask" as deny.
import { eventObject, invalidEvent, json, optionalString, toolInput } from './event-fields.ts';
import type { AgentHookProtocol } from './protocol.ts';

export const copilotHook: AgentHookProtocol = {
  parse(value) {
    const event = eventObject(value, 'copilot');
    const tool = optionalString(event.toolName) ?? optionalString(event.tool_name);
    if (!tool) throw invalidEvent('copilot', '`toolName` must be a non-empty string');
    const input = event.toolArgs !== undefined ? toolInput(event.toolArgs, 'toolArgs', 'copilot') : toolInput(event.tool_input, 'tool_input', 'copilot');
    const cwd = optionalString(event.cwd);
    const sessionId = optionalString(event.sessionId) ?? optionalString(event.session_id);
    const id = optionalString(event.toolCallId) ?? optionalString(event.tool_use_id);
    return {
      agent: 'copilot',
      event: optionalString(event.hook_event_name) ?? optionalString(event.hookEventName) ?? 'preToolUse',
      call: { agent: 'copilot', tool, input, ...(id ? { id } : {}), ...(sessionId ? { sessionId } : {}) },
      ...(cwd ? { cwd } : {}),
    };
  },
  answer(outcome, reason) {
    // An allow says nothing (Copilot reads no output as "run it unchanged"), so its own settings still apply.
    if (outcome === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
    return { stdout: json({ permissionDecision: outcome, permissionDecisionReason: reason }), stderr: '', exitCode: 0 };
  },
};
