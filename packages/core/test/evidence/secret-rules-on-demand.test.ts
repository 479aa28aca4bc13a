// appendEvidence loads secretlint's rules itself, and only for a batch that has a string the
// rules would be asked about. Its own file: the rules' loaded state is per module instance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendEvidence } from '../../src/index.ts';
import { secretRulesLoaded } from '../../src/evidence/secret-rules.ts';
import { FIXED_NOW, decision, tempDir } from './support.ts';

describe('secretlint rules on demand', () => {
  it('a batch with nothing token-like does not load them', async () => {
    const dir = tempDir();
    await appendEvidence(dir, [{ decision: decision(1), request: { action_type: 'read_file', target: 'src/app.ts' } }], { now: FIXED_NOW });
    expect(secretRulesLoaded()).toBe(false);
  });

  it('a batch with a secret only secretlint knows loads them, and the secret never reaches the log', async () => {
    const dir = tempDir();
    const secret = 'aBcDeFgHiJkLmNoPqRsTuV12';
    const target = `curl -X POST https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${secret}`;
    await appendEvidence(dir, [{ decision: decision(1, { target }), request: { action_type: 'execute_command', target } }], { now: FIXED_NOW });
    expect(secretRulesLoaded()).toBe(true);
    const log = readFileSync(join(dir, 'evidence.jsonl'), 'utf8');
    expect(log).toContain('<redacted>');
    expect(log).not.toContain(secret);
  });
});
