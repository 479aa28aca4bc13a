import type { Command } from '../io.ts';
import { authCommand } from './auth.ts';
import { demoCommand } from './demo.ts';
import { evaluateCommand } from './evaluate.ts';
import { explainCommand } from './explain.ts';
import { policyCommand } from './policy.ts';

/** The dispatch table: one verb, one module. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  auth: authCommand,
  demo: demoCommand,
  evaluate: evaluateCommand,
  explain: explainCommand,
  policy: policyCommand,
};

export function usage(): string {
  return `cavra: decide, record and prove AI coding agent actions

usage:
  cavra evaluate [--pack ID|FILE]... [--policy-dir DIR] [--registry FILE] (--request JSON | --batch FILE|-)
  cavra explain 'COMMAND' [--pack ID|FILE]... [--policy-dir DIR] [--json]
  cavra policy list|show|lint|test [--pack ID|FILE]... [--policy-dir DIR]
  cavra auth verify (--token JWT | --token-file F) --issuer URL --audience AUD (--jwks FILE | --jwks-url URL | --discover) [--claims FILE]
  cavra demo                 evaluate the bundled demo scenario

exit codes: 0 success, 1 verification or gate failure, 2 bad usage or input
`;
}
