// `cavra gate --keyless`: the CLI gets a Fulcio certificate for the job's identity (mock Fulcio
// and Rekor on loopback), seals, and verifies the bundle against the expected identity with the
// pinned trusted root before the run counts. An unexpected identity fails the run.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CLI_BUNDLE } from './support/paths.ts';
import { serveMockSigstore } from './support/sigstore-mock.ts';

const ISSUER = 'https://token.actions.githubusercontent.com';
const IDENTITY = 'https://github.com/acme/app/.github/workflows/cavra.yml@refs/heads/main';
const tokenKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let server: Server;
let base: string;
let root: Record<string, unknown>;

beforeAll(async () => {
  ({ server, base, root } = await serveMockSigstore());
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function gate(cwd: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, 'gate', '--provider', 'local', '--session', 'session.jsonl', '--keyless', '--identity-token-file', 'token.jwt', '--fulcio-url', base, '--rekor-url', base, '--rekor-entry-type', 'intoto', '--trust-root', 'trusted_root.json', '--certificate-oidc-issuer', ISSUER, ...args], { cwd, env: { ...process.env, GITHUB_ACTIONS: '', SIGSTORE_ID_TOKEN: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function workdir(): Promise<{ cwd: string; token: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'cavra-gate-keyless-'));
  const token = await new SignJWT({ sub: IDENTITY, aud: 'sigstore' }).setProtectedHeader({ alg: 'ES256' }).setIssuer(ISSUER).setIssuedAt().setExpirationTime('10m').sign(tokenKey.privateKey);
  writeFileSync(join(cwd, 'token.jwt'), token);
  writeFileSync(join(cwd, 'trusted_root.json'), JSON.stringify(root));
  writeFileSync(join(cwd, 'session.jsonl'), JSON.stringify({ action_type: 'read_file', target: 'src/app.ts' }));
  return { cwd, token };
}

test('a keyless gate seals with a certificate for the job and verifies it before it counts', async () => {
  const { cwd, token } = await workdir();
  const result = await gate(cwd, ['--certificate-identity', IDENTITY, '--evidence', 'run', '--json']);
  expect(result.stderr).toContain('cavra: verifying the sealed evidence');
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ conclusion: 'success' });
  expect(result.stdout + result.stderr).not.toContain(token.split('.')[2]);
});

test('a certificate for another identity fails the run', async () => {
  const { cwd } = await workdir();
  const result = await gate(cwd, ['--certificate-identity', 'https://github.com/acme/app/.github/workflows/other.yml@refs/heads/main', '--evidence', 'run']);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/does not verify: .*certificate identity/);
});

test('keyless without an expected identity is a usage error', async () => {
  const { cwd } = await workdir();
  const result = await gate(cwd, ['--evidence', 'run']);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('`--certificate-identity` is required for keyless signing');
});
