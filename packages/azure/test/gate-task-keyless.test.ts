// Keyless signing as the task does it on an agent: the pipeline's OIDC token comes from
// `System.OidcRequestUri` (POST, api-version 7.1-preview.1, the job's access token as bearer),
// Fulcio (mock, loopback) certifies the token's subject under the organisation's issuer, and the
// sealed bundle verifies against that identity. The token never reaches the log.
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyEvidence } from '@cavra/core';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serveMockSigstore } from '../../../test/support/sigstore-mock.ts';
import { runAsAgent, standaloneTask, workspace } from './support/task-harness.ts';

const ORG_ID = '0b5e55ed-0000-4000-8000-0000000000a1';
const ISSUER = `https://vstoken.dev.azure.com/${ORG_ID}`;
const SUBJECT = 'p://fabrikam/Fabrikam/app-ci';
const ACCESS_TOKEN = 'job-access-token-keyless';

let sigstore: { server: Server; base: string; root: Record<string, unknown> };
let oidc: Server;
let oidcBase = '';
let token = '';
const tokenRequests: Array<{ method: string; url: string; authorization: string | undefined }> = [];

beforeAll(async () => {
  sigstore = await serveMockSigstore();
  const key = await generateKeyPair('RS256');
  token = await new SignJWT({ org_id: ORG_ID, prj_id: 'p1', def_id: '12', rpo_id: 'r1', run_id: '42' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setSubject(SUBJECT)
    .setAudience('api://AzureADTokenExchange')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key.privateKey);
  oidc = createServer((request, response) => {
    tokenRequests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization });
    request.resume();
    request.on('end', () => {
      if (request.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return void response.writeHead(401).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ oidcToken: token }));
    });
  });
  await new Promise<void>((resolve) => oidc.listen(0, '127.0.0.1', resolve));
  oidcBase = `http://127.0.0.1:${(oidc.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => sigstore.server.close(() => resolve()));
  await new Promise<void>((resolve) => oidc.close(() => resolve()));
});

test('the task signs keyless with the pipeline token, under the identity it derives from the run', { timeout: 120_000 }, async () => {
  const ws = workspace();
  writeFileSync(join(ws.sources, 'session.jsonl'), `${JSON.stringify({ session_id: 's', agent_id: 'codex', action_type: 'read_file', target: 'README.md' })}\n`);
  const rootFile = join(ws.temp, 'trusted_root.json');
  writeFileSync(rootFile, JSON.stringify(sigstore.root));
  const run = await runAsAgent(standaloneTask(), ws.sources, {
    inputs: { mode: 'enforce', sessions: 'session.jsonl', signing: 'keyless', fulcioUrl: sigstore.base, rekorUrl: sigstore.base, rekorEntryType: 'intoto', trustRoot: rootFile },
    variables: {
      'Build.SourcesDirectory': ws.sources,
      'Agent.TempDirectory': ws.temp,
      'System.CollectionUri': 'https://dev.azure.com/fabrikam/',
      'System.CollectionId': ORG_ID,
      'System.TeamProject': 'Fabrikam',
      'Build.DefinitionName': 'app-ci',
      'System.OidcRequestUri': `${oidcBase}/fabrikam/p1/_apis/distributedtask/hubs/build/plans/plan-1/jobs/job-1/oidctoken`,
    },
    endpointToken: ACCESS_TOKEN,
  });
  expect(run.result, run.stdout).toBe('Succeeded');
  expect(tokenRequests).toEqual([{ method: 'POST', url: '/fabrikam/p1/_apis/distributedtask/hubs/build/plans/plan-1/jobs/job-1/oidctoken?api-version=7.1-preview.1', authorization: `Bearer ${ACCESS_TOKEN}` }]);
  for (const part of token.split('.').slice(1)) {
    expect(run.stdout).not.toContain(part);
    expect(run.stderr).not.toContain(part);
  }
  const report = await verifyEvidence(run.outputs.evidenceDir!, { trustedRoot: sigstore.root, certificateIdentity: SUBJECT, certificateIssuer: ISSUER });
  expect(report.errors).toEqual([]);
  expect(report.valid).toBe(true);
  const other = await verifyEvidence(run.outputs.evidenceDir!, { trustedRoot: sigstore.root, certificateIdentity: 'p://fabrikam/Fabrikam/another-pipeline', certificateIssuer: ISSUER });
  expect(other.valid).toBe(false);
});
