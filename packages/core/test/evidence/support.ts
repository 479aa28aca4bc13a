import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecisionRecord, EvidenceInput } from '../../src/index.ts';

/** A decision record as the engine returns it (keys in upstream order, not sorted). */
export function decision(i: number, overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    decision_id: `dec-${i}`,
    session_id: 'session-1',
    agent_id: 'agent-1',
    actor: 'ci',
    action_type: 'execute_command',
    target: `npm test --shard=${i}`,
    requested_operation: 'execute',
    policy_pack: 'cavra-ai-agent-baseline',
    policy_id: 'cavra-ai-agent-baseline',
    rule_id: 'commands.default.require_approval',
    decision: i % 3 === 0 ? 'block' : 'allow',
    severity: 'low',
    reason: 'default',
    evidence_refs: [`evidence://session-1/dec-${i}`],
    approver_group: null,
    timestamp: '2026-05-18T12:00:00.000Z',
    correlation_id: `corr-${i}`,
    matches: [{ rule_id: 'r1', decision: 'allow', pattern: 'npm *', subject: 'npm test' }],
    ...overrides,
  };
}

/** An evidence input for record i. */
export function input(i: number): EvidenceInput {
  return { decision: decision(i), request: { action_type: 'execute_command', target: `npm test --shard=${i}`, session_id: 'session-1' }, packDigest: 'sha256:' + 'ab'.repeat(32) };
}

export const FIXED_NOW = (): Date => new Date('2026-05-18T12:00:00.000Z');

export function tempDir(prefix = 'cavra-evidence-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function ed25519(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

export function p256(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}
