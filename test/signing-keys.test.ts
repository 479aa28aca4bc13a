import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleFromJSON } from '@sigstore/bundle';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyBundleSigner, appendEvidence, sealEvidence, trustEntryOf, trustedKeysOf, verifyEvidence, TRUST_ROOT_SCHEMA, type TrustRootFile } from '../packages/core/src/index.ts';
import { FIXED_NOW, ed25519, input, p256, tempDir } from '../packages/core/test/evidence/support.ts';
import { REPO_ROOT } from './support/paths.ts';

const MAIN = join(REPO_ROOT, 'packages/cli/src/main.ts');
function cavra(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function sealed(privateKey: ReturnType<typeof ed25519>['privateKey'], sealedAt: string): Promise<string> {
  const dir = tempDir('cavra-keys-');
  await appendEvidence(dir, [input(1), input(2)], { now: FIXED_NOW });
  await sealEvidence(dir, { signer: new KeyBundleSigner(privateKey), now: () => new Date(sealedAt) });
  return dir;
}

describe('key-signed bundles and trust roots', () => {
  const keys = ed25519();
  const root = (entry: Partial<TrustRootFile['keys'][number]>): TrustRootFile => ({ schema: TRUST_ROOT_SCHEMA, keys: [{ ...trustEntryOf(keys.publicKey, new Date('2026-01-01T00:00:00Z')), ...entry }] });
  let dir: string;
  beforeAll(async () => {
    dir = await sealed(keys.privateKey, '2026-05-18T12:00:00Z');
  });

  it.for([['Ed25519', ed25519], ['ECDSA P-256', p256]] as const)('%s: sign and verify offline', async ([, make]) => {
    const k = make();
    const d = await sealed(k.privateKey, '2026-05-18T12:00:00Z');
    const report = await verifyEvidence(d, { trustedKeys: trustedKeysOf({ schema: TRUST_ROOT_SCHEMA, keys: [trustEntryOf(k.publicKey, new Date('2026-01-01T00:00:00Z'))] }, 'test') });
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it.for([
    ['active key inside its window', {}, null],
    ['retired key, bundle signed while it was active', { status: 'retired', valid_until: '2026-06-01T00:00:00Z' }, null],
    ['retired key, bundle signed after retirement', { status: 'retired', valid_until: '2026-05-01T00:00:00Z' }, 'ERR_KEY_OUTSIDE_WINDOW'],
    ['signing time before the key became valid', { valid_from: '2026-06-01T00:00:00Z' }, 'ERR_KEY_OUTSIDE_WINDOW'],
    ['revoked key', { status: 'revoked' }, 'ERR_KEY_REVOKED'],
  ] as const)('%s', async ([, entry, code]) => {
    const report = await verifyEvidence(dir, { trustedKeys: trustedKeysOf(root(entry as never), 'test') });
    if (code === null) {
      expect(report.errors).toEqual([]);
    } else {
      expect(report.valid).toBe(false);
      expect(report.problems).toContainEqual(expect.objectContaining({ code, record: '1-2' }));
    }
  });

  it('rejects a changed payload and lists artefacts as subjects', async () => {
    const d = tempDir('cavra-keys-payload-');
    await appendEvidence(d, [input(1)], { now: FIXED_NOW });
    writeFileSync(join(d, '..', 'sbom.cdx.json'), '{"bomFormat":"CycloneDX"}');
    await sealEvidence(d, { signer: new KeyBundleSigner(keys.privateKey), now: () => new Date('2026-05-18T12:00:00Z'), artefacts: [join(d, '..', 'sbom.cdx.json')] });
    const file = join(d, 'bundle.sigstore.json');
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual(['evidence.jsonl', 'sbom.cdx.json']);
    statement.predicate.decision_counts = { allow: 99 };
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    writeFileSync(file, JSON.stringify(bundle));
    const report = await verifyEvidence(d, { trustedKeys: trustedKeysOf(root({}), 'test') });
    expect(report.valid).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'ERR_EVIDENCE_SIGNATURE_INVALID', record: 1 }));
  });

  it('rejects a trust root whose key id does not match its key, or a duplicate key', () => {
    expect(() => trustedKeysOf(root({ key_id: 'ab'.repeat(32) }), 'roots.json')).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
    const r = root({});
    expect(() => trustedKeysOf({ ...r, keys: [r.keys[0]!, r.keys[0]!] }, 'roots.json')).toThrow(/duplicate/);
  });
});

describe('a bundle from `cavra evidence seal --key`', () => {
  it('verifies with sigstore-js\'s own Verifier given only the public key (no code of ours)', () => {
    const work = tempDir('cavra-interop-');
    const dir = join(work, 'ev');
    const keyOut = join(work, 'signer');
    expect(cavra(['keys', 'generate', '--out', keyOut]).code).toBe(0);
    writeFileSync(join(work, 'batch.jsonl'), '{"action_type":"read_file","target":"a.txt"}\n{"action_type":"read_file","target":"b.txt"}\n');
    expect(cavra(['evaluate', '--batch', join(work, 'batch.jsonl'), '--evidence', dir]).code).toBe(0);
    expect(cavra(['evidence', 'seal', dir, '--key', `${keyOut}.pem`]).code).toBe(0);

    // From here on: node:crypto and sigstore-js only.
    const publicKey = createPublicKey(readFileSync(`${keyOut}.pub.pem`));
    const json = JSON.parse(readFileSync(join(dir, 'bundle.sigstore.json'), 'utf8'));
    const empty = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };
    const trust = toTrustMaterial(empty as never, () => ({ publicKey, validFor: () => true }));
    const signer = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }).verify(toSignedEntity(bundleFromJSON(json)));
    expect(signer.key.equals(publicKey)).toBe(true);
    const statement = JSON.parse(Buffer.from(json.dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(json.dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(statement.subject).toContainEqual({ name: 'evidence.jsonl', digest: { sha256: createHash('sha256').update(readFileSync(join(dir, 'evidence.jsonl'))).digest('hex') } });
    expect(statement.predicate).toMatchObject({ tree_size: 2, root_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // And a different key is refused by the same verifier.
    const other = ed25519().publicKey;
    const wrong = toTrustMaterial(empty as never, () => ({ publicKey: other, validFor: () => true }));
    expect(() => new Verifier(wrong, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }).verify(toSignedEntity(bundleFromJSON(json)))).toThrow(/signature/i);
  }, 120_000);
});

describe('cavra keys generate|list|rotate|revoke', () => {
  it('rotates and revokes: retired keys keep verifying their bundles, revoked keys never do', () => {
    const work = tempDir('cavra-keys-cli-');
    const roots = join(work, 'trust-roots.json');
    const gen = cavra(['keys', 'generate', '--out', join(work, 'k1'), '--trust-root', roots, '--owner', 'platform-security']);
    expect(gen.code).toBe(0);
    const secret = readFileSync(join(work, 'k1.pem'), 'utf8');
    expect(gen.stdout).not.toContain(secret.split('\n')[1]!);
    expect(statSync(join(work, 'k1.pem')).mode & 0o777).toBe(0o600);
    const k1 = JSON.parse(gen.stdout).key_id as string;

    const dir1 = join(work, 'ev1');
    writeFileSync(join(work, 'b.jsonl'), '{"action_type":"read_file","target":"a.txt"}\n');
    cavra(['evaluate', '--batch', join(work, 'b.jsonl'), '--evidence', dir1]);
    expect(cavra(['evidence', 'seal', dir1, '--key', join(work, 'k1.pem')]).code).toBe(0);
    expect(cavra(['verify', dir1, '--trust-root', roots]).code).toBe(0);

    const rot = cavra(['keys', 'rotate', '--out', join(work, 'k2'), '--trust-root', roots, '--algorithm', 'ecdsa-p256']);
    expect(rot.code).toBe(0);
    const listed = JSON.parse(cavra(['keys', 'list', '--trust-root', roots]).stdout) as { key_id: string; status: string }[];
    expect(listed.map((k) => k.status)).toEqual(['retired', 'active']);
    expect(JSON.stringify(listed)).not.toContain('PRIVATE');
    expect(cavra(['verify', dir1, '--trust-root', roots]).code).toBe(0);

    const dir2 = join(work, 'ev2');
    cavra(['evaluate', '--batch', join(work, 'b.jsonl'), '--evidence', dir2]);
    expect(cavra(['evidence', 'seal', dir2, '--key', join(work, 'k2.pem')]).code).toBe(0);
    expect(cavra(['verify', dir2, '--trust-root', roots]).code).toBe(0);

    expect(cavra(['keys', 'revoke', k1.slice(0, 12), '--trust-root', roots, '--reason', 'key leaked']).code).toBe(0);
    const revoked = cavra(['verify', dir1, '--trust-root', roots]);
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.stdout).errors.join('\n')).toMatch(/revoked.*ERR_KEY_REVOKED/);
    expect(cavra(['verify', dir2, '--trust-root', roots]).code).toBe(0);
  }, 240_000);
});
