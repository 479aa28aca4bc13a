// `verifyRunner`: the task asks System.OidcRequestUri for the pipeline token and verifies it
// against the organisation's issuer (discovery, then the JWKS Azure shares between every
// organisation). Azure's token service is faked at the network edge (`fetch`); task-lib by a
// recorder of the calls the agent would read. A token of another organisation, signed by the
// same shared keys, must not pass.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, type FetchLike } from '@cavra/core';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, expect, test } from 'vitest';
import { runTask, type TaskLib } from '../src/run-task.ts';

const ORG_ID = '0b5e55ed-0000-4000-8000-0000000000a1';
const OTHER_ORG_ID = '0bad0bad-0000-4000-8000-0000000000b2';
const OIDC_REQUEST_URI = 'https://dev.azure.com/fabrikam/p1/_apis/distributedtask/hubs/build/plans/plan-1/jobs/job-1/oidctoken';
const ACCESS_TOKEN = 'job-access-token-identity';

let jwks: { keys: object[] };
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'azure-1', alg: 'RS256', use: 'sig' }] };
});

function pipelineToken(orgId: string): Promise<string> {
  return new SignJWT({ org_id: orgId, prj_id: 'p1', def_id: '12', rpo_id: 'r1', rpo_ver: 'c0ffee', rpo_ref: 'refs/pull/7/merge', run_id: '42' })
    .setProtectedHeader({ alg: 'RS256', kid: 'azure-1', typ: 'JWT' })
    .setIssuer(`https://vstoken.dev.azure.com/${orgId}`)
    .setSubject('p://fabrikam/Fabrikam/app-ci')
    .setAudience('api://AzureADTokenExchange')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

// Azure's token service, as the documented routes answer.
function azureTokenService(token: string, seen: string[]): FetchLike {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    seen.push(`${init?.method ?? 'GET'} ${url}`);
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url.startsWith(OIDC_REQUEST_URI)) {
      const authorization = new Headers(init?.headers).get('authorization');
      return authorization === `Bearer ${ACCESS_TOKEN}` ? json({ oidcToken: token }) : new Response('', { status: 401 });
    }
    if (url === `https://vstoken.dev.azure.com/${ORG_ID}/.well-known/openid-configuration`) {
      return json({ issuer: `https://vstoken.dev.azure.com/${ORG_ID}`, jwks_uri: 'https://vstoken.dev.azure.com/.well-known/jwks' });
    }
    if (url === 'https://vstoken.dev.azure.com/.well-known/jwks') return json(jwks);
    return new Response('not found', { status: 404 });
  }) as FetchLike;
}

interface Recorded {
  result?: { code: number; message: string };
  outputs: Record<string, string>;
  log: string[];
}

function taskLib(inputs: Record<string, string>, variables: Record<string, string>, recorded: Recorded): TaskLib {
  return {
    getInput: (name) => inputs[name],
    getVariable: (name) => variables[name],
    getEndpointAuthorizationParameter: (id, key) => (id === 'SystemVssConnection' && key === 'AccessToken' ? ACCESS_TOKEN : undefined),
    setSecret: () => undefined,
    findMatch: () => {
      throw new Error('no globs in this test');
    },
    logIssue: (_type, message) => recorded.log.push(`issue: ${message}`),
    uploadArtifact: () => undefined,
    setVariable: (name, value) => void (recorded.outputs[name] = value),
    setResult: (code, message) => void (recorded.result = { code, message }),
  };
}

async function runWithToken(orgIdOfToken: string) {
  const root = mkdtempSync(join(tmpdir(), 'cavra-azure-identity-'));
  const sources = join(root, 's');
  const temp = join(root, '_temp');
  mkdirSync(sources, { recursive: true });
  mkdirSync(temp, { recursive: true });
  writeFileSync(join(sources, 'session.jsonl'), `${JSON.stringify({ session_id: 's', agent_id: 'codex', action_type: 'read_file', target: 'README.md' })}\n`);
  const recorded: Recorded = { outputs: {}, log: [] };
  const seen: string[] = [];
  const lib = taskLib(
    { mode: 'enforce', sessions: 'session.jsonl', signingKey: generateSigningKey('ed25519').privateKeyPem, verifyRunner: 'true', publishEvidence: 'false' },
    { 'Build.SourcesDirectory': sources, 'Agent.TempDirectory': temp, 'System.CollectionId': ORG_ID, 'System.OidcRequestUri': OIDC_REQUEST_URI },
    recorded,
  );
  await runTask(lib, { env: {}, fetch: azureTokenService(await pipelineToken(orgIdOfToken), seen), log: (line) => recorded.log.push(line) });
  return { recorded, seen };
}

test('a pipeline token of this organisation verifies, and its identity is bound into the records', { timeout: 60_000 }, async () => {
  const { recorded, seen } = await runWithToken(ORG_ID);
  expect(recorded.result, recorded.log.join('\n')).toEqual({ code: 0, message: 'CAVRA: 1 agent action allowed' });
  expect(seen[0]).toBe(`POST ${OIDC_REQUEST_URI}?api-version=7.1-preview.1`);
  const line = JSON.parse(readFileSync(join(recorded.outputs.evidenceDir!, 'evidence.jsonl'), 'utf8').split('\n')[0]!) as { record: { identity?: Record<string, unknown> } };
  expect(line.record.identity).toMatchObject({ provider: 'azure-pipelines', issuer: `https://vstoken.dev.azure.com/${ORG_ID}`, subject: 'p://fabrikam/Fabrikam/app-ci' });
});

test('a token of another organisation, signed by the same shared keys, blocks every action', { timeout: 60_000 }, async () => {
  const { recorded } = await runWithToken(OTHER_ORG_ID);
  expect(recorded.result).toEqual({ code: 2, message: 'CAVRA: 1 blocked, 0 awaiting approval' });
  expect(recorded.outputs.conclusion).toBe('failure');
  // Blocked for the right reason: the issuer, not some other claim.
  expect(recorded.log.find((line) => line.startsWith('cavra: runner authentication failed'))).toMatch(/issuer|iss/);
});
