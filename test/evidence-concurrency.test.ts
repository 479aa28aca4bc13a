import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyBundleSigner, appendEvidence, pinnedKey, sealEvidence, verifyEvidence, verifyLog } from '../packages/core/src/index.ts';
import { FIXED_NOW, ed25519, input, tempDir } from '../packages/core/test/evidence/support.ts';
import { REPO_ROOT } from './support/paths.ts';

const N = 4;
const M = 25;

// Each writer is a separate OS process appending one record per call, so the appends interleave.
function writer(dir: string, id: number): Promise<number> {
  const script = `
    import { appendEvidence } from ${JSON.stringify(join(REPO_ROOT, 'packages/core/src/evidence/log.ts'))};
    const d = (i) => ({ decision_id: 'w${id}-' + i, session_id: 's', agent_id: 'a', actor: 'ci', action_type: 'read_file', target: 'f' + i, requested_operation: 'read', policy_pack: 'p', policy_id: 'p', rule_id: 'r', decision: 'allow', severity: 'low', reason: 'ok', evidence_refs: [], approver_group: null, timestamp: '2026-05-18T12:00:00Z', correlation_id: 'c' });
    for (let i = 0; i < ${M}; i += 1) await appendEvidence(${JSON.stringify(dir)}, [{ decision: d(i), request: { target: 'f' + i } }], { now: () => new Date() });
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

describe('concurrent appends', () => {
  it(`${N} processes appending ${M} records each give one log of ${N * M} records that verifies`, async () => {
    const dir = tempDir('cavra-concurrent-');
    const codes = await Promise.all(Array.from({ length: N }, (_, id) => writer(dir, id)));
    expect(codes).toEqual(Array(N).fill(0));
    const log = verifyLog(dir, { parse: true });
    expect(log.scan.records).toBe(N * M);
    expect(log.problems.filter((p) => p.code !== 'ERR_EVIDENCE_UNSIGNED')).toEqual([]);
    const ids = readFileSync(join(dir, 'evidence.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).record.decision.decision_id);
    expect(new Set(ids).size).toBe(N * M);
    const keys = ed25519();
    await sealEvidence(dir, { signer: new KeyBundleSigner(keys.privateKey), now: FIXED_NOW });
    const report = await verifyEvidence(dir, { trustedKeys: [pinnedKey(keys.publicKey)] });
    expect(report).toMatchObject({ valid: true, records: N * M, signed_records: N * M });
  }, 120_000);
});

describe('a crash mid-append', () => {
  it('leaves a log that fails verification, and the next append cuts the unacknowledged partial line', async () => {
    const dir = tempDir('cavra-crash-');
    await appendEvidence(dir, [input(1), input(2)], { now: FIXED_NOW });
    // What an interrupted write leaves: the first bytes of the next line, no newline.
    appendFileSync(join(dir, 'evidence.jsonl'), '{"hash":"0123456789abcdef","record":{"chain"');
    const broken = verifyLog(dir);
    expect(broken.problems).toContainEqual(expect.objectContaining({ code: 'ERR_EVIDENCE_TRUNCATED', record: 3 }));
    await appendEvidence(dir, [input(3)], { now: FIXED_NOW });
    const repaired = verifyLog(dir, { parse: true });
    expect(repaired.scan.records).toBe(3);
    expect(repaired.problems.map((p) => p.code)).toEqual(['ERR_EVIDENCE_UNSIGNED']);
  });

  it('refuses to append to a log that fails verification, rather than extend a forged chain', async () => {
    const dir = tempDir('cavra-crash-');
    await appendEvidence(dir, [input(1), input(2)], { now: FIXED_NOW });
    const file = join(dir, 'evidence.jsonl');
    const text = readFileSync(file, 'utf8');
    appendFileSync(file, text.split('\n')[0]! + '\n');
    await expect(appendEvidence(dir, [input(3)], { now: FIXED_NOW })).rejects.toMatchObject({ code: 'ERR_EVIDENCE_CHAIN_BROKEN' });
  });
});
