// `cavra auth verify` end to end: the CLI spawned from source against a loopback OIDC issuer.
// Every run is searched for the token and its signature: stdout, stderr and any file written.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IssuerServer, loadTemplate, makeKey, mint, type LabKey } from '../packages/core/test/identity/token-lab.ts';
import { REPO_ROOT } from './support/paths.ts';

const CLI = join(REPO_ROOT, 'packages', 'cli', 'src', 'main.ts');
const github = loadTemplate('github-actions');
const NOW_S = Math.floor(Date.now() / 1000);
let server: IssuerServer;
let key: LabKey;
let issuer: string;
let workDir: string;
const tokensSeen: string[] = [];

beforeAll(async () => {
  server = await IssuerServer.start();
  key = await makeKey('cli-key', 'RS256');
  server.jwks = { keys: [key.publicJwk] };
  issuer = server.issuer('/issuer');
  workDir = mkdtempSync(join(tmpdir(), 'cavra-auth-cli-'));
  writeFileSync(join(workDir, 'jwks.json'), JSON.stringify(server.jwks));
  writeFileSync(join(workDir, 'claims.json'), JSON.stringify({ repository_ids: ['987654321'], refs: ['refs/heads/main'], workflow_refs: [github.claims.job_workflow_ref] }));
  writeFileSync(join(workDir, 'other-repo.json'), JSON.stringify({ repository_ids: ['1'] }));
  writeFileSync(join(workDir, 'bad-claims.json'), JSON.stringify({ repositories: ['octo-org/octo-repo'] }));
});

afterAll(async () => {
  await server.close();
  // No file in the working directory may hold any token a test used.
  for (const name of readdirSync(workDir)) {
    const text = readFileSync(join(workDir, name), 'utf8');
    for (const token of tokensSeen) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[2] || token);
    }
  }
  expect(readdirSync(workDir).sort()).toEqual(['bad-claims.json', 'claims.json', 'jwks.json', 'other-repo.json']);
});

async function token(claims: Record<string, unknown> = {}, options: { aud?: string; iss?: string; exp?: number; iat?: number; nbf?: number; signer?: LabKey } = {}): Promise<string> {
  const minted = await mint({ ...github.claims, ...claims }, {
    issuer: options.iss ?? issuer,
    audience: options.aud ?? 'cavra',
    key: options.signer ?? key,
    iat: options.iat ?? NOW_S - 30,
    nbf: options.nbf ?? NOW_S - 30,
    exp: options.exp ?? NOW_S + 300,
  });
  tokensSeen.push(minted);
  return minted;
}

function cavra(args: string[], stdin = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: workDir, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function expectNoLeak(output: { stdout: string; stderr: string }, jwt: string): void {
  const text = output.stdout + output.stderr;
  expect(text).not.toContain(jwt);
  const signature = jwt.split('.')[2];
  if (signature) expect(text).not.toContain(signature);
}

const base = () => ['auth', 'verify', '--issuer', issuer, '--audience', 'cavra'];

describe('cavra auth verify', () => {
  test('prints the verified identity through OIDC discovery and exits 0', async () => {
    const jwt = await token();
    const result = await cavra([...base(), '--token', jwt, '--discover', '--claims', 'claims.json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ...github.expected, issuer, key_id: 'cli-key' });
    expectNoLeak(result, jwt);
  });

  test('reads the token from stdin and verifies against a pinned jwks file', async () => {
    const jwt = await token();
    const result = await cavra([...base(), '--token-file', '-', '--jwks', 'jwks.json'], `${jwt}\n`);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ provider: 'github-actions', repository_id: '987654321' });
    expectNoLeak(result, jwt);
  });

  const failures: Array<{ name: string; jwt: () => Promise<string>; args?: string[]; status: number; stderr: RegExp }> = [
    { name: 'expired', jwt: () => token({}, { iat: NOW_S - 900, nbf: NOW_S - 900, exp: NOW_S - 300 }), status: 1, stderr: /token has expired.*\[ERR_TOKEN_EXPIRED\]/ },
    { name: 'wrong issuer', jwt: () => token({}, { iss: 'https://token.actions.githubusercontent.com' }), status: 1, stderr: /issuer is not .*\[ERR_TOKEN_CLAIM_INVALID\]/ },
    { name: 'wrong audience', jwt: () => token({}, { aud: 'someone-else' }), status: 1, stderr: /audience does not include `cavra`.*\[ERR_TOKEN_CLAIM_INVALID\]/ },
    { name: 'unknown key', jwt: async () => token({}, { signer: await makeKey('stranger', 'RS256') }), status: 1, stderr: /key id `stranger`.*\[ERR_TOKEN_KEY_UNKNOWN\]/ },
    { name: 'bad signature', jwt: async () => token({}, { signer: { ...(await makeKey('cli-key', 'RS256')) } }), status: 1, stderr: /signature does not verify.*\[ERR_TOKEN_SIGNATURE_INVALID\]/ },
    {
      name: 'disallowed algorithm',
      jwt: async () => {
        const jwt = new UnsecuredJWT({ ...github.claims, iss: issuer, aud: 'cavra', iat: NOW_S, exp: NOW_S + 300 }).encode();
        tokensSeen.push(jwt);
        return jwt;
      },
      status: 1,
      stderr: /algorithm `none` is not allowed.*\[ERR_TOKEN_ALG_NOT_ALLOWED\]/,
    },
    { name: 'claim mismatch', jwt: () => token(), args: ['--claims', 'other-repo.json'], status: 1, stderr: /`repository_id` `987654321` is not allowed.*\[ERR_TOKEN_CLAIM_INVALID\]/ },
    { name: 'invalid claims file', jwt: () => token(), args: ['--claims', 'bad-claims.json'], status: 2, stderr: /unknown key `repositories`.*\[ERR_CONFIG_INVALID\]/ },
  ];

  test.for(failures)('$name exits $status with the reason and never echoes the token', async (item) => {
    const jwt = await item.jwt();
    const result = await cavra([...base(), '--token', jwt, '--jwks-url', server.jwksUrl, ...(item.args ?? [])]);
    expect(result.status).toBe(item.status);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(item.stderr);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expectNoLeak(result, jwt);
  });

  test.for([
    ['no token', ['--jwks', 'jwks.json']],
    ['two key sources', ['--token', 'a.b.c', '--jwks', 'jwks.json', '--discover']],
    ['a bad leeway', ['--token', 'a.b.c', '--jwks', 'jwks.json', '--leeway', '3600']],
  ] as const)('usage error: %s exits 2', async ([, args]) => {
    const result = await cavra([...base(), ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\[ERR_USAGE\]/);
  });
});
