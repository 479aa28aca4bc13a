import { generateKeyPairSync } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SigstoreSigner, appendEvidence, sealEvidence, verifyEvidence, type VerifyEvidenceOptions } from '../packages/core/src/index.ts';
import { FIXED_NOW, input, tempDir } from '../packages/core/test/evidence/support.ts';
import { mockSigstore, serveMockSigstore } from './support/sigstore-mock.ts';

// Fulcio, Rekor and a TSA from @sigstore/mock behind one loopback server: real certificates,
// real log entries and real timestamps, verifiable against the trusted root built below.
const ISSUER = 'https://token.actions.githubusercontent.com';
const IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const OTHER_IDENTITY = 'https://github.com/evil/fork/.github/workflows/release.yml@refs/heads/main';

let server: Server;
let base: string;
let trustedRoot: Record<string, unknown>;
let otherRoot: Record<string, unknown>;
const tokenKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });

async function token(sub: string, iss = ISSUER): Promise<string> {
  return new SignJWT({ sub, aud: 'sigstore' }).setProtectedHeader({ alg: 'ES256' }).setIssuer(iss).setIssuedAt().setExpirationTime('10m').sign(tokenKey.privateKey);
}

// The mock TSA writes GeneralizedTime with trailing zeros of the milliseconds dropped (`.12Z`),
// which @sigstore/core's parser rejects ("invalid time") whenever the clock's milliseconds end
// in 0 — one run in ten. The clock is pinned at a time whose milliseconds have three digits.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(Math.floor(Date.now() / 1000) * 1000 + 123));
});
afterAll(() => vi.useRealTimers());

beforeAll(async () => {
  const mock = await serveMockSigstore();
  server = mock.server;
  base = mock.base;
  trustedRoot = mock.root;
  otherRoot = (await mockSigstore(base)).root;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function sealedDir(sub = IDENTITY, run: Record<string, unknown> = { run_id: '101', repository: 'acme/app' }): Promise<string> {
  const dir = tempDir('cavra-keyless-');
  await appendEvidence(dir, [input(1), input(2), input(3)], { now: FIXED_NOW });
  // The mock Rekor stores proposed entries verbatim, which matches the stored form only for the
  // `intoto` kind (real Rekor rewrites `dsse` entries), so the round trip uses `intoto`.
  const signer = new SigstoreSigner({ identityToken: await token(sub), fulcioURL: base, rekorURL: base, tsaURL: base, rekorEntryType: 'intoto' });
  await sealEvidence(dir, { signer, now: () => new Date(), run });
  return dir;
}

const policy = (extra: Partial<VerifyEvidenceOptions> = {}): VerifyEvidenceOptions => ({ trustedRoot, certificateIdentity: IDENTITY, certificateIssuer: ISSUER, ...extra });

describe('keyless signing with Fulcio, Rekor and a TSA (mock, loopback), verified offline', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await sealedDir();
  });

  it('writes a v0.3 bundle with a certificate, a Rekor entry and a timestamp', () => {
    const bundle = JSON.parse(readFileSync(join(dir, 'bundle.sigstore.json'), 'utf8'));
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(bundle.verificationMaterial.certificate.rawBytes).toBeTruthy();
    expect(bundle.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    expect(JSON.stringify(bundle)).not.toContain('.eyJ');
  });

  it('verifies offline with the pinned trusted root and identity policy (the verifier is given no URL)', async () => {
    const offline = tempDir('cavra-keyless-offline-');
    cpSync(dir, offline, { recursive: true });
    const report = await verifyEvidence(offline, policy());
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ valid: true, records: 3, signed_records: 3, signer: { kind: 'certificate', subject: IDENTITY, issuer: ISSUER } });
  });

  it.for([
    ['wrong identity', { certificateIdentity: OTHER_IDENTITY }, 'ERR_SIGNING_IDENTITY_MISMATCH', /certificate identity/],
    ['wrong issuer', { certificateIssuer: 'https://gitlab.com' }, 'ERR_SIGNING_IDENTITY_MISMATCH', /issuer/],
    ['no identity policy', { certificateIdentity: undefined }, 'ERR_SIGNING_IDENTITY_MISMATCH', /expected identity/],
    ['no trusted root', { trustedRoot: undefined }, 'ERR_KEY_UNTRUSTED', /trust root/],
    ['another Sigstore instance', { trustedRoot: 'other' }, 'ERR_EVIDENCE_SIGNATURE_INVALID', /./],
    ['bundle from another run', { expectedRun: { run_id: '202' } }, 'ERR_SIGNING_WRONG_RUN', /another run/],
  ] as const)('rejects %s', async ([, extra, code, message]) => {
    const options = policy({ ...(extra as Partial<VerifyEvidenceOptions>) });
    if ((extra as { trustedRoot?: unknown }).trustedRoot === 'other') options.trustedRoot = otherRoot;
    const report = await verifyEvidence(dir, options);
    expect(report.valid).toBe(false);
    const problem = report.problems.find((p) => p.code === code);
    expect(problem?.message).toMatch(message);
    expect(problem?.record).toBe('1-3');
  });

  it('rejects a changed payload', async () => {
    const copy = tempDir('cavra-keyless-payload-');
    cpSync(dir, copy, { recursive: true });
    const file = join(copy, 'bundle.sigstore.json');
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    statement.predicate.decision_counts = { allow: 3 };
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    writeFileSync(file, JSON.stringify(bundle));
    const report = await verifyEvidence(copy, policy());
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain('ERR_EVIDENCE_SIGNATURE_INVALID');
  });

  it('rejects a swapped certificate (another identity\'s certificate in this bundle)', async () => {
    const other = await sealedDir(OTHER_IDENTITY);
    const copy = tempDir('cavra-keyless-swap-');
    cpSync(dir, copy, { recursive: true });
    const file = join(copy, 'bundle.sigstore.json');
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    bundle.verificationMaterial.certificate = JSON.parse(readFileSync(join(other, 'bundle.sigstore.json'), 'utf8')).verificationMaterial.certificate;
    writeFileSync(file, JSON.stringify(bundle));
    for (const identity of [IDENTITY, OTHER_IDENTITY]) {
      const report = await verifyEvidence(copy, policy({ certificateIdentity: identity }));
      expect(report.valid).toBe(false);
      expect(report.problems.map((p) => p.code)).toContain('ERR_EVIDENCE_SIGNATURE_INVALID');
    }
  });

  it('rejects a bundle copied from another run\'s evidence', async () => {
    const other = await sealedDir(IDENTITY, { run_id: '202' });
    const copy = tempDir('cavra-keyless-other-run-');
    cpSync(dir, copy, { recursive: true });
    cpSync(join(other, 'bundle.sigstore.json'), join(copy, 'bundle.sigstore.json'));
    writeFileSync(join(copy, 'evidence.jsonl'), readFileSync(join(copy, 'evidence.jsonl'), 'utf8').replace('npm test --shard=1', 'npm test --shard=9'));
    const report = await verifyEvidence(copy, policy());
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => `${p.code} ${p.message}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^ERR_EVIDENCE_ROOT_MISMATCH/), expect.stringMatching(/^ERR_EVIDENCE_DIGEST_MISMATCH/)]));
  });

  it('never puts the token in an error', async () => {
    const secret = await token(IDENTITY);
    const signer = new SigstoreSigner({ identityToken: `${secret}x.not-a-jwt`, fulcioURL: `${base}/nowhere`, rekorURL: base });
    const error = await signer.signStatement(Buffer.from('{}')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: expect.stringMatching(/^ERR_SIGNING_/) });
    expect(JSON.stringify({ m: (error as Error).message, d: (error as { details?: unknown }).details })).not.toContain(secret.slice(0, 20));
  });
});
