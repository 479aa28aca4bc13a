// A program name held in a variable the script itself set to a literal is judged as that program
// (so block rules hold), yet the expansion still keeps the command from ever being allowed.
import { beforeAll, expect, test } from 'vitest';
import { compilePolicy, evaluate, loadCommandAnalyzer, openPolicy } from '@cavra/core';

const context = { now: () => new Date(0), randomHex: (bytes: number) => '0'.repeat(bytes * 2) };
const policy = compilePolicy(openPolicy({}), []);
const decide = (target: string) => evaluate(policy, { action_type: 'execute_command', target }, context);

beforeAll(() => loadCommandAnalyzer());

test.for([
  ['x=terraform; $x apply -auto-approve', 'block', 'commands.block'],
  ['TF=terraform && "${TF}" apply', 'block', 'commands.block'],
  ['t=npm; $t test', 'require_approval', 'commands.opaque'],
  ['$UNSET apply', 'require_approval', 'commands.opaque'],
  ["msg='terraform apply'; echo \"$msg\"", 'require_approval', 'commands.default.require_approval'],
] as const)('%s gets %s by %s', ([line, decision, ruleId]) => {
  const record = decide(line);
  expect([record.decision, record.rule_id]).toEqual([decision, ruleId]);
});
