// The proof no agent offers: every tool call in the agent's own transcript went through the
// hook's decision. A hook log that skipped one call leaves it `session.unmediated` (a block); a
// hook decision the transcript does not show is a warning; and the hook's evidence, once
// sealed, verifies with `cavra verify`.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { UNMEDIATED_RULE_ID, mediateSession, prepareGate, readSessionFile, recordVerdict, runGate, unmediatedVerdict, type SessionRead } from '../packages/core/src/index.ts';
import { hookFixture, runHook } from './support/hook-run.ts';
import { CLI_BUNDLE, REPO_ROOT } from './support/paths.ts';
import { cavra } from './support/sealed-evidence.ts';

const SKIPPED = 'toolu_T4';
let root: string;
let evidence: string;
let transcript: SessionRead;
let hookLog: SessionRead;

// Replays the transcript's tool calls through `cavra hook claude-code`, as Claude Code would have, skipping one.
beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'cavra-mediation-')));
  evidence = join(root, '.cavra', 'hook-evidence');
  const file = join(root, 'transcript.jsonl');
  writeFileSync(file, readFileSync(join(REPO_ROOT, 'fixtures', 'sessions', 'claude-code-transcript.jsonl'), 'utf8').replaceAll('/repo', root));
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const entry = JSON.parse(line);
    if (entry.type !== 'assistant') continue;
    for (const block of entry.message.content) {
      if (block.type !== 'tool_use' || block.id === SKIPPED) continue;
      const event = { session_id: entry.sessionId, transcript_path: file, cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: block.name, tool_input: block.input, tool_use_id: block.id };
      await runHook(['claude-code', '--evidence', evidence], JSON.stringify(event));
    }
  }
  transcript = await readSessionFile(file, { root });
  hookLog = await readSessionFile(evidence);
});

test('the hook evidence directory is read as a session of its own', () => {
  expect(hookLog.format).toBe('cavra-hook-evidence');
  expect(hookLog.problems).toEqual([]);
  expect(hookLog.requests.map((r) => r.tool_use_id)).toEqual(['toolu_T1', 'toolu_T2', 'toolu_T5', 'toolu_T6', 'toolu_T7']);
  expect(hookLog.requests[0]).toMatchObject({ tool_name: 'Read', hook_event: 'PreToolUse', agent_id: 'claude-code' });
});

test('the one tool call no hook decided is unmediated, and blocks', () => {
  const mediation = mediateSession(transcript.requests, hookLog.requests);
  expect(mediation.unmediated.map((r) => r.tool_use_id)).toEqual([SKIPPED]);
  expect(mediation.warnings).toEqual([]);
  const record = recordVerdict(mediation.unmediated[0]!, unmediatedVerdict(mediation.unmediated[0]!), { now: () => new Date(0), randomHex: (n) => '0'.repeat(2 * n) });
  expect([record.decision, record.rule_id, record.target]).toEqual(['block', UNMEDIATED_RULE_ID, 'src/app.ts']);
  expect(record.reason).toMatch(/toolu_T4.*no hook decided it/);
});

test('the gate, given the transcript and the hook log, records the skipped call as session.unmediated and fails', async () => {
  const prepared = await prepareGate(
    {
      provider: 'local',
      mode: 'enforce',
      packs: [],
      policyDirs: [],
      sessions: [join(root, 'transcript.jsonl'), evidence],
      signing: { kind: 'key', keyFile: join(root, 'keys', 'gate.pem'), create: true },
      evidenceDir: join(root, 'gate-run'),
    },
    { env: {}, fetch: globalThis.fetch, cwd: root, now: () => new Date('2026-11-29T12:00:00.000Z') },
  );
  const result = await runGate(prepared);
  // The transcript's six calls are decided once each; the hook log's requests are not decided again.
  expect(result.decisions.map((d) => [d.rule_id === UNMEDIATED_RULE_ID, d.decision])).toHaveLength(6);
  const unmediated = result.decisions.filter((d) => d.rule_id === UNMEDIATED_RULE_ID);
  expect(unmediated.map((d) => [d.decision, d.target])).toEqual([['block', 'src/app.ts']]);
  expect(result.report.conclusion).toBe('failure');
});

test('a complete hook log leaves nothing unmediated', () => {
  const complete = transcript.requests.filter((r) => r.tool_use_id !== SKIPPED);
  expect(mediateSession(complete, hookLog.requests).unmediated).toEqual([]);
});

test('a hook decision the transcript does not show is a warning', () => {
  const mediation = mediateSession(transcript.requests.filter((r) => r.tool_use_id !== 'toolu_T7'), hookLog.requests);
  expect(mediation.unmatched.map((r) => r.tool_use_id)).toEqual(['toolu_T7']);
  expect(mediation.warnings[0]).toMatch(/toolu_T7.*does not show/);
});

test('a transcript tool call without an id cannot be shown to be mediated', () => {
  const mediation = mediateSession([{ action_type: 'read_file', target: 'a', tool_name: 'Read' }], hookLog.requests);
  expect(mediation.unmediated).toHaveLength(1);
  expect(unmediatedVerdict(mediation.unmediated[0]!).reason).toMatch(/without an id/);
});

test('`cavra verify` accepts the hook evidence once sealed', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = join(root, 'signing.pem');
  const pub = join(root, 'signing.pub.pem');
  writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  const seal = cavra(['evidence', 'seal', evidence, '--key', key]);
  expect(seal.code, seal.stderr).toBe(0);
  const verify = cavra(['verify', evidence, '--trusted-key', pub]);
  expect(verify.code, verify.stderr + verify.stdout).toBe(0);
  // And a record changed after sealing does not verify.
  const log = join(evidence, 'evidence.jsonl');
  writeFileSync(log, readFileSync(log, 'utf8').replace('"toolu_T2"', '"toolu_TX"'));
  expect(cavra(['verify', evidence, '--trusted-key', pub]).code).toBe(1);
});

test('the built CLI answers a hook from its own bundle and records the decision', () => {
  const dir = join(root, 'bundle-evidence');
  const run = spawnSync(process.execPath, [CLI_BUNDLE, 'hook', 'claude-code', '--evidence', dir], { input: hookFixture('claude-code', 'protected-read', root), encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  const line = JSON.parse(readFileSync(join(dir, 'evidence.jsonl'), 'utf8').trim());
  expect(line.record.request).toMatchObject({ tool_use_id: 'toolu_01C', tool_name: 'Read', action_type: 'read_file', target: '.env' });
  expect(line.record.decision).toMatchObject({ decision: 'block', policy_pack: 'cavra-ci-baseline' });
});
