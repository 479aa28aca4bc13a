// The proof no agent offers by itself: every tool call in the agent's own record went through
// the hook's decision. Pairs transcript tool calls with hook decisions by tool-call id.
import type { ActionRequest, Verdict } from '../decision/types.ts';

/** The rule of a tool call that the transcript shows and no hook decided. */
export const UNMEDIATED_RULE_ID = 'session.unmediated';

/** What pairing a transcript with a hook log found. */
export interface Mediation {
  /** Transcript requests no hook decided (including calls without an id): each is a `block`. */
  unmediated: ActionRequest[];
  /** Hook decisions with a tool-call id the transcript does not show: warnings. */
  unmatched: ActionRequest[];
  warnings: string[];
}

/**
 * Pairs the requests read from an agent's transcript with the requests a hook decided, by
 * `tool_use_id`. Pure. A transcript call without an id cannot be shown to be mediated, so it
 * counts as unmediated.
 */
export function mediateSession(transcript: readonly ActionRequest[], hooked: readonly ActionRequest[]): Mediation {
  const decided = new Set(hooked.map(toolCallId).filter((id): id is string => id !== undefined));
  const called = new Set(transcript.map(toolCallId).filter((id): id is string => id !== undefined));
  const unmediated = transcript.filter((request) => {
    const id = toolCallId(request);
    return id === undefined || !decided.has(id);
  });
  const unmatched = hooked.filter((request) => {
    const id = toolCallId(request);
    return id !== undefined && !called.has(id);
  });
  const warnings = unmatched.map((request) => `the hook decided tool call \`${toolCallId(request)}\` (\`${String(request.tool_name ?? request.action_type)}\`), which the session transcript does not show`);
  return { unmediated, unmatched, warnings };
}

/** The verdict of an unmediated tool call: it bypassed the control, so it blocks. */
export function unmediatedVerdict(request: ActionRequest): Verdict {
  const id = toolCallId(request);
  return {
    rule_id: UNMEDIATED_RULE_ID,
    decision: 'block',
    severity: 'high',
    reason: id
      ? `tool call \`${id}\` (\`${String(request.tool_name ?? request.action_type)}\`) is in the session transcript but no hook decided it`
      : `a \`${String(request.tool_name ?? request.action_type)}\` tool call without an id cannot be shown to have gone through the hook`,
    approver_group: null,
    target: request.target ?? '',
    requested_operation: request.operation || request.requested_operation || '',
  };
}

function toolCallId(request: ActionRequest): string | undefined {
  const id = request.tool_use_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
