import { UnsecuredJWT, SignJWT, exportSPKI } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertTokenAlgorithms, isCavraError, localTokenKeys, remoteTokenKeys, verifyRunnerToken, type CavraError, type RunnerIdentity, type VerifyRunnerTokenOptions } from '@cavra/core';
import { IssuerServer, NOW, NOW_S, closedPort, loadTemplate, makeKey, mint, type LabKey } from './token-lab.ts';

let server: IssuerServer;
let rsa: LabKey;
let ec: LabKey;
let impostor: LabKey;
let issuer: string;
const github = loadTemplate('github-actions');

beforeAll(async () => {
  server = await IssuerServer.start();
  [rsa, ec, impostor] = await Promise.all([makeKey('rsa-1', 'RS256'), makeKey('ec-1', 'ES256'), makeKey('rsa-1', 'RS256')]);
  server.jwks = { keys: [rsa.publicJwk, ec.publicJwk] };
  issuer = server.issuer('/issuer');
});
afterAll(() => server.close());

function options(overrides: Partial<VerifyRunnerTokenOptions> = {}): VerifyRunnerTokenOptions {
  return { issuer, audience: 'cavra', keys: remoteTokenKeys({ issuer, fetch, timeoutMs: 1000 }), now: () => NOW, ...overrides };
}

function githubToken(overrides: { claims?: Record<string, unknown>; key?: LabKey; header?: Record<string, unknown>; iss?: string; aud?: string; iat?: number; nbf?: number | null; exp?: number | null } = {}): Promise<string> {
  const { claims, key, iss, aud, ...rest } = overrides;
  return mint({ ...github.claims, ...claims }, { issuer: iss ?? issuer, audience: aud ?? 'cavra', key: key ?? rsa, ...rest });
}

async function rejection(token: string, opts: VerifyRunnerTokenOptions): Promise<CavraError> {
  const error = await verifyRunnerToken(token, opts).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isCavraError(error)) throw new Error(`expected a CavraError, got ${String(error)}`);
  // No message, hint or detail may carry the token or its signature.
  const visible = `${error.message} ${error.hint ?? ''} ${JSON.stringify(error.details ?? {})}`;
  expect(visible).not.toContain(token);
  const signature = token.split('.')[2];
  if (signature) expect(visible).not.toContain(signature);
  return error;
}

describe('verifyRunnerToken accepts real tokens', () => {
  test('RS256 through OIDC discovery, with the jwks cached', async () => {
    const opts = options();
    const before = { jwks: server.jwksFetches, discovery: server.discoveryFetches };
    const first = await verifyRunnerToken(await githubToken(), opts);
    await verifyRunnerToken(await githubToken(), opts);
    expect(first).toMatchObject({ ...github.expected, issuer, audience: ['cavra'], key_id: 'rsa-1', algorithm: 'RS256' });
    expect(first.expires_at).toBe(new Date((NOW_S + 300) * 1000).toISOString());
    expect(server.jwksFetches - before.jwks).toBe(1);
    expect(server.discoveryFetches - before.discovery).toBe(1);
  });

  test('ES256 from a direct jwks url and from a pinned jwks', async () => {
    const token = await githubToken({ key: ec });
    const remote = await verifyRunnerToken(token, options({ keys: remoteTokenKeys({ jwksUrl: server.jwksUrl, fetch }) }));
    const pinned = await verifyRunnerToken(token, options({ keys: localTokenKeys({ keys: [ec.publicJwk] }, 'jwks.json') }));
    expect(remote).toEqual(pinned);
    expect(pinned.algorithm).toBe('ES256');
  });

  test('an expiry within the clock leeway is accepted, and outside it refused', async () => {
    const token = await githubToken({ iat: NOW_S - 400, nbf: NOW_S - 400, exp: NOW_S - 10 });
    await expect(verifyRunnerToken(token, options())).resolves.toMatchObject({ provider: 'github-actions' });
    expect((await rejection(token, options({ clockToleranceSeconds: 5 }))).code).toBe('ERR_TOKEN_EXPIRED');
  });

  test('a rotated key is found with one jwks refresh; an unknown kid inside the cooldown causes none', async () => {
    const rotated = await makeKey('rsa-2', 'RS256');
    const eager = options({ keys: remoteTokenKeys({ jwksUrl: server.jwksUrl, fetch, cooldownMs: 0 }) });
    await verifyRunnerToken(await githubToken(), eager);
    server.jwks = { keys: [rsa.publicJwk, ec.publicJwk, rotated.publicJwk] };
    try {
      const before = server.jwksFetches;
      await expect(verifyRunnerToken(await githubToken({ key: rotated }), eager)).resolves.toMatchObject({ key_id: 'rsa-2' });
      expect(server.jwksFetches - before).toBe(1);

      const patient = options({ keys: remoteTokenKeys({ jwksUrl: server.jwksUrl, fetch }) });
      await verifyRunnerToken(await githubToken(), patient);
      const ghost = await makeKey('ghost', 'RS256');
      const fetchesBefore = server.jwksFetches;
      expect((await rejection(await githubToken({ key: ghost }), patient)).code).toBe('ERR_TOKEN_KEY_UNKNOWN');
      expect(server.jwksFetches).toBe(fetchesBefore);
    } finally {
      server.jwks = { keys: [rsa.publicJwk, ec.publicJwk] };
    }
  });
});

interface HostileCase {
  name: string;
  token: () => Promise<string>;
  opts?: () => Promise<VerifyRunnerTokenOptions> | VerifyRunnerTokenOptions;
  code: string;
  claim?: string;
  message: RegExp;
}

const HOSTILE: HostileCase[] = [
  {
    name: 'alg none',
    token: async () => new UnsecuredJWT({ ...github.claims, iss: issuer, aud: 'cavra', iat: NOW_S - 60, exp: NOW_S + 300 }).encode(),
    code: 'ERR_TOKEN_ALG_NOT_ALLOWED',
    message: /algorithm `none` is not allowed/,
  },
  {
    name: 'HS256 signed with the issuer public key (key confusion)',
    token: async () =>
      new SignJWT({ ...github.claims, iss: issuer, aud: 'cavra', iat: NOW_S - 60, exp: NOW_S + 300 })
        .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
        .sign(new TextEncoder().encode(await exportSPKI(rsa.publicKey))),
    code: 'ERR_TOKEN_ALG_NOT_ALLOWED',
    message: /algorithm `HS256` is not allowed/,
  },
  { name: 'expired', token: () => githubToken({ iat: NOW_S - 900, nbf: NOW_S - 900, exp: NOW_S - 120 }), code: 'ERR_TOKEN_EXPIRED', claim: 'exp', message: /expired/ },
  { name: 'not yet valid (nbf)', token: () => githubToken({ nbf: NOW_S + 120 }), code: 'ERR_TOKEN_NOT_YET_VALID', claim: 'nbf', message: /`nbf` is in the future/ },
  { name: 'issued in the future (iat)', token: () => githubToken({ iat: NOW_S + 120, nbf: null }), code: 'ERR_TOKEN_NOT_YET_VALID', claim: 'iat', message: /`iat` is in the future/ },
  { name: 'no exp', token: () => githubToken({ exp: null }), code: 'ERR_TOKEN_CLAIM_INVALID', claim: 'exp', message: /no `exp` claim/ },
  { name: 'wrong issuer', token: () => githubToken({ iss: 'https://token.actions.githubusercontent.com' }), code: 'ERR_TOKEN_CLAIM_INVALID', claim: 'iss', message: /issuer is not/ },
  { name: 'wrong audience', token: () => githubToken({ aud: 'https://github.com/octo-org' }), code: 'ERR_TOKEN_CLAIM_INVALID', claim: 'aud', message: /audience does not include `cavra`/ },
  { name: 'unknown kid', token: async () => githubToken({ key: await makeKey('nobody', 'RS256') }), code: 'ERR_TOKEN_KEY_UNKNOWN', message: /matches token key id `nobody`/ },
  { name: 'no kid', token: () => githubToken({ header: { kid: undefined } }), code: 'ERR_TOKEN_KEY_UNKNOWN', message: /no `kid`/ },
  { name: 'a different key under the same kid', token: () => githubToken({ key: impostor }), code: 'ERR_TOKEN_SIGNATURE_INVALID', message: /signature does not verify/ },
  {
    name: 'tampered payload',
    token: async () => {
      const [header, payload, signature] = (await githubToken()).split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...claims, repository_id: '1' })).toString('base64url');
      return `${header}.${forged}.${signature}`;
    },
    code: 'ERR_TOKEN_SIGNATURE_INVALID',
    message: /signature does not verify/,
  },
  {
    name: 'missing a required provider claim',
    token: () => githubToken({ claims: { repository_id: undefined } }),
    code: 'ERR_TOKEN_CLAIM_INVALID',
    claim: 'repository_id',
    message: /no `repository_id` claim/,
  },
  {
    name: 'claims of no known provider',
    token: () => mint({ sub: 'someone' }, { issuer, audience: 'cavra', key: rsa }),
    code: 'ERR_TOKEN_CLAIM_INVALID',
    claim: 'provider',
    message: /no supported ci provider/,
  },
  { name: 'oversized token', token: () => githubToken({ claims: { padding: 'x'.repeat(20_000) } }), code: 'ERR_TOKEN_INVALID', message: /more than the limit of 16384/ },
  { name: 'not a compact jws', token: async () => `"${await githubToken()}"`, code: 'ERR_TOKEN_INVALID', message: /not a compact jws/ },
  {
    name: 'jwks endpoint down',
    token: () => githubToken(),
    opts: async () => options({ keys: remoteTokenKeys({ jwksUrl: `http://127.0.0.1:${await closedPort()}/jwks`, fetch, timeoutMs: 1000 }) }),
    code: 'ERR_TOKEN_JWKS_UNAVAILABLE',
    message: /could not be fetched/,
  },
  {
    name: 'discovery endpoint down',
    token: () => githubToken(),
    opts: async () => {
      const down = `http://127.0.0.1:${await closedPort()}/issuer`;
      return options({ issuer: down, keys: remoteTokenKeys({ issuer: down, fetch, timeoutMs: 1000 }) });
    },
    code: 'ERR_TOKEN_JWKS_UNAVAILABLE',
    message: /discovery document .* could not be fetched/,
  },
];

describe('verifyRunnerToken rejects each hostile token with its own reason', () => {
  test.for(HOSTILE)('$name', async (item) => {
    const token = await item.token();
    const before = server.jwksFetches;
    const error = await rejection(token, item.opts ? await item.opts() : options());
    expect(error.code).toBe(item.code);
    expect(error.message).toMatch(item.message);
    if (item.claim !== undefined) expect(error.details?.claim).toBe(item.claim);
    if (item.code === 'ERR_TOKEN_ALG_NOT_ALLOWED' || item.code === 'ERR_TOKEN_INVALID') expect(server.jwksFetches).toBe(before);
  });
});

describe('a broken key source fails closed', () => {
  test.for([
    ['garbage', /could not be fetched/],
    ['not-jwks', /is not a valid json web key set/],
    ['error', /could not be fetched/],
    ['huge', /larger than 1048576 bytes/],
    ['slow', /timed out/],
  ] as const)('jwks endpoint answering %s', async ([mode, message]) => {
    server.mode = mode;
    try {
      const error = await rejection(await githubToken(), options({ keys: remoteTokenKeys({ jwksUrl: server.jwksUrl, fetch, timeoutMs: 300 }) }));
      expect(error.code).toBe('ERR_TOKEN_JWKS_UNAVAILABLE');
      expect(error.message).toMatch(message);
    } finally {
      server.mode = 'ok';
    }
  });

  test('a discovery document naming another issuer', async () => {
    server.discoveryIssuerOverride = 'https://elsewhere.example';
    try {
      const error = await rejection(await githubToken(), options());
      expect(error.code).toBe('ERR_TOKEN_JWKS_UNAVAILABLE');
      expect(error.message).toMatch(/names a different issuer/);
    } finally {
      server.discoveryIssuerOverride = undefined;
    }
  });

  test('a pinned jwks that is not one is a user error', () => {
    expect(() => localTokenKeys({ keys: 'nope' }, 'jwks.json')).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }));
  });

  test('plain http key urls are refused off loopback', () => {
    expect(() => remoteTokenKeys({ jwksUrl: 'http://keys.example/jwks', fetch })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });
});

describe('configuration cannot widen the allow-list', () => {
  test.for(['none', 'HS256', 'HS512'])('%s is refused', (alg) => {
    expect(() => assertTokenAlgorithms([alg])).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });

  test('verification refuses an audience-less configuration', async () => {
    const error = await rejection(await githubToken(), options({ audience: [] }));
    expect(error.code).toBe('ERR_CONFIG_INVALID');
  });

  test('a narrower allow-list refuses ES256', async () => {
    const error = await rejection(await githubToken({ key: ec }), options({ algorithms: ['RS256'] }));
    expect(error.code).toBe('ERR_TOKEN_ALG_NOT_ALLOWED');
  });
});

describe('maximum token age', () => {
  test('an old token is refused when a maximum age is set', async () => {
    const error = await rejection(await githubToken({ iat: NOW_S - 3600, nbf: NOW_S - 3600 }), options({ maxTokenAgeSeconds: 600 }));
    expect(error.code).toBe('ERR_TOKEN_EXPIRED');
    expect(error.details?.claim).toBe('iat');
  });
});

export type { RunnerIdentity };

describe('time claims no Date can hold (issue 18 Low)', () => {
  test('a signed token with `exp` 1e308 is refused with a claim error, not a RangeError', async () => {
    const error = await rejection(await githubToken({ exp: 1e308 }), options());
    expect(error.code).toBe('ERR_TOKEN_CLAIM_INVALID');
    expect(error.message).toMatch(/`exp`/);
  });

  test('benign: an expiry far but printable (year 9000) is accepted', async () => {
    const exp = Math.floor(Date.parse('9000-01-01T00:00:00Z') / 1000);
    await expect(verifyRunnerToken(await githubToken({ exp }), options())).resolves.toMatchObject({ expires_at: '9000-01-01T00:00:00.000Z' });
  });
});
