// One hook call, start to answer, without I/O: read the agent's event, turn its tool call into
// requests, decide them, and answer in the agent's protocol. Every doubt answers deny.
import { evaluate, recordVerdict, type DecisionPolicy } from '../decision/evaluate.ts';
import { strictestVerdict } from '../decision/precedence.ts';
import type { ActionRequest, DecisionContext, DecisionRecord, DecisionValue } from '../decision/types.ts';
import { isCavraError } from '../errors.ts';
import { toolCallRequests, UNKNOWN_TOOL_ACTION } from '../session/tool-call.ts';
import type { AgentHookProtocol, HookAnswer, HookEvent, HookOutcome } from './protocol.ts';

/** The rule of a tool the hook cannot map to an action: it is refused. */
export const HOOK_UNKNOWN_TOOL_RULE_ID = 'hook.tool.unknown';

/** The event read, and the requests its tool call makes; or why it could not be read. */
export type HookReading = { ok: true; event: HookEvent; requests: ActionRequest[] } | { ok: false; reason: string };

/**
 * Reads a hook's stdin text. Paths become relative to `root` (default: the workspace root the
 * event names, else its `cwd`). The requests never carry a `policy_pack`: the operator's packs decide.
 */
export function readHookEvent(protocol: AgentHookProtocol, text: string, root?: string): HookReading {
  if (text.trim() === '') return { ok: false, reason: 'the hook received no event on stdin' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `the hook event is not valid JSON: ${(error as Error).message}` };
  }
  try {
    const event = protocol.parse(value);
    const scopeRoot = root ?? event.root ?? event.cwd;
    const requests = toolCallRequests(event.call, { ...(scopeRoot ? { root: scopeRoot } : {}), ...(event.cwd ? { cwd: event.cwd } : {}) }).map((request) => ({ ...request, hook_event: event.event }));
    return { ok: true, event, requests };
  } catch (error) {
    return { ok: false, reason: isCavraError(error) ? error.message : `the hook event could not be read: ${(error as Error).message}` };
  }
}

/** Decides each request; a tool the hook cannot map is refused, not left to a default. */
export function decideHookRequests(policy: DecisionPolicy, requests: readonly ActionRequest[], context: DecisionContext): DecisionRecord[] {
  return requests.map((request) =>
    request.action_type === UNKNOWN_TOOL_ACTION
      ? recordVerdict(
          request,
          {
            rule_id: HOOK_UNKNOWN_TOOL_RULE_ID,
            decision: 'block',
            severity: 'high',
            reason: `tool \`${String(request.tool_name)}\` is not one cavra knows how to judge`,
            approver_group: null,
            target: request.target ?? '',
            requested_operation: request.requested_operation ?? '',
          },
          context,
          policy.defaultPackId,
        )
      : evaluate(policy, request, context),
  );
}

/** What the agent is told for a set of decisions: the strictest one speaks. No decisions (an internal tool) is an allow. */
export function hookOutcome(decisions: readonly DecisionRecord[]): { outcome: HookOutcome; reason: string } {
  const strictest = strictestVerdict(decisions);
  if (!strictest) return { outcome: 'allow', reason: 'no action to decide' };
  return { outcome: outcomeOf(strictest.decision), reason: `${strictest.rule_id}: ${strictest.reason}` };
}

/** The answer that refuses, for anything that went wrong. */
export function failClosedAnswer(protocol: AgentHookProtocol, reason: string, event?: HookEvent): HookAnswer {
  return protocol.answer('deny', `cavra could not decide, so the tool call is refused: ${reason}`, event);
}

function outcomeOf(decision: DecisionValue): HookOutcome {
  if (decision === 'block') return 'deny';
  if (decision === 'require_approval') return 'ask';
  return 'allow';
}
