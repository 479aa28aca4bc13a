// `__proto__` is a member name like any other in the JSON an agent sends: the evidence keeps it
// as a member, in canonical order, and never lets a copy inherit what it holds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendEvidence, canonicalJson, fastCanonicalJson, KeyBundleSigner, pinnedKey, redactRequest, sealEvidence, verifyEvidence } from '../../src/index.ts';
import { FIXED_NOW, decision, ed25519, tempDir } from './support.ts';

const TEXT = '{"target":"src/a.ts","__proto__":{"policy_pack":"permissive","api_key":"k-123"},"action_type":"read_file"}';

describe('a member named __proto__', () => {
  it('is kept by the canonical form, in JCS order, as the maintained library writes it', () => {
    const value: unknown = JSON.parse(TEXT);
    expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
    expect(fastCanonicalJson(value)).toBe('{"__proto__":{"api_key":"k-123","policy_pack":"permissive"},"action_type":"read_file","target":"src/a.ts"}');
  });

  it('is kept by redaction as a member, redacted inside, and gives the copy no prototype', () => {
    const out = redactRequest(JSON.parse(TEXT)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.policy_pack).toBeUndefined();
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(JSON.stringify(out)).toContain('"__proto__":{"api_key":"<redacted>","policy_pack":"permissive"}');
  });

  it('is recorded in the evidence, which seals and verifies', async () => {
    const dir = tempDir();
    const keys = ed25519();
    await appendEvidence(dir, [{ decision: decision(1), request: JSON.parse(TEXT) as Record<string, unknown>, packDigest: `sha256:${'ab'.repeat(32)}` }], { now: FIXED_NOW });
    expect(readFileSync(join(dir, 'evidence.jsonl'), 'utf8')).toContain('"request":{"__proto__":{"api_key":"<redacted>","policy_pack":"permissive"},"action_type":"read_file"');
    await sealEvidence(dir, { signer: new KeyBundleSigner(keys.privateKey), now: FIXED_NOW });
    const report = await verifyEvidence(dir, { trustedKeys: [pinnedKey(keys.publicKey)] });
    expect(report.problems).toEqual([]);
    expect(report.valid).toBe(true);
  });
});
