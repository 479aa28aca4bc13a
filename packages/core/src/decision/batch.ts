// A session repeats itself: the same file read again, `npm test` after every edit. A verdict is
// a pure function of the policy and of the fields of the request that deciding reads, so a batch
// decides an action at most twice and dresses one shared verdict as the record of every later
// repeat.
import { DECISIVE_FIELDS, decideRequest, evaluate, toDecisionRecord, type DecisionPolicy, type PackVerdict } from './evaluate.ts';
import { assertRequestSize } from './limits.ts';
import type { ActionRequest, DecisionContext, DecisionRecord } from './types.ts';

/** Release records are read whole (`releaseRecordOf`): they are decided each time. */
const REPEATABLE_TYPES: ReadonlySet<unknown> = new Set(['read_file', 'write_file', 'execute_command', 'git_operation', 'mcp_tool_call']);
/** Verdicts kept per batch, and the longest key kept: a bound on memory, not on correctness. */
const MAX_KEPT = 4096;
const MAX_KEY_LENGTH = 16 * 1024;

/** Decides requests under one policy as {@link evaluate} does, a repeated action from a kept verdict. */
export function batchEvaluator(policy: DecisionPolicy): (request: ActionRequest, context: DecisionContext) => DecisionRecord {
  // `null`: decided once. Most actions of a session never come again, so a verdict is kept
  // only when its action does, and frozen then, before any record shares it: nothing
  // downstream can change what several records hold.
  const decided = new Map<string, PackVerdict | null>();
  return (request, context) => {
    const key = repeatKey(request);
    if (key === undefined) return evaluate(policy, request, context);
    const kept = decided.get(key);
    if (kept) return toDecisionRecord(request, kept.packId, kept.verdict, context);
    const verdict = decideRequest(policy, request);
    if (kept === null) decided.set(key, deepFreeze(verdict));
    else if (decided.size < MAX_KEPT) decided.set(key, null);
    return toDecisionRecord(request, verdict.packId, verdict.verdict, context);
  };
}

// The decisive fields, each a string or absent; `undefined` for a request to decide afresh: an
// unusual one (a field of another type, a release record, a long key) or one over the size caps,
// whose verdict names the request itself.
function repeatKey(request: ActionRequest): string | undefined {
  if (!REPEATABLE_TYPES.has(request.action_type)) return undefined;
  const values: Array<string | null> = [];
  for (const field of DECISIVE_FIELDS) {
    const value = request[field];
    if (value === undefined) values.push(null);
    else if (typeof value === 'string') values.push(value);
    else return undefined;
  }
  try {
    assertRequestSize(request);
  } catch {
    return undefined;
  }
  const key = JSON.stringify(values);
  return key.length > MAX_KEY_LENGTH ? undefined : key;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
