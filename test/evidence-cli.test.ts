import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { daemonRecordHash, daemonRecordSignature, DAEMON_EVIDENCE_SCHEMA } from '../packages/core/src/index.ts';
import { tempDir } from '../packages/core/test/evidence/support.ts';
import { REPO_ROOT } from './support/paths.ts';

const MAIN = join(REPO_ROOT, 'packages/cli/src/main.ts');

function cavra(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

let work: string;
let dir: string;
let keyPem: string;
let pubPem: string;

beforeAll(() => {
  work = tempDir('cavra-cli-evidence-');
  dir = join(work, 'ev');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  keyPem = join(work, 'signing.pem');
  pubPem = join(work, 'signing.pub.pem');
  writeFileSync(keyPem, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pubPem, publicKey.export({ type: 'spki', format: 'pem' }));
  const batch = join(work, 'batch.jsonl');
  writeFileSync(batch, ['{"action_type":"read_file","target":"README.md","session_id":"s1"}', '{"action_type":"write_file","target":".env","session_id":"s1","token":"eyJhbGciOi.eyJzdWIiOi.sig"}', '{"action_type":"git_operation","target":"main","operation":"push","session_id":"s1"}'].join('\n'));
  expect(cavra(['evaluate', '--batch', batch, '--evidence', dir]).code).toBe(0);
  expect(cavra(['evaluate', '--batch', batch, '--evidence', dir]).code).toBe(0);
  const seal = cavra(['evidence', 'seal', dir, '--key', keyPem]);
  expect(seal.stderr).toBe('');
  expect(seal.code).toBe(0);
});

describe('cavra evaluate --evidence, evidence seal, verify', { timeout: 120_000 }, () => {
  it('appends every decision, seals, and verifies with the public key (exit 0, both report files)', () => {
    const lines = readFileSync(join(dir, 'evidence.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).not.toContain('eyJzdWIiOi');
    const report = join(work, 'out', 'report.json');
    spawnSync('mkdir', ['-p', join(work, 'out')]);
    const run = cavra(['verify', dir, '--trusted-key', pubPem, '--report', report]);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed).toMatchObject({ path: dir, valid: true, records: 6, signed_records: 6, errors: [] });
    expect(printed.checkpoint).toMatchObject({ size: 6 });
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual(printed);
    expect(cavra(['verify', join(dir, 'bundle.sigstore.json'), '--trusted-key', pubPem]).code).toBe(0);
    const upstream = JSON.parse(readFileSync(join(work, 'out', 'release-governance-evidence-verification.json'), 'utf8'));
    for (const field of ['path', 'valid', 'records', 'signed_records', 'errors']) expect(upstream).toHaveProperty(field);
  });

  it('keeps the private key out of every file it writes', () => {
    const secret = readFileSync(keyPem, 'utf8').split('\n').slice(1, -2).join('');
    for (const name of readdirSync(dir, { recursive: true }) as string[]) {
      const file = join(dir, name);
      if (statSync(file).isFile()) expect(readFileSync(file, 'utf8')).not.toContain(secret.slice(0, 40));
    }
  });

  it('exits 1 without a trusted key, and 1 on a tampered log, naming the record', () => {
    expect(cavra(['verify', dir]).code).toBe(1);
    const copy = join(work, 'tampered');
    spawnSync('cp', ['-r', dir, copy]);
    const file = join(copy, 'evidence.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('README.md', 'README.mD'));
    const run = cavra(['verify', copy, '--trusted-key', pubPem]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors[0]).toMatch(/^record 1: .*ERR_EVIDENCE_HASH_MISMATCH/);
  });

  it('proves one record with a proof that verifies on its own, and rejects an edited proof', () => {
    const proof = cavra(['evidence', 'prove', dir, '--record', '4']);
    expect(proof.code).toBe(0);
    const file = join(work, 'proof.json');
    writeFileSync(file, proof.stdout);
    expect(cavra(['verify', '--proof', file, '--trusted-key', pubPem]).code).toBe(0);
    const doc = JSON.parse(proof.stdout);
    expect(doc.line).toContain('README.md');
    doc.line = doc.line.replace('README.md', 'README.mD');
    writeFileSync(file, JSON.stringify(doc));
    const bad = cavra(['verify', '--proof', file, '--trusted-key', pubPem]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('ERR_EVIDENCE_PROOF_INVALID');
  });

  it('verifies upstream daemon logs with --format cavra-daemon', () => {
    const file = join(work, 'daemon.jsonl');
    const record: Record<string, unknown> = { schema_version: DAEMON_EVIDENCE_SCHEMA, product: 'CAVRA', event_type: 'cavra.go_daemon.decision', record_id: 'x', sequence: 1, timestamp: '2026-05-18T12:00:00Z', request: { session_id: 's' }, response: { decision: 'allow' } };
    record.record_hash = daemonRecordHash(record);
    record.signature = { algorithm: 'HMAC-SHA256', value: daemonRecordSignature('k1', '', record.record_hash as string) };
    writeFileSync(file, `${JSON.stringify(record)}\n`);
    const ok = cavra(['verify', file, '--format', 'cavra-daemon'], { CAVRA_DAEMON_EVIDENCE_HMAC_KEY: 'k1' });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, records: 1, signed_records: 1 });
    expect(cavra(['verify', file, '--format', 'cavra-daemon'], { CAVRA_DAEMON_EVIDENCE_HMAC_KEY: 'k2' }).code).toBe(1);
  });

  it('exits 2 on bad usage or input', () => {
    expect(cavra(['verify', join(work, 'missing')]).code).toBe(2);
    expect(cavra(['verify', dir, '--format', 'nope']).code).toBe(2);
    expect(cavra(['evidence', 'seal', dir]).code).toBe(2);
    const badKey = cavra(['evidence', 'seal', dir, '--key', pubPem]);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/ERR_KEY_INVALID/);
  });
});
