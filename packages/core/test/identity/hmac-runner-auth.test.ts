import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  MemoryNonceStore,
  runnerAuthSigningStringV1,
  signRunnerAuthV1,
  signRunnerAuthV2,
  verifyRunnerAuthV1,
  verifyRunnerAuthV2,
  type RunnerAuthClaims,
  type RunnerAuthV2,
} from '@cavra/core';

// Upstream test vector, cavra-reference.md §6.2.
const UPSTREAM_IDENTITY: RunnerAuthClaims = {
  provider: 'github-actions',
  repository: 'Huzefaaa2/cavra',
  workflow: 'CAVRA Release Governance',
  run_id: '123',
  run_attempt: '',
  ref: 'refs/heads/main',
  sha: 'abc123',
  actor: 'release-bot',
  job: 'cavra-release-governance',
  runner_name: 'ubuntu-latest',
};
const UPSTREAM_MAC = '972e3cf190f1f96d3fbe6711520b869192e9032dd22f6571a7006f2967b770bd';

describe('HMAC runner auth v1 (upstream compatible)', () => {
  test('reproduces the upstream test vector', () => {
    expect(runnerAuthSigningStringV1(UPSTREAM_IDENTITY).split('\n')).toHaveLength(11);
    expect(signRunnerAuthV1(UPSTREAM_IDENTITY, 'runner-secret')).toBe(UPSTREAM_MAC);
    expect(() => verifyRunnerAuthV1(UPSTREAM_IDENTITY, UPSTREAM_MAC.toUpperCase(), 'runner-secret')).not.toThrow();
  });

  test.for([
    ['a changed identity', { ...UPSTREAM_IDENTITY, ref: 'refs/heads/evil' }, UPSTREAM_MAC, 'runner-secret'],
    ['another key', UPSTREAM_IDENTITY, UPSTREAM_MAC, 'other-secret'],
    ['a truncated mac', UPSTREAM_IDENTITY, UPSTREAM_MAC.slice(0, 60), 'runner-secret'],
  ] as const)('refuses %s', ([, identity, mac, key]) => {
    expect(() => verifyRunnerAuthV1(identity, mac, key)).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_SIGNATURE_INVALID' }));
  });

  test('refuses an empty key, a missing repository and a value that forges a line', () => {
    expect(() => signRunnerAuthV1(UPSTREAM_IDENTITY, '')).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }));
    expect(() => signRunnerAuthV1({ ...UPSTREAM_IDENTITY, repository: '' }, 'k')).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_CLAIM_INVALID' }));
    expect(() => signRunnerAuthV1({ ...UPSTREAM_IDENTITY, workflow: 'x\nref=refs/heads/main' }, 'k')).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_CLAIM_INVALID' }));
  });
});

describe('HMAC runner auth v2 (request digest, timestamp, nonce)', () => {
  const KEY = randomBytes(32);
  const REQUEST = JSON.stringify({ action_type: 'execute_command', target: 'terraform apply' });
  const T0 = new Date('2026-03-01T12:00:00Z');
  const at = (seconds: number) => () => new Date(T0.getTime() + seconds * 1000);
  const sign = (): RunnerAuthV2 => signRunnerAuthV2(UPSTREAM_IDENTITY, { key: KEY, keyId: 'runner-1', request: REQUEST, now: () => T0, randomHex: (n) => randomBytes(n).toString('hex') });
  const verify = (auth: RunnerAuthV2, overrides: { request?: string; now?: () => Date; nonces?: MemoryNonceStore; key?: Uint8Array; keyId?: string } = {}) =>
    verifyRunnerAuthV2(auth, { key: overrides.key ?? KEY, keyId: overrides.keyId ?? 'runner-1', request: overrides.request ?? REQUEST, now: overrides.now ?? at(5), nonces: overrides.nonces ?? new MemoryNonceStore() });

  test('a fresh signature over the same request verifies and returns the identity', () => {
    expect(verify(sign())).toEqual(UPSTREAM_IDENTITY);
  });

  test('the same signature replayed is refused', () => {
    const nonces = new MemoryNonceStore();
    const auth = sign();
    verify(auth, { nonces });
    expect(() => verify(auth, { nonces })).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_REPLAYED' }));
  });

  test('a forged signature does not spend the nonce', () => {
    const nonces = new MemoryNonceStore();
    const auth = sign();
    expect(() => verify({ ...auth, signature: '0'.repeat(64) }, { nonces })).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_SIGNATURE_INVALID' }));
    expect(verify(auth, { nonces })).toEqual(UPSTREAM_IDENTITY);
  });

  test.for([
    ['another request', (a: RunnerAuthV2) => a, { request: REQUEST.replace('apply', 'destroy') }, 'ERR_TOKEN_SIGNATURE_INVALID'],
    ['a changed identity', (a: RunnerAuthV2) => ({ ...a, identity: { ...a.identity, ref: 'refs/heads/x' } }), {}, 'ERR_TOKEN_SIGNATURE_INVALID'],
    ['a changed timestamp', (a: RunnerAuthV2) => ({ ...a, timestamp: a.timestamp + 1 }), {}, 'ERR_TOKEN_SIGNATURE_INVALID'],
    ['a changed nonce', (a: RunnerAuthV2) => ({ ...a, nonce: 'f'.repeat(32) }), {}, 'ERR_TOKEN_SIGNATURE_INVALID'],
    ['a stale signature', (a: RunnerAuthV2) => a, { now: at(301) }, 'ERR_TOKEN_EXPIRED'],
    ['a signature from the future', (a: RunnerAuthV2) => a, { now: at(-301) }, 'ERR_TOKEN_NOT_YET_VALID'],
    ['another key id', (a: RunnerAuthV2) => a, { keyId: 'runner-2' }, 'ERR_TOKEN_KEY_UNKNOWN'],
    ['a v1 algorithm', (a: RunnerAuthV2) => ({ ...a, algorithm: 'HMAC-SHA256' }) as unknown as RunnerAuthV2, {}, 'ERR_TOKEN_INVALID'],
    ['a short nonce', (a: RunnerAuthV2) => ({ ...a, nonce: 'abc' }), {}, 'ERR_TOKEN_INVALID'],
  ] as const)('refuses %s', ([, change, overrides, code]) => {
    expect(() => verify(change(sign()), overrides)).toThrow(expect.objectContaining({ code }));
  });

  test('a forgotten nonce expires after the skew window', () => {
    const nonces = new MemoryNonceStore();
    expect(nonces.claim('k:n', 1000, 0)).toBe(true);
    expect(nonces.claim('k:n', 1000, 999)).toBe(false);
    expect(nonces.claim('k:n', 3000, 1000)).toBe(true);
  });
});
