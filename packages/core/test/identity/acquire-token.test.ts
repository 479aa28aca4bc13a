import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AzurePipelinesTokenSource, GitHubTokenSource, GitLabTokenSource, RunnerToken, isCavraError, runnerTokenSource } from '@cavra/core';
import { closedPort, loadTemplate, makeKey, mint } from './token-lab.ts';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentLength: string | undefined;
}

let server: Server;
let origin: string;
let token: string;
const seen: Seen[] = [];
let answer: { status: number; body: string } | undefined;

beforeAll(async () => {
  const key = await makeKey('acquire', 'RS256');
  token = await mint(loadTemplate('github-actions').claims, { issuer: 'https://token.actions.githubusercontent.com', audience: 'cavra', key });
  server = createServer((request: IncomingMessage, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, contentLength: request.headers['content-length'] });
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    if (answer) return reply(answer.status, answer.body);
    if (url.pathname === '/github/token' && request.headers.authorization === 'Bearer request-token') return reply(200, { count: 1, value: token });
    if (url.pathname === '/azure/oidctoken' && request.method === 'POST' && request.headers.authorization === 'Bearer system-access-token') return reply(200, { oidcToken: token });
    reply(401, { message: 'unauthorised' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const githubEnv = () => ({ GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: `${origin}/github/token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' });
const azureEnv = () => ({ TF_BUILD: 'True', SYSTEM_OIDCREQUESTURI: `${origin}/azure/oidctoken`, SYSTEM_ACCESSTOKEN: 'system-access-token' });

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!isCavraError(error)) throw new Error(`expected a CavraError, got ${String(error)}`);
  expect(`${error.message} ${error.hint ?? ''}`).not.toContain(token);
  expect(`${error.message} ${error.hint ?? ''}`).not.toMatch(/request-token|system-access-token/);
  return error;
}

describe('GitHub Actions', () => {
  test('GETs the request url with the audience and the request token as bearer', async () => {
    seen.length = 0;
    const acquired = await new GitHubTokenSource(githubEnv(), 'cavra', fetch).acquire();
    expect(acquired.reveal()).toBe(token);
    expect(seen).toHaveLength(1);
    const url = new URL(seen[0]!.url, origin);
    expect(seen[0]!.method).toBe('GET');
    expect(url.searchParams.get('audience')).toBe('cavra');
    expect(url.searchParams.get('api-version')).toBe('2.0');
  });

  test('without id-token: write it says how to fix it', async () => {
    const error = await failure(new GitHubTokenSource({ GITHUB_ACTIONS: 'true' }, 'cavra', fetch).acquire());
    expect(error.code).toBe('ERR_TOKEN_ACQUIRE_FAILED');
  });

  test.for([
    ['a refused request token', { status: 401, body: '{"message":"bad"}' }, /http 401/],
    ['a body that is not json', { status: 200, body: '<html>' }, /not json/],
    ['json without a jwt', { status: 200, body: '{"value":"not a jwt"}' }, /no jwt in `value`/],
  ] as const)('fails on %s', async ([, reply, message]) => {
    answer = reply;
    try {
      const error = await failure(new GitHubTokenSource(githubEnv(), 'cavra', fetch).acquire());
      expect(error.code).toBe('ERR_TOKEN_ACQUIRE_FAILED');
      expect(error.message).toMatch(message);
    } finally {
      answer = undefined;
    }
  });

  test('fails when the endpoint is down', async () => {
    const env = { ...githubEnv(), ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${await closedPort()}/github/token` };
    expect((await failure(new GitHubTokenSource(env, 'cavra', fetch).acquire())).code).toBe('ERR_TOKEN_ACQUIRE_FAILED');
  });
});

describe('Azure Pipelines', () => {
  test('POSTs to SYSTEM_OIDCREQUESTURI with the job access token and an empty body', async () => {
    seen.length = 0;
    const acquired = await new AzurePipelinesTokenSource(azureEnv(), fetch, 'sc-123').acquire();
    expect(acquired.reveal()).toBe(token);
    const url = new URL(seen[0]!.url, origin);
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.contentLength).toBe('0');
    expect(url.searchParams.get('api-version')).toBe('7.1-preview.1');
    expect(url.searchParams.get('serviceConnectionId')).toBe('sc-123');
  });

  test('without SYSTEM_ACCESSTOKEN it says how to map it', async () => {
    const error = await failure(new AzurePipelinesTokenSource({ ...azureEnv(), SYSTEM_ACCESSTOKEN: undefined }, fetch).acquire());
    expect(error.message).toMatch(/SYSTEM_ACCESSTOKEN/);
  });
});

describe('GitLab CI/CD', () => {
  test('reads the id_tokens variable the user names', async () => {
    expect((await new GitLabTokenSource({ GITLAB_CI: 'true', MY_ID_TOKEN: `${token}\n` }, 'MY_ID_TOKEN').acquire()).reveal()).toBe(token);
    expect((await new GitLabTokenSource({ GITLAB_CI: 'true', CAVRA_ID_TOKEN: token }).acquire()).reveal()).toBe(token);
  });

  test('never falls back to the removed CI_JOB_JWT variables', async () => {
    const error = await failure(new GitLabTokenSource({ GITLAB_CI: 'true', CI_JOB_JWT_V2: token }).acquire());
    expect(error.message).toMatch(/`CAVRA_ID_TOKEN` is empty/);
  });
});

describe('choosing the source', () => {
  const readText = async (path: string) => (path === 'token.jwt' ? `${token}\n` : Promise.reject(new Error('ENOENT')));

  test('explicit token, then token file, then the provider', async () => {
    const env = githubEnv();
    expect((await runnerTokenSource({ env, fetch, audience: 'cavra', token: ' explicit.jwt.x ' }).acquire()).source).toBe('explicit');
    expect((await runnerTokenSource({ env, fetch, audience: 'cavra', tokenFile: 'token.jwt', readText }).acquire()).reveal()).toBe(token);
    expect((await runnerTokenSource({ env, fetch, audience: 'cavra' }).acquire()).source).toBe('github-actions');
    expect((await runnerTokenSource({ env: azureEnv(), fetch, audience: 'cavra' }).acquire()).source).toBe('azure-pipelines');
    expect((await runnerTokenSource({ env: { GITLAB_CI: 'true', CAVRA_ID_TOKEN: token }, fetch, audience: 'cavra' }).acquire()).source).toBe('gitlab-ci');
  });

  test('outside CI with nothing given it fails, and an unreadable file is the user’s error', async () => {
    expect((await failure(Promise.resolve().then(() => runnerTokenSource({ env: {}, fetch, audience: 'cavra' })))).code).toBe('ERR_TOKEN_ACQUIRE_FAILED');
    expect((await failure(runnerTokenSource({ env: {}, fetch, audience: 'cavra', tokenFile: 'missing.jwt', readText }).acquire())).code).toBe('ERR_INPUT_UNREADABLE');
  });

  test('a token never prints itself', () => {
    const wrapped = new RunnerToken(token, 'explicit');
    const shown = [String(wrapped), JSON.stringify({ wrapped }), inspect(wrapped), inspect({ wrapped }, { depth: 5 }), `${wrapped}`].join(' ');
    expect(shown).not.toContain(token);
    expect(shown).not.toContain(token.split('.')[2]!);
    expect(wrapped.reveal()).toBe(token);
  });
});
