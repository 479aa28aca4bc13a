// Codex hooks (developers.openai.com/codex/hooks): PreToolUse blocks on exit 2 with the reason
// on stderr; `ask` and unknown output fields make the hook run count as failed and the tool
// runs anyway, so an approval becomes a deny. PermissionRequest answers `decision.behavior`.
import { json, toolEvent } from './event-fields.ts';
import type { AgentHookProtocol } from './protocol.ts';

const EVENTS = ['PreToolUse', 'PermissionRequest'];

export const codexHook: AgentHookProtocol = {
  parse: (value) => toolEvent(value, 'codex', EVENTS),
  answer(outcome, reason, event) {
    if (event?.event === 'PermissionRequest') {
      if (outcome === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
      return { stdout: json({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: reason } } }), stderr: '', exitCode: 0 };
    }
    if (outcome === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
    return { stdout: '', stderr: `cavra: ${outcome === 'ask' ? 'needs approval, and Codex hooks cannot ask: ' : ''}${reason}\n`, exitCode: 2 };
  },
};
