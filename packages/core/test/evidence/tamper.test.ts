import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KeyBundleSigner,
  appendEvidence,
  buildEvidenceLine,
  noteSignerFromKey,
  pinnedKey,
  sealEvidence,
  verifyEvidence,
  type CavraErrorCode,
  type EvidenceReport,
} from '../../src/index.ts';
import { FIXED_NOW, ed25519, input, tempDir } from './support.ts';

const signerKeys = ed25519();
const otherKeys = ed25519();
const trust = { trustedKeys: [pinnedKey(signerKeys.publicKey)] };
let sealed: string;

beforeAll(async () => {
  sealed = tempDir();
  for (let batch = 0; batch < 3; batch += 1) {
    await appendEvidence(sealed, Array.from({ length: 4 }, (_, i) => input(batch * 4 + i + 1)), { now: FIXED_NOW });
  }
  await sealEvidence(sealed, { signer: new KeyBundleSigner(signerKeys.privateKey), noteSigner: noteSignerFromKey('cavra-evidence', signerKeys.privateKey), now: FIXED_NOW });
});

function copy(): string {
  const dir = tempDir('cavra-tamper-');
  cpSync(sealed, dir, { recursive: true });
  return dir;
}

const logOf = (dir: string): string => join(dir, 'evidence.jsonl');
const readLines = (dir: string): string[] => readFileSync(logOf(dir), 'utf8').split('\n').slice(0, -1);
const writeLines = (dir: string, lines: string[]): void => writeFileSync(logOf(dir), lines.map((l) => `${l}\n`).join(''));

// Re-hashes every record from `from` on, as an attacker with write access would.
function rehash(lines: string[]): string[] {
  let prev = '0'.repeat(64);
  return lines.map((line, i) => {
    const { record } = JSON.parse(line) as { record: { decision: never; request: unknown; pack_digest: string } };
    const rebuilt = buildEvidenceLine({ decision: record.decision, request: record.request, packDigest: record.pack_digest }, prev, i + 1);
    prev = rebuilt.hash;
    return rebuilt.line;
  });
}

interface Case {
  name: string;
  tamper: (dir: string) => void | Promise<void>;
  code: CavraErrorCode;
  record: number | string;
  trust?: typeof trust;
}

// One row per kind of tampering: the error must carry its stable code and name the record.
const CASES: Case[] = [
  ...['hash', 'prev', 'seq', 'decision', 'request', 'pack_digest', 'schema'].map((field) => ({
    name: `changed byte in \`${field}\``,
    tamper: (dir: string) => {
      const lines = readLines(dir);
      const line = lines[4]!;
      const at = line.indexOf(field === 'hash' ? '"hash":"' : field === 'prev' ? '"prev":"' : field === 'seq' ? '"seq":' : `"${field}":`) + field.length + 5;
      const ch = line[at]!;
      lines[4] = line.slice(0, at) + (ch === '1' ? '2' : ch === 'a' ? 'b' : ch === '"' ? '"' : '1') + line.slice(at + 1);
      if (lines[4] === line) lines[4] = line.slice(0, at) + (ch === 'x' ? 'y' : 'x') + line.slice(at + 1);
      writeLines(dir, lines);
    },
    code: 'ERR_EVIDENCE_HASH_MISMATCH' as CavraErrorCode,
    record: 5,
  })),
  { name: 'removed record', tamper: (dir) => writeLines(dir, readLines(dir).filter((_, i) => i !== 6)), code: 'ERR_EVIDENCE_CHAIN_BROKEN', record: 7 },
  {
    name: 'inserted record',
    tamper: (dir) => {
      const lines = readLines(dir);
      const prev = (JSON.parse(lines[2]!) as { hash: string }).hash;
      lines.splice(3, 0, buildEvidenceLine(input(99), prev, 4).line);
      writeLines(dir, lines);
    },
    code: 'ERR_EVIDENCE_CHAIN_BROKEN',
    record: 5,
  },
  { name: 'duplicated record', tamper: (dir) => { const l = readLines(dir); l.splice(8, 0, l[7]!); writeLines(dir, l); }, code: 'ERR_EVIDENCE_CHAIN_BROKEN', record: 9 },
  { name: 'reordered records', tamper: (dir) => { const l = readLines(dir); [l[2], l[3]] = [l[3]!, l[2]!]; writeLines(dir, l); }, code: 'ERR_EVIDENCE_CHAIN_BROKEN', record: 3 },
  { name: 'truncated tail', tamper: (dir) => writeLines(dir, readLines(dir).slice(0, 9)), code: 'ERR_EVIDENCE_TRUNCATED', record: 10 },
  { name: 'partial last line', tamper: (dir) => writeFileSync(logOf(dir), readFileSync(logOf(dir), 'utf8').slice(0, -40)), code: 'ERR_EVIDENCE_TRUNCATED', record: 12 },
  { name: 're-hashed chain, old bundle kept', tamper: (dir) => { const l = readLines(dir); l[5] = l[5]!.replace('npm test', 'npm tesT'); writeLines(dir, rehash(l)); }, code: 'ERR_EVIDENCE_ROOT_MISMATCH', record: '1-12' },
  {
    name: 're-hashed chain, signatures removed',
    tamper: (dir) => {
      const l = readLines(dir);
      l[5] = l[5]!.replace('npm test', 'npm tesT');
      writeLines(dir, rehash(l));
      rmSync(join(dir, 'bundle.sigstore.json'));
      rmSync(join(dir, 'checkpoint'));
      rmSync(join(dir, 'checkpoints'), { recursive: true });
    },
    code: 'ERR_EVIDENCE_UNSIGNED',
    record: '1-12',
  },
  {
    name: 're-hashed chain, bundle re-signed by another key',
    tamper: async (dir) => {
      const l = readLines(dir);
      l[5] = l[5]!.replace('npm test', 'npm tesT');
      writeLines(dir, rehash(l));
      // Every head the directory kept must go first, or the seal refuses (see history-rewrite.test.ts).
      for (const head of ['checkpoints', 'checkpoint', 'bundle.sigstore.json']) rmSync(join(dir, head), { recursive: true });
      await sealEvidence(dir, { signer: new KeyBundleSigner(otherKeys.privateKey), noteSigner: noteSignerFromKey('cavra-evidence', otherKeys.privateKey), now: FIXED_NOW });
    },
    code: 'ERR_KEY_UNTRUSTED',
    record: '1-12',
  },
  { name: 'signatures stripped', tamper: (dir) => { for (const head of ['checkpoints', 'checkpoint', 'bundle.sigstore.json']) rmSync(join(dir, head), { recursive: true }); }, code: 'ERR_EVIDENCE_UNSIGNED', record: '1-12' },
  {
    name: 'bundle signature bytes changed',
    tamper: (dir) => {
      const file = join(dir, 'bundle.sigstore.json');
      const bundle = JSON.parse(readFileSync(file, 'utf8'));
      const sig = Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64');
      sig[10]! ^= 0xff;
      bundle.dsseEnvelope.signatures[0].sig = sig.toString('base64');
      writeFileSync(file, JSON.stringify(bundle));
      rmSync(join(dir, 'checkpoint'));
    },
    code: 'ERR_EVIDENCE_SIGNATURE_INVALID',
    record: '1-12',
  },
  { name: 'appended record after seal', tamper: async (dir) => { await appendEvidence(dir, [input(13)], { now: FIXED_NOW }); }, code: 'ERR_EVIDENCE_UNSIGNED', record: '13' },
];

describe('tampering', () => {
  it('the untampered log verifies', async () => {
    const report = await verifyEvidence(copy(), trust);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ valid: true, records: 12, signed_records: 12 });
  });

  it.for(CASES)('$name is rejected with its code, naming the record', async (c) => {
    const dir = copy();
    await c.tamper(dir);
    const report: EvidenceReport = await verifyEvidence(dir, c.trust ?? trust);
    expect(report.valid).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: c.code, record: c.record }));
    expect(report.errors.some((e) => e.includes(c.code) && e.includes(String(c.record)))).toBe(true);
  });

  it('a revoked signer key is rejected even though the signature is good', async () => {
    const report = await verifyEvidence(copy(), { trustedKeys: [{ ...pinnedKey(signerKeys.publicKey), status: 'revoked' }] });
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain('ERR_KEY_REVOKED');
  });

  it('the signed root equals an independent RFC 6962 recomputation from the lines', async () => {
    const sha = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
    const mth = (d: Buffer[]): Buffer => {
      if (d.length === 1) return sha(Buffer.from([0]), d[0]!);
      let k = 1;
      while (k * 2 < d.length) k *= 2;
      return sha(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
    };
    const lines = readLines(sealed).map((l) => Buffer.from(l, 'utf8'));
    const bundle = JSON.parse(readFileSync(join(sealed, 'bundle.sigstore.json'), 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(statement.predicate.root_hash).toBe(mth(lines).toString('hex'));
    expect(statement.predicate.tree_size).toBe(lines.length);
    expect(statement.subject[0]).toEqual({ name: 'evidence.jsonl', digest: { sha256: createHash('sha256').update(readFileSync(logOf(sealed))).digest('hex') } });
  });
});
