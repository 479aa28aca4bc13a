// Through the CLI bundle: a release counter that cannot be read ("1e400"; raw 1e400 is refused as
// input, see cli-contract), an oversized
// command line, and hostile glob patterns in a pack, each decided at once and failing closed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CLI_BUNDLE } from './support/paths.ts';

function run(args: string[], lines: string[]): Array<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'cavra-limits-'));
  const batch = join(dir, 'batch.jsonl');
  writeFileSync(batch, lines.join('\n'));
  const output = execFileSync(process.execPath, [CLI_BUNDLE, 'evaluate', ...args, '--batch', batch], { encoding: 'utf8', timeout: 30_000 });
  return output.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
}

test('an unreadable counter, an oversized line and its harmless twin', () => {
  const [counter, oversized, twin] = run([], [
    '{"action_type":"release_governance_record","record":{"metadata_kind":"endpoint-remediation-sla-report","critical_count":"1e400"}}',
    JSON.stringify({ action_type: 'execute_command', target: `echo ${'a'.repeat(300_000)}` }),
    JSON.stringify({ action_type: 'execute_command', target: 'npm test' }),
  ]);
  expect([counter!.decision, counter!.rule_id]).toEqual(['require_approval', 'release_governance.signal.unreadable']);
  expect(oversized!.decision).toBe('block');
  expect(oversized!.reason).toContain('ERR_REQUEST_TOO_LARGE');
  expect(oversized!.target!.length).toBeLessThan(400);
  expect(twin!.decision).toBe('allow');
});

test('hostile pack globs decide long targets at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cavra-hostile-'));
  const pack = join(dir, 'hostile.yaml');
  writeFileSync(pack, [
    'metadata: {id: hostile, title: Hostile globs, version: 1}',
    'filesystem:',
    '  block_read: ["**/**/**/**/**/secret", "**/*.pem"]',
    'commands:',
    '  block: ["*-*-*-*-*-*-*-*x"]',
    '',
  ].join('\n'));
  const started = Date.now();
  const records = run(['--pack', pack], [
    JSON.stringify({ action_type: 'read_file', target: `${'a/'.repeat(30_000)}b` }),
    JSON.stringify({ action_type: 'read_file', target: `${'a/'.repeat(30_000)}secret` }),
    JSON.stringify({ action_type: 'execute_command', target: `echo ${'-'.repeat(200)}` }),
  ]);
  expect(records.map((record) => record.decision)).toEqual(['allow', 'block', 'require_approval']);
  // The RegExp matcher took minutes on each of these; a generous bound, process start included.
  expect(Date.now() - started).toBeLessThan(20_000);
});

test('policy lint accepts hostile but valid patterns and finishes at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cavra-hostile-lint-'));
  const pack = join(dir, 'hostile-lint.yaml');
  writeFileSync(pack, [
    'metadata: {id: hostile-lint, title: Hostile, version: 1}',
    'filesystem:',
    '  block_read: ["**/**/**/**/**/**/**/**/secret", "*a*a*a*a*a*a*a*a*a*a*a*a*ab"]',
    'rules:',
    '  - id: hostile.rule',
    '    action: read_file',
    '    match: ["*-*-*-*-*-*-*-*x"]',
    '    decision: block',
    '    examples:',
    `      match: ["${'-'.repeat(2_000)}x"]`,
    `      not_match: ["${'-'.repeat(2_000)}"]`,
    '',
  ].join('\n'));
  const started = Date.now();
  const output = execFileSync(process.execPath, [CLI_BUNDLE, 'policy', 'lint', '--pack', pack], { encoding: 'utf8', timeout: 30_000 });
  expect(output).toContain('ok   hostile-lint (2 examples)');
  expect(Date.now() - started).toBeLessThan(20_000);
});
