// The gate end to end through the committed bundle, on the embedded defaults: decide, record,
// seal with a local key, verify, store in the local folder, and report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CLI_BUNDLE } from './support/paths.ts';

function cavra(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function session(cwd: string, requests: object[]): string {
  const file = join(cwd, 'session.jsonl');
  writeFileSync(file, requests.map((request) => JSON.stringify(request)).join('\n'));
  return file;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

test('the demo reports in shadow mode, and its evidence verifies in place and after a pull', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cavra-demo-'));
  const demo = cavra(cwd, 'demo', '--evidence', 'run');
  expect(demo.stderr).toContain('cavra: sealing the evidence');
  expect(demo.status).toBe(0);
  expect(demo.stdout).toContain('## CAVRA: 5 blocked, 2 awaiting approval (shadow mode)');
  expect(demo.stdout).toMatch(/\| `block` \| execute_command \| `terraform apply -auto-approve` \| `commands\.block` \| critical \|/);

  const key = join(cwd, '.cavra', 'keys', 'local-signing-key.pem');
  const publicKey = join(cwd, '.cavra', 'keys', 'local-signing-key.pub.pem');
  expect(statSync(key).mode & 0o777).toBe(0o600);
  const verified = cavra(cwd, 'verify', 'run', '--trusted-key', publicKey);
  expect(verified.status).toBe(0);
  expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true, records: 11 });

  const pulled = cavra(cwd, 'evidence', 'pull', 'file://.cavra/store', 'pulled');
  expect(pulled.status).toBe(0);
  expect(cavra(cwd, 'verify', 'pulled', '--trusted-key', publicKey).status).toBe(0);
  const report = JSON.parse(readFileSync(join(cwd, 'pulled', 'gate-report.json'), 'utf8')) as { conclusion: string; counts: Record<string, number> };
  expect(report).toMatchObject({ conclusion: 'neutral', counts: { block: 5, require_approval: 2, allow: 4 } });

  // The private key stays in .cavra/keys: nothing in the evidence or the store holds it.
  const privatePem = readFileSync(key, 'utf8');
  const secret = privatePem.split('\n').slice(1, -2).join('');
  for (const file of [...filesBelow(join(cwd, 'run')), ...filesBelow(join(cwd, '.cavra', 'store'))]) {
    expect(readFileSync(file, 'utf8'), file).not.toContain(secret);
  }
});

test('the sealed bundle does not verify against another key', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cavra-gate-'));
  expect(cavra(cwd, 'demo', '--evidence', 'run').status).toBe(0);
  expect(cavra(cwd, 'keys', 'generate', '--out', 'other').status).toBe(0);
  const result = cavra(cwd, 'verify', 'run', '--trusted-key', 'other.pub.pem');
  expect(result.status).toBe(1);
  expect(JSON.parse(result.stdout)).toMatchObject({ valid: false });
});

test('in enforce mode a blocking decision fails the gate, and a clean session passes', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'cavra-gate-'));
  const blocked = cavra(cwd, 'gate', '--provider', 'local', '--session', session(cwd, [{ action_type: 'execute_command', target: 'terraform plan && terraform apply -auto-approve' }]), '--evidence', 'blocked');
  expect(blocked.status).toBe(1);
  expect(blocked.stdout).toContain('## CAVRA: 1 blocked, 0 awaiting approval');

  const clean = cavra(cwd, 'gate', '--provider', 'local', '--json', '--session', session(cwd, [{ action_type: 'read_file', target: 'src/app.ts' }, { action_type: 'execute_command', target: 'npm test' }]), '--evidence', 'clean');
  expect(clean.status).toBe(0);
  expect(JSON.parse(clean.stdout)).toMatchObject({ conclusion: 'success', counts: { allow: 2 }, immutable: false });
});

test.for([
  [['gate', '--provider', 'local'], /`--session` is missing: give at least one agent session file/],
  [['gate', '--provider', 'bitbucket', '--session', 'x.jsonl'], /`--provider` must be one of auto, local, github, gitlab, azure/],
  [['gate', '--mode', 'loud', '--session', 'x.jsonl'], /`--mode` must be one of enforce, shadow/],
] as const)('bad gate usage %j exits 2', ([args, message]) => {
  const cwd = mkdtempSync(join(tmpdir(), 'cavra-gate-'));
  const result = cavra(cwd, ...args);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stdout).toBe('');
});
