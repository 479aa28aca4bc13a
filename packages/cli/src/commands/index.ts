import type { Command } from '../io.ts';
import { authCommand } from './auth.ts';
import { demoCommand } from './demo.ts';
import { evaluateCommand } from './evaluate.ts';
import { evidenceCommand } from './evidence.ts';
import { explainCommand } from './explain.ts';
import { keysCommand } from './keys.ts';
import { policyCommand } from './policy.ts';
import { verifyCommand } from './verify.ts';

/** The dispatch table: one verb, one module. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  auth: authCommand,
  demo: demoCommand,
  evaluate: evaluateCommand,
  evidence: evidenceCommand,
  explain: explainCommand,
  keys: keysCommand,
  policy: policyCommand,
  verify: verifyCommand,
};

export function usage(): string {
  return `cavra: decide, record and prove AI coding agent actions

usage:
  cavra evaluate [--pack ID|FILE]... [--policy-dir DIR] [--registry FILE] (--request JSON | --batch FILE|-) [--evidence DIR]
  cavra evidence seal DIR (--key PEM | --keyless) [--identity FILE] [--origin NAME] [--artefact FILE]...
  cavra evidence prove DIR --record N
  cavra evidence push DIR URI [--retain-days N] [--legal-hold] [--mode governance|compliance] [--allow-mutable] [--endpoint URL]
  cavra evidence pull URI DIR [--endpoint URL]
  cavra verify PATH [--trusted-key PEM]... [--trust-root FILE] [--certificate-identity ID --certificate-oidc-issuer URL] [--report FILE] [--format cavra|cavra-daemon]
  cavra verify --proof FILE [--trusted-key PEM]...
  cavra keys generate|rotate --out PREFIX [--algorithm ed25519|ecdsa-p256] [--trust-root FILE]; keys list --trust-root FILE; keys revoke KEY_ID --trust-root FILE
  cavra explain 'COMMAND' [--pack ID|FILE]... [--policy-dir DIR] [--json]
  cavra policy list|show|lint|test [--pack ID|FILE]... [--policy-dir DIR]
  cavra auth verify (--token JWT | --token-file F) --issuer URL --audience AUD (--jwks FILE | --jwks-url URL | --discover) [--claims FILE]
  cavra demo                 evaluate the bundled demo scenario

exit codes: 0 success, 1 verification or gate failure, 2 bad usage or input
`;
}
