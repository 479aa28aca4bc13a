// `cavra evidence seal --keyless` inside a GitHub Actions job asks the runner's token endpoint
// for an OIDC token with audience `sigstore` and hands it to Fulcio, never printing it.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CLI_BUNDLE } from './support/paths.ts';

test('in github actions, --keyless acquires the sigstore token and presents it to fulcio only', async () => {
  const token = 'eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJzaWdzdG9yZSIsInN1YiI6InJlcG86YWNtZS9hcHAifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
  const seen: Array<{ url: string; authorization: string | undefined; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
      if (req.url?.startsWith('/token')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: token }));
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"down for the test"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const cwd = mkdtempSync(join(tmpdir(), 'cavra-keyless-ci-'));
    writeFileSync(join(cwd, 'session.jsonl'), JSON.stringify({ action_type: 'read_file', target: 'README.md' }));
    const env = { ...process.env, GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: `${base}/token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runtime-request-token', SIGSTORE_ID_TOKEN: '' };
    const run = (args: string[]) =>
      new Promise<{ status: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { cwd, env });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (status) => resolve({ status, output }));
      });
    expect((await run(['evaluate', '--batch', 'session.jsonl', '--evidence', 'ev'])).status).toBe(0);
    const sealed = await run(['evidence', 'seal', 'ev', '--keyless', '--fulcio-url', base, '--rekor-url', base]);

    const tokenRequest = seen.find((request) => request.url.startsWith('/token'));
    expect(tokenRequest?.url).toContain('audience=sigstore');
    expect(tokenRequest?.authorization).toBe('Bearer runtime-request-token');
    const fulcioRequest = seen.find((request) => !request.url.startsWith('/token'));
    expect(fulcioRequest?.authorization ?? fulcioRequest?.body).toContain(token.split('.')[1]);
    expect(sealed.status).toBe(1);
    expect(sealed.output).not.toContain(token.split('.')[2]);
    expect(sealed.output).not.toContain(token.split('.')[1]);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
