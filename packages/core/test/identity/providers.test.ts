import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isCavraError, localTokenKeys, verifyRunnerToken, type RunnerIdentity } from '@cavra/core';
import { IssuerServer, NOW, loadTemplate, makeKey, mint, type LabKey } from './token-lab.ts';

const PROVIDERS = ['github-actions', 'gitlab-ci', 'azure-pipelines'] as const;
let server: IssuerServer;
let key: LabKey;

beforeAll(async () => {
  server = await IssuerServer.start();
  key = await makeKey('provider-key', 'RS256');
});
afterAll(() => server.close());

async function verifyTemplate(provider: (typeof PROVIDERS)[number], claims?: Record<string, unknown>): Promise<RunnerIdentity> {
  const template = loadTemplate(provider);
  const issuer = server.issuer(template.issuer_suffix ?? `/${provider}`);
  const token = await mint({ ...template.claims, ...claims }, { issuer, audience: template.audience, key });
  return verifyRunnerToken(token, { issuer, audience: template.audience, keys: localTokenKeys({ keys: [key.publicJwk] }, 'jwks.json'), now: () => NOW });
}

describe('real-shaped provider tokens normalise to one identity shape', () => {
  test.for(PROVIDERS)('%s claims map as documented', async (provider) => {
    const identity = await verifyTemplate(provider);
    expect(identity).toMatchObject(loadTemplate(provider).expected);
    expect(JSON.parse(JSON.stringify(identity))).toEqual(identity);
  });

  test('every provider yields the same fields, and the same values where the run is the same', async () => {
    const identities = await Promise.all(PROVIDERS.map((provider) => verifyTemplate(provider)));
    const fieldSets = identities.map((identity) => Object.keys(identity).sort().join(','));
    expect(new Set(fieldSets).size).toBe(1);
    for (const identity of identities) {
      expect(identity.ref).toBe('refs/heads/main');
      expect(identity.ref_type).toBe('branch');
      expect(identity.sha).toBe('8f3c1a9e2b7d4c6f0a1e3b5d7f9c2e4a6b8d0f1c');
      for (const field of ['org_id', 'repository_id', 'run_id', 'job_workflow_ref', 'token_id'] as const) expect(identity[field]).toEqual(expect.any(String));
    }
  });

  test('GitLab before 16.0 (no ref_path) still yields a full ref', async () => {
    const identity = await verifyTemplate('gitlab-ci', { ref_path: undefined, ref: 'v1.2.0', ref_type: 'tag' });
    expect(identity.ref).toBe('refs/tags/v1.2.0');
  });

  test('an Azure token whose org_id is not the issuer organisation is refused', async () => {
    const error = await verifyTemplate('azure-pipelines', { org_id: '00000000-0000-4000-8000-000000000000' }).catch((caught: unknown) => caught);
    expect(isCavraError(error) && error.code).toBe('ERR_TOKEN_CLAIM_INVALID');
    expect(isCavraError(error) && error.details?.claim).toBe('org_id');
  });

  test('an Azure service-connection token is refused with a hint', async () => {
    const error = await verifyTemplate('azure-pipelines', { sub: 'sc://octo-org/octo-project/deploy' }).catch((caught: unknown) => caught);
    expect(isCavraError(error) && error.details?.claim).toBe('sub');
  });

  test.for([
    ['github-actions', 'job_workflow_ref'],
    ['gitlab-ci', 'project_id'],
    ['azure-pipelines', 'rpo_ver'],
  ] as const)('%s without %s is refused', async ([provider, claim]) => {
    const error = await verifyTemplate(provider, { [claim]: undefined }).catch((caught: unknown) => caught);
    expect(isCavraError(error) && error.code).toBe('ERR_TOKEN_CLAIM_INVALID');
    expect(isCavraError(error) && error.details?.claim).toBe(claim);
  });
});
