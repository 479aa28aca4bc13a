// Issue 18 item 1, the hook side: an agent that shares the workspace rewrites the hook's log
// (a block flipped to allow, the chain recomputed) and deletes every head beside it. The heads
// copied out of the workspace as they were made still catch it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { appendEvidence, buildEvidenceLine, readSessionFile, systemDecisionContext, type DecisionRecord } from '@cavra/core';

function decision(target: string, value: DecisionRecord['decision']): DecisionRecord {
  return {
    decision_id: `dec_${target.length}`, session_id: 's', agent_id: 'claude-code', actor: 'ai-agent', action_type: 'read_file', target, requested_operation: '',
    policy_pack: 'cavra-ci-baseline', policy_id: 'cavra-ci-baseline', rule_id: value === 'block' ? 'filesystem.read.block' : 'filesystem.read.allow', decision: value, severity: 'high',
    reason: 'r', evidence_refs: [], approver_group: null, timestamp: '2026-11-29T00:00:00.000000+00:00', correlation_id: 'c',
  };
}

async function hookSession(mirror: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'cavra-hook-log-'));
  const now = systemDecisionContext().now;
  for (const [target, value] of [['src/a.ts', 'allow'], ['.env', 'block'], ['src/b.ts', 'allow']] as const) {
    await appendEvidence(dir, [{ decision: decision(target, value), request: { action_type: 'read_file', target, tool_use_id: target } }], { now, ...(mirror ? { headsMirror: mirror } : {}) });
  }
  return dir;
}

// The attack: flip the block, recompute every hash and the chain, delete every head in the workspace.
function rewrite(dir: string): void {
  const lines = readFileSync(join(dir, 'evidence.jsonl'), 'utf8').split('\n').slice(0, -1);
  let prev = '0'.repeat(64);
  const forged = lines.map((line, i) => {
    const { record } = JSON.parse(line) as { record: { decision: DecisionRecord; request: unknown; pack_digest?: string } };
    if (record.decision.decision === 'block') record.decision = { ...record.decision, decision: 'allow', rule_id: 'filesystem.read.allow' };
    const rebuilt = buildEvidenceLine({ decision: record.decision, request: record.request, ...(record.pack_digest ? { packDigest: record.pack_digest } : {}) }, prev, i + 1);
    prev = rebuilt.hash;
    return `${rebuilt.line}\n`;
  });
  writeFileSync(join(dir, 'evidence.jsonl'), forged.join(''));
  for (const name of ['checkpoints', 'checkpoint', 'evidence.state.json']) rmSync(join(dir, name), { recursive: true, force: true });
}

test('untouched, the hook log reads with every head beside it and outside the workspace', async () => {
  const mirror = mkdtempSync(join(tmpdir(), 'cavra-heads-'));
  const dir = await hookSession(mirror);
  const read = await readSessionFile(dir, { headsMirror: mirror });
  expect(read.problems).toEqual([]);
  expect(read.requests.map((request) => request.target)).toEqual(['src/a.ts', '.env', 'src/b.ts']);
});

test('a rewritten log with its workspace heads deleted is refused whole when the heads were copied out', async () => {
  const mirror = mkdtempSync(join(tmpdir(), 'cavra-heads-'));
  const dir = await hookSession(mirror);
  rewrite(dir);
  const read = await readSessionFile(dir, { headsMirror: mirror });
  expect(read.requests).toEqual([]);
  expect(read.problems).toHaveLength(1);
  expect(read.problems[0]!.message).toMatch(/history was rewritten|do not match/);
  // Appending to it is refused too.
  await expect(appendEvidence(dir, [{ decision: decision('src/c.ts', 'allow'), request: { action_type: 'read_file', target: 'src/c.ts' } }], { now: () => new Date(), headsMirror: mirror })).rejects.toMatchObject({ code: 'ERR_EVIDENCE_CHECKPOINT_INCONSISTENT' });
});

test('without the copied heads the same rewrite is not caught: that is what the mirror is for', async () => {
  const dir = await hookSession(undefined);
  rewrite(dir);
  const read = await readSessionFile(dir);
  expect(read.problems).toEqual([]);
  expect(read.requests.map((request) => request.target)).toEqual(['src/a.ts', '.env', 'src/b.ts']);
});
