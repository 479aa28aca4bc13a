import type { CompiledDefault, CompiledRule } from '../policy/compile.ts';
import type { RuleIndex } from '../policy/rule-index.ts';
import type { RuleMatch, Verdict } from './types.ts';

/** A rule that matched, with the pattern and the text it matched. */
export interface RuleHit {
  rule: CompiledRule;
  pattern: string;
  subject: string;
  decision: CompiledRule['decision'];
}

/** Every rule that matches `subject`, each with the first of its patterns that matched, in pack order. */
export function findHits(index: RuleIndex<CompiledRule>, subject: string): RuleHit[] {
  const hits: RuleHit[] = [];
  // Candidates come in pack order, so a rule's first matching candidate is its first matching pattern.
  let settled: CompiledRule | undefined;
  for (const { rule, pattern } of index.candidates(subject)) {
    if (rule === settled || !pattern.matcher.test(subject)) continue;
    settled = rule;
    if (rule.exceptions?.test(subject)) continue;
    hits.push({ rule, pattern: pattern.text, subject, decision: rule.decision });
  }
  return hits;
}

export function toRuleMatches(hits: readonly RuleHit[]): RuleMatch[] {
  return hits.map((hit) => ({ rule_id: hit.rule.ruleId, decision: hit.decision, pattern: hit.pattern, subject: hit.subject }));
}

/** A verdict from the deciding rule hit; `reason` is used when the rule has no message of its own. */
export function hitVerdict(
  hit: RuleHit,
  hits: readonly RuleHit[],
  fields: Pick<Verdict, 'target' | 'requested_operation'> & Partial<Pick<Verdict, 'action_type' | 'severity'>>,
  reason: string,
): Verdict {
  return {
    rule_id: hit.rule.ruleId,
    decision: hit.decision,
    severity: hit.rule.severity ?? 'high',
    reason: hit.rule.message ?? reason,
    approver_group: hit.rule.approverGroup,
    matches: toRuleMatches(hits),
    ...(hit.rule.compliance ? { compliance: hit.rule.compliance } : {}),
    ...fields,
  };
}

/** A verdict from the pack's default for an action type. */
export function defaultVerdict(outcome: CompiledDefault, target: string, requestedOperation: string, reason: string): Verdict {
  return {
    rule_id: outcome.ruleId,
    decision: outcome.decision,
    severity: outcome.severity,
    reason: outcome.message ?? reason,
    approver_group: outcome.approverGroup,
    target,
    requested_operation: requestedOperation,
    ...(outcome.compliance ? { compliance: outcome.compliance } : {}),
  };
}
