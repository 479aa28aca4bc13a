// Claude Code hooks (code.claude.com/docs/en/hooks): PreToolUse answers with
// `hookSpecificOutput.permissionDecision` (allow|deny|ask|defer); PermissionRequest with
// `hookSpecificOutput.decision.behavior` (allow|deny), and ignores exit code 2.
import { json, toolEvent } from './event-fields.ts';
import type { AgentHookProtocol, HookEvent } from './protocol.ts';

const EVENTS = ['PreToolUse', 'PermissionRequest'];

export const claudeCodeHook: AgentHookProtocol = {
  parse: (value) => toolEvent(value, 'claude-code', EVENTS),
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
