// A seal in the process that appended skips re-parsing the lines that process wrote, and only
// while the log holds exactly those bytes: a line changed between append and seal is parsed
// and judged like any other.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendEvidence, KeyBundleSigner, LINE_LAYOUT, sealEvidence, verifyEvidence, pinnedKey, type SealOptions } from '../../src/index.ts';
import { FIXED_NOW, decision, ed25519, input, tempDir } from './support.ts';

const keys = ed25519();
const sealOptions: SealOptions = { signer: new KeyBundleSigner(keys.privateKey), now: FIXED_NOW };
const inputs = Array.from({ length: 12 }, (_, i) => (i === 5 ? { ...input(i + 1), packDigest: `sha256:${'cd'.repeat(32)}` } : input(i + 1)));

// Rewrites line `at` (0-based) through `change`, then recomputes its own hash and the chain of
// every later line, as a writer with access to the file could.
function rewriteLine(dir: string, at: number, change: (line: string) => string): void {
  const file = join(dir, 'evidence.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1).map((line) => Buffer.from(line, 'utf8'));
  lines[at] = Buffer.from(change(lines[at]!.toString('utf8')), 'utf8');
  let prev = at === 0 ? '0'.repeat(64) : lines[at - 1]!.toString('latin1', LINE_LAYOUT.hashStart, LINE_LAYOUT.hashStart + 64);
  for (let i = at; i < lines.length; i += 1) {
    const bytes = lines[i]!;
    bytes.write(prev, LINE_LAYOUT.prevStart, 'latin1');
    prev = createHash('sha256').update(bytes.subarray(LINE_LAYOUT.recordStart, bytes.length - 1)).digest('hex');
    bytes.write(prev, LINE_LAYOUT.hashStart, 'latin1');
  }
  writeFileSync(file, Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));
}

async function predicateOf(dir: string, written?: SealOptions['written']): Promise<Record<string, unknown>> {
  const { statement } = await sealEvidence(dir, { ...sealOptions, ...(written ? { written } : {}) });
  return statement.predicate as unknown as Record<string, unknown>;
}

describe('sealing what this process appended', () => {
  it('counts decisions and pack digests exactly as a full parse does, and the result verifies', async () => {
    const reused = tempDir();
    const parsed = tempDir();
    await appendEvidence(reused, inputs.slice(0, 4), { now: FIXED_NOW });
    await appendEvidence(parsed, inputs.slice(0, 4), { now: FIXED_NOW });
    const { written } = await appendEvidence(reused, inputs.slice(4), { now: FIXED_NOW });
    await appendEvidence(parsed, inputs.slice(4), { now: FIXED_NOW });
    expect(written.firstSeq).toBe(5);
    const withWritten = await predicateOf(reused, written);
    const withoutWritten = await predicateOf(parsed);
    expect(withWritten.decision_counts).toEqual(withoutWritten.decision_counts);
    expect(withWritten.policy_digests).toEqual(withoutWritten.policy_digests);
    expect(withWritten.decision_counts).toEqual({ allow: 8, block: 4 });
    expect(withWritten.policy_digests).toHaveLength(2);
    const report = await verifyEvidence(reused, { trustedKeys: [pinnedKey(keys.publicKey)] });
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('a line rewritten after the append as non-canonical JSON (hashes recomputed) is parsed again and refused', async () => {
    const dir = tempDir();
    const { written } = await appendEvidence(dir, inputs, { now: FIXED_NOW });
    // `\u003d` is `=` as JSON reads it, but not as RFC 8785 writes it.
    rewriteLine(dir, 3, (line) => line.replace('--shard=4', '--shard\\u003d4'));
    await expect(sealEvidence(dir, { ...sealOptions, written })).rejects.toMatchObject({ code: 'ERR_EVIDENCE_CHAIN_BROKEN', message: expect.stringMatching(/record 4: .*not canonical/) });
  });

  it('lines appended after the batch, by another writer, are parsed and counted', async () => {
    const dir = tempDir();
    const { written } = await appendEvidence(dir, inputs.slice(0, 6), { now: FIXED_NOW });
    await appendEvidence(dir, [{ ...input(7), decision: decision(7, { decision: 'require_approval' }) }], { now: FIXED_NOW });
    const predicate = await predicateOf(dir, written);
    expect(predicate.decision_counts).toEqual({ allow: 4, block: 2, require_approval: 1 });
  });
});
