// Codex hooks (developers.openai.com/codex/hooks): PreToolUse blocks on exit 2 with the reason
// on stderr; `ask` and unknown output fields make the hook run count as failed and the tool
// runs anyway, so an approval becomes a deny. PermissionRequest answers `decision.behavior`.
import { eventObject, invalidEvent, json, optionalString, requiredString, toolInput } from './event-fields.ts';
import type { AgentHookProtocol } from './protocol.ts';

const EVENTS = new Set(['PreToolUse', 'PermissionRequest']);

export const codexHook: AgentHookProtocol = {
  parse(value) {
    const event = eventObject(value, 'codex');
    const name = requiredString(event, 'hook_event_name', 'codex');
    if (!EVENTS.has(name)) throw invalidEvent('codex', `event \`${name}\` is not one cavra decides (PreToolUse, PermissionRequest)`);
    const cwd = optionalString(event.cwd);
    const sessionId = optionalString(event.session_id);
    const id = optionalString(event.tool_use_id);
    return {
      agent: 'codex',
      event: name,
      call: {
        agent: 'codex',
        tool: requiredString(event, 'tool_name', 'codex'),
        input: toolInput(event.tool_input, 'tool_input', 'codex'),
        ...(id ? { id } : {}),
        ...(sessionId ? { sessionId } : {}),
      },
      ...(cwd ? { cwd } : {}),
    };
  },
  answer(outcome, reason, event) {
    if (event?.event === 'PermissionRequest') {
      if (outcome === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
      return { stdout: json({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: reason } } }), stderr: '', exitCode: 0 };
    }
    if (outcome === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
    return { stdout: '', stderr: `cavra: ${outcome === 'ask' ? 'needs approval, and Codex hooks cannot ask: ' : ''}${reason}\n`, exitCode: 2 };
  },
};
