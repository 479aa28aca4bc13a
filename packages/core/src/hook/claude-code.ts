// Claude Code hooks (code.claude.com/docs/en/hooks): PreToolUse answers with
// `hookSpecificOutput.permissionDecision` (allow|deny|ask|defer); PermissionRequest with
// `hookSpecificOutput.decision.behavior` (allow|deny), and ignores exit code 2.
import { eventObject, invalidEvent, json, optionalString, requiredString, toolInput } from './event-fields.ts';
import type { AgentHookProtocol, HookEvent } from './protocol.ts';

const EVENTS = new Set(['PreToolUse', 'PermissionRequest']);

export const claudeCodeHook: AgentHookProtocol = {
  parse(value) {
    const event = eventObject(value, 'claude-code');
    const name = requiredString(event, 'hook_event_name', 'claude-code');
    if (!EVENTS.has(name)) throw invalidEvent('claude-code', `event \`${name}\` is not one cavra decides (PreToolUse, PermissionRequest)`);
    const cwd = optionalString(event.cwd);
    const sessionId = optionalString(event.session_id);
    const id = optionalString(event.tool_use_id);
    return {
      agent: 'claude-code',
      event: name,
      call: {
        agent: 'claude-code',
        tool: requiredString(event, 'tool_name', 'claude-code'),
        input: toolInput(event.tool_input, 'tool_input', 'claude-code'),
        ...(id ? { id } : {}),
        ...(sessionId ? { sessionId } : {}),
      },
      ...(cwd ? { cwd } : {}),
    };
  },
  answer(outcome, reason, event: HookEvent | undefined) {
    // Unknown event: exit 2 blocks PreToolUse whatever stdout says.
    if (!event) return { stdout: '', stderr: `cavra: ${reason}\n`, exitCode: 2 };
    if (event.event === 'PermissionRequest') {
      // No decision lets the permission dialog ask the person (a non-interactive run denies).
      if (outcome !== 'deny') return { stdout: '', stderr: '', exitCode: 0 };
      return { stdout: json({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: reason } } }), stderr: '', exitCode: 0 };
    }
    // An allow says nothing, so Claude Code's own permission settings still apply.
    if (outcome === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
    return { stdout: json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: outcome, permissionDecisionReason: reason } }), stderr: '', exitCode: 0 };
  },
};
