// A batch decides each distinct action once: its records must be exactly what `evaluate` gives
// request by request, repeats and near-repeats included, and the shared verdicts immutable.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { batchEvaluator, compilePolicy, evaluate, loadCommandAnalyzer, openPolicy, type ActionRequest, type DecisionContext } from '@cavra/core';

const root = join(import.meta.dirname, '..', '..', '..', '..');

beforeAll(() => loadCommandAnalyzer());

// The same ids and time for both sides: a record differs only if its verdict does.
function fixedContext(): DecisionContext {
  let counter = 0;
  return { now: () => new Date('2026-11-30T01:02:03.456Z'), randomHex: (bytes) => (counter++).toString(16).padStart(bytes * 2, '0') };
}

function commandsOf(file: string): string[] {
  const parsed = JSON.parse(readFileSync(join(root, file), 'utf8')) as { entries: Array<{ command: string }> };
  return parsed.entries.map((entry) => entry.command);
}

const policy = compilePolicy(openPolicy({ packs: [join(root, 'fixtures', 'evasions', 'everyday-allow.yaml')] }), []);

const requests: ActionRequest[] = [
  ...commandsOf('fixtures/evasions/corpus.json').map((target) => ({ action_type: 'execute_command', target })),
  ...commandsOf('fixtures/evasions/holes.json').map((target) => ({ action_type: 'execute_command', target })),
  { action_type: 'execute_command', target: 'npm test', command: 'rm -rf /' },
  { action_type: 'execute_command', target: 'npm test', command: 42 },
  { action_type: 'read_file', target: '.env' },
  { action_type: 'read_file', target: 'src/app.ts' },
  { action_type: 'write_file', target: '.github/workflows/ci.yml' },
  { action_type: 'git_operation', operation: 'push', target: 'main' },
  { action_type: 'git_operation', requested_operation: 'force-push', target: 'feature/x' },
  { action_type: 'git_operation', capability: 'fetch', target: 'main' },
  { action_type: 'mcp_tool_call', server: 'github', tool: 'create_pull_request' },
  { action_type: 'mcp_tool_call', server: 'github', tool: 'create_pull_request', mcp_server_url: 'https://evil.example' },
  { action_type: 'release_governance_record', target: 'v1', record: { approvals: [] } },
  { action_type: 'no_such_type', target: 'x' },
  { action_type: 'read_file', target: 'src/app.ts', policy_pack: 'no-such-pack' },
];

test('records equal those evaluate gives, for every request, its repeats and its look-alikes', () => {
  // Each request three times, the repeats under other sessions and agents, interleaved.
  const batch = [...requests, ...requests.map((request) => ({ ...request, session_id: 's2', agent_id: 'codex' })), ...requests];
  const one = fixedContext();
  const many = fixedContext();
  const decide = batchEvaluator(policy);
  const expected = batch.map((request) => evaluate(policy, request, one));
  const actual = batch.map((request) => decide(request, many));
  expect(actual).toEqual(expected);
  expect(new Set(actual.map((record) => record.decision)).size).toBeGreaterThan(2);
});

test('a field deciding reads is part of the key: a changed target, command or operation is decided afresh', () => {
  const decide = batchEvaluator(policy);
  const context = fixedContext();
  expect(decide({ action_type: 'execute_command', target: 'npm test' }, context).decision).toBe('allow');
  expect(decide({ action_type: 'execute_command', target: 'npm test', command: 'rm -rf /' }, context).decision).toBe('block');
  expect(decide({ action_type: 'read_file', target: 'src/.env' }, context).decision).toBe('block');
  expect(decide({ action_type: 'read_file', target: 'src/app.ts' }, context).decision).toBe('allow');
  const feature = decide({ action_type: 'git_operation', operation: 'push', target: 'feature/x' }, context).decision;
  expect(decide({ action_type: 'git_operation', operation: 'force-push', target: 'feature/x' }, context).decision).not.toBe(feature);
});

test('a repeat over the size caps is blocked, though its smaller twin was allowed', () => {
  const decide = batchEvaluator(policy);
  const context = fixedContext();
  expect(decide({ action_type: 'read_file', target: 'src/app.ts' }, context).decision).toBe('allow');
  const oversized = decide({ action_type: 'read_file', target: 'src/app.ts', note: 'x'.repeat(1024 * 1024 + 1) }, context);
  expect(oversized.decision).toBe('block');
  expect(oversized.reason).toContain('ERR_REQUEST_TOO_LARGE');
});

test('the verdict shared by repeats cannot be changed through one of their records', () => {
  const decide = batchEvaluator(policy);
  const context = fixedContext();
  const request = { action_type: 'execute_command', target: 'git push --force origin main' };
  const first = decide(request, context);
  first.matches![0]!.decision = 'allow';
  const second = decide(request, context);
  expect(second.matches![0]!.decision).toBe('block');
  expect(() => {
    second.matches![0]!.decision = 'allow';
  }).toThrow(TypeError);
  const third = decide(request, context);
  expect(third.matches![0]!.decision).toBe('block');
  expect(third.matches).toBe(second.matches);
  expect(new Set([first.decision_id, second.decision_id, third.decision_id]).size).toBe(3);
});
