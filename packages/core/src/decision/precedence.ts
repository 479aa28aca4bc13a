import { DECISIONS, SEVERITIES, type DecisionValue, type Severity } from './types.ts';

const DECISION_RANK: Readonly<Record<DecisionValue, number>> = Object.fromEntries(
  DECISIONS.map((value, rank) => [value, rank]),
) as Record<DecisionValue, number>;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.fromEntries(
  SEVERITIES.map((value, rank) => [value, rank]),
) as Record<Severity, number>;

/** Whether `a` is stricter than `b`: block > require_approval > allow_with_attestation > warn > audit_only > allow. */
export function isStricter(a: DecisionValue, b: DecisionValue): boolean {
  return DECISION_RANK[a] > DECISION_RANK[b];
}

/** Whether a decision lets the action go ahead without a human. */
export function permitsAction(decision: DecisionValue): boolean {
  return decision !== 'block' && decision !== 'require_approval';
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

/** The strictest of several items by decision; the first wins a tie, so pack order breaks ties. */
export function strictest<T extends { decision: DecisionValue }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (best === undefined || isStricter(item.decision, best.decision)) best = item;
  }
  return best;
}

/**
 * The strictest verdict: by decision, then by severity, then the first. Used where one action
 * is judged through several doors (a command, the files it touches, the pushes it makes).
 */
export function strictestVerdict<T extends { decision: DecisionValue; severity: Severity }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || outranks(item, best)) best = item;
  return best;
}

/** Whether `a` is stricter than `b` by decision, then by severity; false for a tie. */
export function outranks(a: { decision: DecisionValue; severity: Severity }, b: { decision: DecisionValue; severity: Severity }): boolean {
  return isStricter(a.decision, b.decision) || (a.decision === b.decision && SEVERITY_RANK[a.severity] > SEVERITY_RANK[b.severity]);
}
