// Runner token verification cost: RS256 and ES256 GitHub-shaped tokens verified against a pinned
// JWKS and against a loopback JWKS server (cached after the first fetch), plus HMAC v2 runner auth.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import * as core from '../packages/core/src/index.ts';

const N = 2_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const template = JSON.parse(readFileSync(join(root, 'fixtures', 'tokens', 'github-actions.json'), 'utf8'));
const issuer = 'https://token.actions.githubusercontent.com';
const now = new Date();
const nowS = Math.floor(now.getTime() / 1000);

async function keyFor(alg) {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid: alg, alg, use: 'sig' } };
}

async function tokenFor(key) {
  return new SignJWT({ ...template.claims, iss: issuer, aud: 'cavra', iat: nowS - 10, nbf: nowS - 10, exp: nowS + 300 })
    .setProtectedHeader({ alg: key.alg, kid: key.kid ?? key.alg, typ: 'JWT' })
    .sign(key.privateKey);
}

async function measure(token, keys) {
  const options = { issuer, audience: 'cavra', keys, now: () => now };
  for (let i = 0; i < 200; i += 1) await core.verifyRunnerToken(token, options);
  const latencies = new Float64Array(N);
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i += 1) {
    const t0 = process.hrtime.bigint();
    await core.verifyRunnerToken(token, options);
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort();
  return { per_second: Math.round(N / seconds), p50_us: Math.round(latencies[Math.floor(N / 2)]), p99_us: Math.round(latencies[Math.floor(N * 0.99)]) };
}

const rsa = await keyFor('RS256');
const ec = await keyFor('ES256');
const jwks = { keys: [rsa.jwk, ec.jwk] };
let fetches = 0;
const server = createServer((request, response) => {
  fetches += 1;
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const jwksUrl = `http://127.0.0.1:${server.address().port}/jwks`;

const rsaToken = await tokenFor(rsa);
const ecToken = await tokenFor(ec);
const result = {
  bench: 'identity-verify',
  tokens: N,
  token_bytes: rsaToken.length,
  rs256_pinned: await measure(rsaToken, core.localTokenKeys(jwks, 'jwks.json')),
  es256_pinned: await measure(ecToken, core.localTokenKeys(jwks, 'jwks.json')),
  rs256_remote_cached: await measure(rsaToken, core.remoteTokenKeys({ jwksUrl, fetch })),
  jwks_fetches: fetches,
};
server.close();

const key = randomBytes(32);
const request = JSON.stringify({ action_type: 'execute_command', target: 'terraform apply' });
const identity = { provider: 'github-actions', repository: 'octo-org/octo-repo', run_id: '1' };
const nonces = new core.MemoryNonceStore();
const started = process.hrtime.bigint();
for (let i = 0; i < N; i += 1) {
  const auth = core.signRunnerAuthV2(identity, { key, keyId: 'k', request, now: () => now, randomHex: (n) => randomBytes(n).toString('hex') });
  core.verifyRunnerAuthV2(auth, { key, keyId: 'k', request, now: () => now, nonces });
}
result.hmac_v2_sign_and_verify_per_second = Math.round(N / (Number(process.hrtime.bigint() - started) / 1e9));
console.log(JSON.stringify(result));
