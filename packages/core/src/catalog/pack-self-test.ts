import { evaluate, type DecisionPolicy } from '../decision/evaluate.ts';
import type { DecisionContext } from '../decision/types.ts';
import type { CompiledPack } from '../policy/compile.ts';
import type { RuleAction } from '../policy/pack.ts';

/** One failed self-test of a pack. */
export interface PackTestFailure {
  pack: string;
  test: string;
  message: string;
}

export interface PackTestReport {
  pack: string;
  passed: number;
  failures: PackTestFailure[];
}

// Fixed so that self-tests are deterministic.
const TEST_CONTEXT: DecisionContext = { now: () => new Date(0), randomHex: (bytes) => '0'.repeat(bytes * 2) };

/**
 * Runs a pack's own examples: each rule's `examples.match` must be judged by that rule and
 * `examples.not_match` must not be (Codex execpolicy style), and each entry of `tests` must
 * get its expected decision.
 */
export function runPackSelfTests(pack: CompiledPack, policy: Omit<DecisionPolicy, 'packs' | 'defaultPackId'> = {}): PackTestReport {
  const decisionPolicy: DecisionPolicy = { ...policy, packs: new Map([[pack.id, pack]]), defaultPackId: pack.id };
  const failures: PackTestFailure[] = [];
  let passed = 0;
  const record = (ok: boolean, test: string, message: string) => {
    if (ok) passed += 1;
    else failures.push({ pack: pack.id, test, message });
  };

  (pack.document.rules ?? []).forEach((rule) => {
    for (const actionType of exampleActionTypes(rule.action, rule.operation)) {
      for (const target of rule.examples?.match ?? []) {
        const decision = evaluate(decisionPolicy, { action_type: actionType, target }, TEST_CONTEXT);
        const matched = decision.rule_id === rule.id || (decision.matches ?? []).some((match) => match.rule_id === rule.id);
        record(matched, `${rule.id} match \`${target}\``, `rule \`${rule.id}\` should match \`${target}\` but the decision was ${decision.decision} by \`${decision.rule_id}\``);
      }
      for (const target of rule.examples?.not_match ?? []) {
        const decision = evaluate(decisionPolicy, { action_type: actionType, target }, TEST_CONTEXT);
        const matched = decision.rule_id === rule.id || (decision.matches ?? []).some((match) => match.rule_id === rule.id);
        record(!matched, `${rule.id} not_match \`${target}\``, `rule \`${rule.id}\` should not match \`${target}\` but it did`);
      }
    }
  });

  for (const test of pack.document.tests ?? []) {
    const decision = evaluate(decisionPolicy, { policy_pack: pack.id, ...test.request }, TEST_CONTEXT);
    const wrong = (Object.entries(test.expect) as Array<[keyof typeof test.expect, string]>)
      .filter(([field, expected]) => decision[field] !== expected)
      .map(([field, expected]) => `${field} was \`${String(decision[field])}\`, expected \`${expected}\``);
    record(wrong.length === 0, test.name, `test \`${test.name}\`: ${wrong.join('; ')}`);
  }
  return { pack: pack.id, passed, failures };
}

function exampleActionTypes(action: RuleAction, operation: 'read' | 'write' | 'any' | undefined): string[] {
  if (action !== 'file') return [action];
  if (operation === 'read') return ['read_file'];
  if (operation === 'write') return ['write_file'];
  return ['read_file', 'write_file'];
}
