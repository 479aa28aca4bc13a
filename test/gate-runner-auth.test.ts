// The gate with runner authentication: a real token minted with jose and a pinned JWKS. A good
// token binds the runner's identity into every record and the sealed statement; a bad one blocks
// every action with `runner_auth.invalid`. The token never lands in output or evidence.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK } from 'jose';
import { expect, test } from 'vitest';
import { identityExtension } from '@cavra/core';
import { CLI_BUNDLE, REPO_ROOT } from './support/paths.ts';

const ISSUER = 'https://token.actions.githubusercontent.com';
const template = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'tokens', 'github-actions.json'), 'utf8')) as { audience: string; claims: Record<string, unknown> };
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

async function mint(expiresIn: string | number): Promise<string> {
  return new SignJWT(template.claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'gate-test' })
    .setIssuer(ISSUER)
    .setAudience(template.audience)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
    .setExpirationTime(expiresIn)
    .sign(privateKey);
}

function workdir(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'cavra-gate-auth-'));
  writeFileSync(join(cwd, 'session.jsonl'), [{ action_type: 'read_file', target: 'src/app.ts' }, { action_type: 'execute_command', target: 'npm test' }].map((r) => JSON.stringify(r)).join('\n'));
  return cwd;
}

async function gate(cwd: string, token: string) {
  writeFileSync(join(cwd, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'gate-test', alg: 'RS256', use: 'sig' }] }));
  writeFileSync(join(cwd, 'token.jwt'), token);
  const args = ['gate', '--provider', 'local', '--session', 'session.jsonl', '--evidence', 'run', '--issuer', ISSUER, '--audience', template.audience, '--jwks', 'jwks.json', '--token-file', 'token.jwt', '--json'];
  const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function evidenceText(dir: string): string {
  return readdirSync(dir).map((name) => join(dir, name)).filter((path) => statSync(path).isFile()).map((path) => readFileSync(path, 'utf8')).join('\n');
}

test('a verified runner identity is bound into every record and the sealed statement', async () => {
  const cwd = workdir();
  const token = await mint('10m');
  const result = await gate(cwd, token);
  expect(result.stderr).toContain('runner authenticated: github-actions repo:octo-org/octo-repo:environment:production');
  expect(result.status).toBe(0);
  const lines = readFileSync(join(cwd, 'run', 'evidence.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { record: { identity?: Record<string, unknown> } });
  expect(lines).toHaveLength(2);
  for (const line of lines) expect(line.record.identity).toMatchObject({ provider: 'github-actions', repository: 'octo-org/octo-repo', repository_id: '987654321', ref: 'refs/heads/main' });
  const bundle = JSON.parse(readFileSync(join(cwd, 'run', 'bundle.sigstore.json'), 'utf8')) as { dsseEnvelope: { payload: string } };
  const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) as { predicate: { run: Record<string, unknown> } };
  expect(statement.predicate.run).toMatchObject({ provider: 'github-actions', run_id: '9876543210' });
  // The signed checkpoints name the same identity by digest.
  const bound = identityExtension(statement.predicate.run);
  expect(readFileSync(join(cwd, 'run', 'checkpoint'), 'utf8')).toContain(`\n${bound}\n`);
  // Every signed head kept beside the log (batch and sealed checkpoints) names it too.
  const kept = readdirSync(join(cwd, 'run', 'checkpoints')).filter((name) => name.endsWith('.checkpoint'));
  expect(kept.length).toBeGreaterThan(0);
  for (const name of kept) expect(readFileSync(join(cwd, 'run', 'checkpoints', name), 'utf8')).toContain(`\n${bound}\n`);
  expect(result.stdout + result.stderr + evidenceText(join(cwd, 'run'))).not.toContain(token.split('.')[2]);
});

test('an expired token blocks every action with runner_auth.invalid, critical', async () => {
  const cwd = workdir();
  const token = await mint(Math.floor(Date.now() / 1000) - 60);
  const result = await gate(cwd, token);
  expect(result.status).toBe(1);
  const report = JSON.parse(result.stdout) as { conclusion: string; decisions: Array<{ decision: string; rule_id: string; severity: string; reason: string }> };
  expect(report.conclusion).toBe('failure');
  expect(report.decisions.map((d) => [d.decision, d.rule_id, d.severity])).toEqual([
    ['block', 'runner_auth.invalid', 'critical'],
    ['block', 'runner_auth.invalid', 'critical'],
  ]);
  expect(report.decisions[0]!.reason).toMatch(/^runner authentication failed: .*expired/);
  expect(result.stdout + result.stderr + evidenceText(join(cwd, 'run'))).not.toContain(token.split('.')[2]);
});

test('a token signed by another key blocks the run', async () => {
  const cwd = workdir();
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forged = await new SignJWT(template.claims).setProtectedHeader({ alg: 'RS256', kid: 'gate-test' }).setIssuer(ISSUER).setAudience(template.audience).setIssuedAt().setExpirationTime('10m').sign(other.privateKey);
  const result = await gate(cwd, forged);
  expect(result.status).toBe(1);
  expect((JSON.parse(result.stdout) as { decisions: Array<{ rule_id: string }> }).decisions.every((d) => d.rule_id === 'runner_auth.invalid')).toBe(true);
});
