// Issue 18 item 1: a rewritten history cannot be sealed or extended, signed heads are kept,
// and verify rejects a record that is not canonical RFC 8785 (duplicate keys).
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyBundleSigner, LINE_LAYOUT, appendEvidence, buildEvidenceLine, noteSignerFromKey, pinnedKey, sealEvidence, verifyEvidence, verifyLog } from '../../src/index.ts';
import { scanLogBytes } from '../../src/evidence/scan.ts';
import { FIXED_NOW, ed25519, input, tempDir } from './support.ts';

const ATTACKS = join(import.meta.dirname, '../../../../fixtures/evidence/attacks');
const keys = ed25519();
const trust = { trustedKeys: [pinnedKey(keys.publicKey)] };
const sealOptions = { signer: new KeyBundleSigner(keys.privateKey), noteSigner: noteSignerFromKey('cavra-evidence', keys.privateKey), now: FIXED_NOW };
let appended: string;
let sealed: string;

beforeAll(async () => {
  appended = tempDir('cavra-rewrite-');
  for (let batch = 0; batch < 3; batch += 1) await appendEvidence(appended, Array.from({ length: 3 }, (_, i) => input(batch * 3 + i + 1)), { now: FIXED_NOW, noteSigner: sealOptions.noteSigner });
  sealed = tempDir('cavra-rewrite-sealed-');
  cpSync(appended, sealed, { recursive: true });
  await sealEvidence(sealed, sealOptions);
});

function copyOf(dir: string): string {
  const out = tempDir('cavra-rewrite-copy-');
  cpSync(dir, out, { recursive: true });
  return out;
}

// The attack of the issue: flip record 3 (a block) to allow, drop record 5, recompute the chain.
function rewrite(dir: string): void {
  const lines = readFileSync(join(dir, 'evidence.jsonl'), 'utf8').split('\n').slice(0, -1);
  const kept = lines.filter((_, i) => i !== 4);
  let prev = '0'.repeat(64);
  const out = kept.map((line, i) => {
    const { record } = JSON.parse(line) as { record: { decision: { decision: string }; request: unknown; pack_digest: string } };
    if (record.decision.decision === 'block') record.decision.decision = 'allow';
    const rebuilt = buildEvidenceLine({ decision: record.decision as never, request: record.request, packDigest: record.pack_digest }, prev, i + 1);
    prev = rebuilt.hash;
    return `${rebuilt.line}\n`;
  });
  writeFileSync(join(dir, 'evidence.jsonl'), out.join(''));
  rmSync(join(dir, 'evidence.state.json'), { force: true });
}

describe('a rewritten history (issue 18 item 1)', () => {
  it('seal refuses a log that does not extend its batch checkpoints', async () => {
    const dir = copyOf(appended);
    rewrite(dir);
    await expect(sealEvidence(dir, sealOptions)).rejects.toMatchObject({ code: 'ERR_EVIDENCE_CHECKPOINT_INCONSISTENT' });
    expect(existsSync(join(dir, 'bundle.sigstore.json'))).toBe(false);
  });

  it('append refuses it too, and writes nothing', async () => {
    const dir = copyOf(appended);
    rewrite(dir);
    const before = readFileSync(join(dir, 'evidence.jsonl'));
    await expect(appendEvidence(dir, [input(99)], { now: FIXED_NOW })).rejects.toMatchObject({ code: 'ERR_EVIDENCE_CHECKPOINT_INCONSISTENT' });
    expect(readFileSync(join(dir, 'evidence.jsonl')).equals(before)).toBe(true);
  });

  it('deleting checkpoints/* after a seal does not help: the sealed checkpoint and bundle still bind the history', async () => {
    const dir = copyOf(sealed);
    rewrite(dir);
    rmSync(join(dir, 'checkpoints'), { recursive: true });
    await expect(sealEvidence(dir, sealOptions)).rejects.toMatchObject({ code: 'ERR_EVIDENCE_CHECKPOINT_INCONSISTENT' });
  });

  it('a truncated log is refused: a head covers more records than the log has', async () => {
    const dir = copyOf(appended);
    const lines = readFileSync(join(dir, 'evidence.jsonl'), 'utf8').split('\n');
    writeFileSync(join(dir, 'evidence.jsonl'), `${lines.slice(0, 5).join('\n')}\n`);
    await expect(appendEvidence(dir, [input(6)], { now: FIXED_NOW })).rejects.toMatchObject({ code: 'ERR_EVIDENCE_CHECKPOINT_INCONSISTENT' });
  });

  it('benign: a log that extends its heads appends and re-seals, and every signed head is kept', async () => {
    const dir = copyOf(sealed);
    const firstBundle = readFileSync(join(dir, 'bundle.sigstore.json'), 'utf8');
    await appendEvidence(dir, [input(10)], { now: FIXED_NOW });
    await sealEvidence(dir, sealOptions);
    const kept = readdirSync(join(dir, 'checkpoints'));
    expect(kept.filter((n) => n.endsWith('.sealed.checkpoint'))).toHaveLength(2);
    const bundles = kept.filter((n) => n.endsWith('.bundle.sigstore.json'));
    expect(bundles).toHaveLength(2);
    expect(bundles.map((n) => readFileSync(join(dir, 'checkpoints', n), 'utf8'))).toContain(firstBundle);
    const report = await verifyEvidence(dir, trust);
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });
});

describe('non-canonical records (issue 18 item 1)', () => {
  it('the duplicate-key attack line of the issue is rejected by verify and counted nowhere', () => {
    const dir = copyOf(join(ATTACKS, 'duplicate-keys'));
    const seen: string[] = [];
    const result = verifyLog(dir, { parse: true, onRecord: ({ record }) => seen.push(record.decision.decision) });
    expect(result.problems[0]).toMatchObject({ code: 'ERR_EVIDENCE_RECORD_MALFORMED', record: 2 });
    expect(result.problems[0]!.message).toMatch(/not canonical/);
    expect(seen).toEqual(['allow']);
  });

  it('seal refuses it', async () => {
    const dir = copyOf(join(ATTACKS, 'duplicate-keys'));
    await expect(sealEvidence(dir, sealOptions)).rejects.toMatchObject({ code: 'ERR_EVIDENCE_CHAIN_BROKEN' });
  });

  it('a line whose bytes are not UTF-8 (read back as U+FFFD, hashes recomputed) is not canonical', () => {
    const { line } = buildEvidenceLine(input(1), '0'.repeat(64), 1);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    // The first byte of the target's text becomes a lone UTF-8 lead byte, and the record's own
    // hash is recomputed over the changed bytes, as a writer with access to the file could.
    const at = bytes.indexOf('"target":"', 0, 'utf8') + '"target":"'.length;
    bytes[at] = 0xc3;
    const own = createHash('sha256').update(bytes.subarray(LINE_LAYOUT.recordStart, bytes.length - 2)).digest('hex');
    bytes.write(own, LINE_LAYOUT.hashStart, 'latin1');
    const scan = scanLogBytes(bytes, { parse: true });
    expect(scan.problems).toEqual([expect.objectContaining({ code: 'ERR_EVIDENCE_RECORD_MALFORMED', record: 1 })]);
    // The same line, valid UTF-8, has no problem: the byte alone made the difference.
    expect(scanLogBytes(Buffer.from(`${line}\n`, 'utf8'), { parse: true }).problems).toEqual([]);
  });

  it('benign: the same log without the duplicate member has no record problem', () => {
    const dir = copyOf(appended);
    const result = verifyLog(dir, { parse: true });
    expect(result.problems.filter((p) => p.code === 'ERR_EVIDENCE_RECORD_MALFORMED')).toEqual([]);
  });
});
