// `cavra policy list|show|lint|test`, run in-process through the dispatcher with captured streams.
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../src/run.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'packs');

async function cavra(...args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const status = await runCli(args, { stdout, stderr, stdin: new PassThrough() });
  return { status, stdout: out, stderr: err };
}

test('list shows built-in packs and where each comes from', async () => {
  const result = await cavra('policy', 'list', '--json');
  expect(result.status).toBe(0);
  const rows = JSON.parse(result.stdout) as Array<{ id: string; source: string }>;
  expect(rows).toContainEqual({ id: 'cavra-ai-agent-baseline', source: 'builtin:cavra-ai-agent-baseline' });
});

test('show prints the merged pack with its digest', async () => {
  const result = await cavra('policy', 'show', 'cavra-ai-agent-baseline');
  expect(result.status).toBe(0);
  const pack = JSON.parse(result.stdout) as { metadata: { id: string }; digest: string };
  expect(pack.metadata.id).toBe('cavra-ai-agent-baseline');
  expect(pack.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
});

test('test runs a pack file’s own examples and fails on a wrong one', async () => {
  const good = await cavra('policy', 'test', '--pack', join(FIXTURES, 'examples', 'good.yaml'));
  expect(good.stdout).toMatch(/^ok +examples-good \(5 examples\)$/m);
  expect(good.status).toBe(0);
  const bad = await cavra('policy', 'test', '--pack', join(FIXTURES, 'examples', 'bad.yaml'));
  expect(bad.status).toBe(1);
  expect(bad.stdout).toContain('FAIL examples-bad: rule `commands.publish` should not match `npm publish --dry-run` but it did');
  expect(bad.stdout).toContain('FAIL examples-bad: test `curl is allowed`: decision was `require_approval`, expected `allow`');
});

test('lint reports every bad pack of a policy directory instead of stopping at the first', async () => {
  const result = await cavra('policy', 'lint', '--policy-dir', join(FIXTURES, 'bad'));
  expect(result.status).toBe(1);
  const failures = result.stdout.split('\n').filter((line) => line.startsWith('FAIL'));
  expect(failures).toHaveLength(4);
  expect(result.stdout).toContain('unknown key `block_reads`');
});

test('an unknown subcommand is a usage error', async () => {
  const result = await cavra('policy', 'frob');
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('unknown policy subcommand `frob`');
});

test('lint reports every problem of every named file at once (issue 18)', async () => {
  const result = await cavra('policy', 'lint', '--pack', join(FIXTURES, 'lint', 'two-problems.yaml'), '--pack', join(FIXTURES, 'bad', 'wrong-type.yaml'), '--pack', join(FIXTURES, 'examples', 'good.yaml'));
  expect(result.status).toBe(1);
  const lines = result.stdout.trim().split('\n');
  expect(lines).toEqual([
    expect.stringMatching(/^FAIL .*two-problems\.yaml:6` at `filesystem\.block_reads`: unknown key/),
    expect.stringMatching(/^FAIL .*two-problems\.yaml:11` at `rules\[0\]\.decision`: expected one of/),
    expect.stringMatching(/^FAIL .*wrong-type\.yaml:6` at `commands\.block`: expected array/),
    expect.stringMatching(/^ok +.*good\.yaml$/),
  ]);
});
