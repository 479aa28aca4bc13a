// Bad input exits 2 with one line on stderr that names the place, and prints nothing on stdout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CLI_BUNDLE, REPO_ROOT } from './support/paths.ts';

const PACKS = join(REPO_ROOT, 'fixtures', 'packs');
const READ_ENV = JSON.stringify({ action_type: 'read_file', target: '.env' });

function cavra(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { encoding: 'utf8', input: input ?? '' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function batchFile(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cavra-bad-')), 'batch.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const cases: Array<{ name: string; args: () => string[]; stderr: RegExp }> = [
  { name: 'malformed yaml', args: () => ['evaluate', '--pack', join(PACKS, 'bad/malformed.yaml'), '--request', READ_ENV], stderr: /invalid yaml in `.*malformed\.yaml:\d+:\d+`/ },
  { name: 'unknown key', args: () => ['evaluate', '--pack', join(PACKS, 'bad/unknown-key.yaml'), '--request', READ_ENV], stderr: /unknown-key\.yaml:6` at `filesystem\.block_reads`: unknown key `block_reads`/ },
  { name: 'wrong type', args: () => ['evaluate', '--pack', join(PACKS, 'bad/wrong-type.yaml'), '--request', READ_ENV], stderr: /wrong-type\.yaml:6` at `commands\.block`: expected array/ },
  { name: 'bad decision value', args: () => ['evaluate', '--pack', join(PACKS, 'bad/bad-decision.yaml'), '--request', READ_ENV], stderr: /at `rules\[0\]\.decision`: expected one of allow, audit_only, warn, allow_with_attestation, require_approval, block/ },
  { name: 'inheritance cycle', args: () => ['evaluate', '--policy-dir', join(PACKS, 'cycle'), '--pack', 'cycle-a', '--request', READ_ENV], stderr: /inheritance cycle: `cycle-a` -> `cycle-b` -> `cycle-a`/ },
  { name: 'unknown pack id', args: () => ['evaluate', '--pack', 'no-such-pack', '--request', READ_ENV], stderr: /unknown policy pack `no-such-pack`/ },
  { name: 'unknown pack id in a batch line', args: () => ['evaluate', '--batch', batchFile([READ_ENV, JSON.stringify({ action_type: 'read_file', target: 'x', policy_pack: 'nope' })])], stderr: /unknown policy pack `nope`/ },
  { name: 'batch line that is not json', args: () => ['evaluate', '--batch', batchFile([READ_ENV, '{"action_type": "read_file",'])], stderr: /line 2 is not valid JSON/ },
  { name: 'unknown action type', args: () => ['evaluate', '--batch', batchFile([READ_ENV, JSON.stringify({ action_type: 'launch_missiles', target: 'x' })])], stderr: /unknown action type `launch_missiles` at `.*batch\.jsonl` line 2/ },
  { name: 'missing action type', args: () => ['evaluate', '--request', '{"target":"x"}'], stderr: /unknown action type missing at `--request`/ },
  { name: 'unknown flag', args: () => ['evaluate', '--bogus', '--request', READ_ENV], stderr: /unknown option '--bogus'/i },
  { name: 'unreadable batch file', args: () => ['evaluate', '--batch', '/nonexistent/batch.jsonl'], stderr: /cannot read batch `\/nonexistent\/batch\.jsonl`/ },
  { name: 'missing policy dir', args: () => ['evaluate', '--policy-dir', '/nonexistent', '--request', READ_ENV], stderr: /policy directory `\/nonexistent` does not exist/ },
  { name: 'unknown verb', args: () => ['frobnicate'], stderr: /unknown command `frobnicate`/ },
  { name: 'a verb every object inherits', args: () => ['constructor'], stderr: /unknown command `constructor`/ },
  { name: 'an evidence subcommand every object inherits', args: () => ['evidence', 'toString'], stderr: /unknown evidence subcommand `toString`/ },
];

test.for(cases)('$name exits 2 with one line naming the place', ({ args, stderr }) => {
  const result = cavra(args());
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(stderr);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status).toBe(2);
});

test('a good batch from stdin prints one decision a line in input order', () => {
  const requests = [READ_ENV, JSON.stringify({ action_type: 'read_file', target: 'README.md' }), JSON.stringify({ action_type: 'write_file', target: 'iam/x.tf' })];
  const result = cavra(['evaluate', '--batch', '-'], requests.join('\n'));
  expect(result.status).toBe(0);
  const decisions = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { decision: string; target: string });
  expect(decisions.map((d) => [d.target, d.decision])).toEqual([
    ['.env', 'block'],
    ['README.md', 'allow'],
    ['iam/x.tf', 'require_approval'],
  ]);
});
