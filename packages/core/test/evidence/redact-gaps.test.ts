// Issue 18 items 6 and 7: redaction covers the secrets the issue found in clear, through
// secretlint's maintained rules plus NAME=value and URL passwords, and survives hostile nesting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, REDACTED, buildEvidenceLine, redactRequest, redactString } from '../../src/index.ts';
import { MAX_REDACT_DEPTH, TOO_DEEP } from '../../src/evidence/redact.ts';
import { loadSecretRules } from '../../src/evidence/secret-rules.ts';
import { decision } from './support.ts';

const ATTACKS = join(import.meta.dirname, '../../../../fixtures/evidence/attacks');

interface SecretCase {
  name: string;
  text: string;
  secret: string;
}
const cases = JSON.parse(readFileSync(join(ATTACKS, 'redaction-gaps.json'), 'utf8')) as { secrets: SecretCase[]; benign: string[] };

beforeAll(async () => {
  await loadSecretRules();
});

describe('redaction gaps (issue 18 item 7)', () => {
  it.for(cases.secrets)('$name is redacted', ({ text, secret }) => {
    expect(text).toContain(secret);
    const out = redactString(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(secret);
    // Through the record path too (secretlint's pass runs per record).
    const { line } = buildEvidenceLine({ decision: decision(1), request: { action_type: 'execute_command', target: text } }, GENESIS_HASH, 1);
    expect(line).not.toContain(secret);
  });

  it.for(cases.benign)('benign look-alike `%s` is kept as is', (text) => {
    expect(redactString(text)).toBe(text);
    expect(redactRequest({ target: text })).toEqual({ target: text });
  });

  it('a secret only secretlint knows (a Slack webhook) is redacted in every string of the record', () => {
    const hook = 'https://hooks.slack.com/services/T0123ABCD/B0123ABCD/aBcDeFgHiJkLmNoPqRsTuV12';
    const out = redactRequest({ target: `curl -X POST ${hook}`, note: hook }) as { target: string; note: string };
    expect(out.target).not.toContain('aBcDeFgHiJkLmNoPqRsTuV12');
    expect(out.note).not.toContain('aBcDeFgHiJkLmNoPqRsTuV12');
  });
});

describe('hostile nesting (issue 18 item 6, redaction part)', () => {
  it('JSON nested 3,000 deep is redacted without a stack overflow, elided below the limit', () => {
    const text = `${'['.repeat(3000)}"ghp_abcdefghijklmnopqrstuvwxyz0123456789"${']'.repeat(3000)}`;
    const value = JSON.parse(text) as unknown;
    const out = redactRequest({ target: 'x', payload: value });
    let node = (out as { payload: unknown }).payload;
    let depth = 1;
    while (Array.isArray(node)) {
      node = node[0];
      depth += 1;
    }
    expect(node).toBe(TOO_DEEP);
    expect(depth).toBe(MAX_REDACT_DEPTH);
    const { line } = buildEvidenceLine({ decision: decision(1), request: { target: 'x', payload: value } }, GENESIS_HASH, 1);
    expect(line).toContain('nested deeper than');
  });

  it('objects nested 3,000 deep too', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 3000; i += 1) value = { a: value };
    expect(() => buildEvidenceLine({ decision: decision(1), request: value }, GENESIS_HASH, 1)).not.toThrow();
  });
});
