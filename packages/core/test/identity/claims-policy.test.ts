import { beforeAll, describe, expect, test } from 'vitest';
import {
  assertRunnerClaimsPolicy,
  authenticateRunner,
  localTokenKeys,
  parseRunnerClaimsPolicy,
  type RunnerClaimsPolicy,
  type Verdict,
  type VerifyRunnerTokenOptions,
} from '@cavra/core';
import { NOW, loadTemplate, makeKey, mint, type LabKey } from './token-lab.ts';

const ISSUER = 'https://token.actions.githubusercontent.com';
const github = loadTemplate('github-actions');
let key: LabKey;
let verify: VerifyRunnerTokenOptions;

beforeAll(async () => {
  key = await makeKey('policy-key', 'RS256');
  verify = { issuer: ISSUER, audience: 'cavra', keys: localTokenKeys({ keys: [key.publicJwk] }, 'jwks.json'), now: () => NOW };
});

const token = (claims: Record<string, unknown> = {}) => mint({ ...github.claims, ...claims }, { issuer: ISSUER, audience: 'cavra', key });

const ALLOWING: RunnerClaimsPolicy = {
  issuers: [ISSUER],
  providers: ['github-actions'],
  org_ids: ['123456'],
  repository_ids: ['987654321'],
  refs: ['refs/heads/main', 'refs/heads/release/*'],
  workflow_refs: ['octo-org/octo-repo/.github/workflows/cavra-gate.yml@refs/heads/*'],
  environments: ['production'],
};

describe('claims policy', () => {
  test('a token inside the policy authenticates', async () => {
    const result = await authenticateRunner(await token(), { verify, policy: parseRunnerClaimsPolicy(ALLOWING, 'gate.yaml') });
    expect(result.ok && result.identity.repository_id).toBe('987654321');
  });

  test.for([
    ['repository_ids', { repository_id: '111' }, 'repository_id'],
    ['refs', { ref: 'refs/heads/feature' }, 'ref'],
    ['refs (prefix must not over-match)', { ref: 'refs/heads/release' }, 'ref'],
    ['workflow_refs', { job_workflow_ref: 'octo-org/octo-repo/.github/workflows/other.yml@refs/heads/main' }, 'job_workflow_ref'],
    ['environments', { environment: 'staging' }, 'environment'],
    ['environments (absent)', { environment: undefined }, 'environment'],
    ['org_ids', { repository_owner_id: '999' }, 'org_id'],
  ] as const)('outside %s blocks with runner_auth.invalid, critical', async ([, claims, claim]) => {
    const result = await authenticateRunner(await token(claims), { verify, policy: ALLOWING, action: { target: 'main', requested_operation: 'merge' } });
    if (result.ok) throw new Error('expected a block');
    const verdict: Verdict = result.verdict;
    expect(verdict).toMatchObject({ rule_id: 'runner_auth.invalid', decision: 'block', severity: 'critical', target: 'main', requested_operation: 'merge', approver_group: null });
    expect(verdict.reason).toMatch(/^runner authentication failed: /);
    expect(result.verdict.analysis).toEqual({ error_code: 'ERR_TOKEN_CLAIM_INVALID', claim });
  });

  test('a bad token also yields the blocking verdict, never a throw', async () => {
    const result = await authenticateRunner('not-a-token', { verify });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.verdict.analysis.error_code).toBe('ERR_TOKEN_INVALID');
  });

  test('an identity checked directly throws with the claim named', async () => {
    const result = await authenticateRunner(await token(), { verify });
    if (!result.ok) throw new Error('expected success');
    expect(() => assertRunnerClaimsPolicy(result.identity, { issuers: ['https://gitlab.com'] })).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_CLAIM_INVALID', details: { claim: 'issuer', policy: 'issuers' } }));
  });

  test.for([
    ['not an object', []],
    ['unknown key', { repositories: ['a/b'] }],
    ['a key every object inherits', { toString: ['a/b'] }],
    ['a `__proto__` key', JSON.parse('{"__proto__": ["a/b"]}') as unknown],
    ['empty list', { refs: [] }],
    ['non-string entry', { repository_ids: [123] }],
    ['unknown provider', { providers: ['jenkins'] }],
  ] as const)('a policy with %s is a configuration error', ([, value]) => {
    expect(() => parseRunnerClaimsPolicy(value, 'gate.yaml')).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });
});
