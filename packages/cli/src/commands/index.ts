import type { Command } from '../io.ts';

// Each verb's module loads only when it runs, so `cavra evaluate` does not pay for parsing the
// Sigstore and cloud storage clients that `evidence seal` or `evidence push` need.
function lazy(load: () => Promise<Command>): Command {
  return async (args, io) => (await load())(args, io);
}

/** The dispatch table: one verb, one module. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  aibom: lazy(async () => (await import('./aibom.ts')).aibomCommand),
  auth: lazy(async () => (await import('./auth.ts')).authCommand),
  demo: lazy(async () => (await import('./demo.ts')).demoCommand),
  evaluate: lazy(async () => (await import('./evaluate.ts')).evaluateCommand),
  evidence: lazy(async () => (await import('./evidence.ts')).evidenceCommand),
  explain: lazy(async () => (await import('./explain.ts')).explainCommand),
  gate: lazy(async () => (await import('./gate.ts')).gateCommand),
  hook: lazy(async () => (await import('./hook.ts')).hookCommand),
  keys: lazy(async () => (await import('./keys.ts')).keysCommand),
  policy: lazy(async () => (await import('./policy.ts')).policyCommand),
  'self-verify': lazy(async () => (await import('./self-verify.ts')).selfVerifyCommand),
  verify: lazy(async () => (await import('./verify.ts')).verifyCommand),
};

/** The usage lines of one verb (with their continuation lines) and the exit codes. */
export function verbUsage(verb: string): string {
  const lines = usage().split('\n');
  const picked: string[] = [];
  let inVerb = false;
  for (const line of lines) {
    if (/^  cavra /.test(line)) inVerb = line.startsWith(`  cavra ${verb} `) || line === `  cavra ${verb}`;
    else if (!/^\s{3,}/.test(line)) inVerb = false;
    if (inVerb) picked.push(line);
  }
  return `usage:\n${picked.join('\n')}\n\n${lines.find((l) => l.startsWith('exit codes')) ?? ''}\n`;
}

export function usage(): string {
  return `cavra: decide, record and prove AI coding agent actions

usage:
  cavra evaluate [--pack ID|FILE]... [--policy-dir DIR] [--registry FILE] (--request JSON | --batch FILE|-) [--evidence DIR]
  cavra evidence seal DIR (--key PEM | --keyless) [--identity FILE] [--origin NAME] [--artefact FILE]... [--fulcio-url URL --rekor-url URL --tsa-url URL --rekor-entry-type dsse|intoto --identity-token-file F]
  cavra evidence prove DIR --record N
  cavra evidence push DIR URI [--retain-days N] [--legal-hold] [--mode governance|compliance] [--allow-mutable] [--endpoint URL]
  cavra evidence pull URI DIR [--manifest KEY] [--endpoint URL]
  cavra verify PATH [--trusted-key PEM]... [--trust-root FILE] [--certificate-identity ID --certificate-oidc-issuer URL] [--expect-size N] [--expect-root HEX] [--report FILE]
  cavra verify PATH --format cavra-daemon [--hmac-key-file F] [--key-id ID] [--allow-unsigned]
  cavra verify --proof FILE [--trusted-key PEM]...
  cavra keys generate|rotate --out PREFIX [--algorithm ed25519|ecdsa-p256] [--trust-root FILE]; keys list --trust-root FILE; keys revoke KEY_ID --trust-root FILE
  cavra explain 'COMMAND' [--pack ID|FILE]... [--policy-dir DIR] [--json]
  cavra policy list|show|lint|test [--pack ID|FILE]... [--policy-dir DIR]
  cavra auth verify (--token JWT | --token-file F) --issuer URL --audience AUD (--jwks FILE | --jwks-url URL | --discover) [--claims FILE]
  cavra gate [--provider auto|local|github|gitlab|azure] [--reports-dir DIR] [--pack ID|FILE]... [--registry FILE] --session FILE... [--evidence DIR] [--store URI] [--mode enforce|shadow] [--key PEM | --keyless --certificate-identity ID --certificate-oidc-issuer URL [--trust-root FILE]]
             [--issuer URL --audience AUD (--jwks FILE | --jwks-url URL | --discover) [--token-file F] [--claims FILE]]
  cavra hook claude-code|codex|gemini|cursor|copilot [--pack ID|FILE]... [--policy-dir DIR] [--registry FILE] [--evidence DIR] [--root DIR]   (the agent's event on stdin)
  cavra hook install AGENT [--settings FILE] [--command CMD]
  cavra aibom DIR [--rebuild]   the AI bill of materials (CycloneDX 1.6) of a run's evidence
  cavra self-verify [--sums FILE] [--json]   check the running bundle against dist/SHA256SUMS
  cavra demo                 the gate on the bundled demo scenario (local key and store, shadow mode)
  cavra VERB --help          the usage of one verb;  cavra --version

exit codes: 0 success, 1 verification or gate failure, 2 bad usage or input
`;
}
