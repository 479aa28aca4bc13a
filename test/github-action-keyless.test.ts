// The Action signs keyless with the job's OIDC token (from the runner's token endpoint, audience
// `sigstore`) against a private Sigstore deployment (mock Fulcio and Rekor on loopback, its
// trusted root in the workspace), and verifies the seal against the identity Fulcio certifies:
// the workflow the job runs in, which in a reusable workflow is the token's `job_workflow_ref`,
// not the caller's GITHUB_WORKFLOW_REF.
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { GITHUB_OIDC_ISSUER } from '../packages/github/src/action-signing.ts';
import { ActionHarness, OWNER, REPO, fixture } from './support/github-action-scenarios.ts';
import { REPO_ROOT } from './support/paths.ts';
import { serveMockSigstore } from './support/sigstore-mock.ts';

vi.setConfig({ testTimeout: 120_000 });

const REUSABLE = `${OWNER}/${REPO}/.github/workflows/reusable-gate.yml@refs/heads/main`;
const IDENTITY = `https://github.com/${REUSABLE}`;
const REQUEST_TOKEN = 'runner-id-token-request-token';

describe('keyless signing in the Action', () => {
  let sigstore: { server: Server; base: string; root: Record<string, unknown> };
  let tokens: Server;
  let tokenUrl: string;
  let jwt: string;
  const audiences: string[] = [];
  const harness = new ActionHarness('runner');

  beforeAll(async () => {
    sigstore = await serveMockSigstore();
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    // The mock Fulcio certifies `sub`; GitHub's Fulcio certifies `job_workflow_ref`: both name the reusable workflow here.
    jwt = await new SignJWT({ sub: IDENTITY, job_workflow_ref: REUSABLE, aud: 'sigstore' }).setProtectedHeader({ alg: 'ES256' }).setIssuer(GITHUB_OIDC_ISSUER).setIssuedAt().setExpirationTime('10m').sign(key.privateKey);
    tokens = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.headers.authorization !== `Bearer ${REQUEST_TOKEN}`) return void response.writeHead(401).end();
      audiences.push(url.searchParams.get('audience') ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: jwt }));
    });
    await new Promise<void>((resolve) => tokens.listen(0, '127.0.0.1', resolve));
    tokenUrl = `http://127.0.0.1:${(tokens.address() as AddressInfo).port}/token?api-version=2.0`;
  });
  afterAll(async () => {
    await harness.close();
    await new Promise<void>((resolve) => tokens.close(() => resolve()));
    await new Promise<void>((resolve) => sigstore.server.close(() => resolve()));
  });

  test('seals with a certificate for the reusable workflow and verifies it before the run counts', async () => {
    const run = await harness.gate(fixture(), {
      // The mock Rekor predates DSSE entries.
      inputs: { 'fulcio-url': sigstore.base, 'rekor-url': sigstore.base, 'rekor-entry-type': 'intoto', 'trust-root': 'trusted_root.json' },
      files: { 'trusted_root.json': JSON.stringify(sigstore.root) },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: tokenUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.conclusion).toBe('success');
    expect(audiences).toContain('sigstore');
    // The token never reaches the log, the summary or the outputs.
    for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(jwt.split('.')[2]);
    const evidence = run.outputs['evidence-dir']!;
    const verify = (identity: string) =>
      spawnSync(process.execPath, [join(REPO_ROOT, 'packages/cli/src/main.ts'), 'verify', evidence, '--trust-root', join(run.workspace, 'trusted_root.json'), '--certificate-identity', identity, '--certificate-oidc-issuer', GITHUB_OIDC_ISSUER], { encoding: 'utf8' });
    const verified = verify(IDENTITY);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    // The caller's workflow ref is not what was certified.
    expect(verify(`https://github.com/${OWNER}/${REPO}/.github/workflows/cavra.yml@refs/pull/7/merge`).status).toBe(1);
    expect(run.summary).toContain(`--certificate-identity ${IDENTITY}`);
  });

  test('a private Fulcio without its trust root is refused before anything runs', async () => {
    const run = await harness.gate(fixture(), { inputs: { 'fulcio-url': sigstore.base }, env: { ACTIONS_ID_TOKEN_REQUEST_URL: tokenUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('input `trust-root` is required with `fulcio-url` or `rekor-url`');
    expect(harness.api.checkRuns).toHaveLength(0);
  });
});
