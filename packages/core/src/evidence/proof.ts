import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CavraError } from '../errors.ts';
import { EVIDENCE_FILES } from './log.ts';
import { hashLeaf, inclusionProof, verifyInclusion } from './merkle.ts';
import type { EvidenceProblem } from './problem.ts';
import { LINE_LAYOUT } from './record.ts';
import { scanLogFile } from './scan.ts';

/** Schema id of an inclusion proof document. */
export const INCLUSION_PROOF_SCHEMA = 'cavra.evidence.inclusion-proof.v1';

/** A proof that one record is in a signed tree; it verifies on its own (`cavra verify --proof`). */
export interface InclusionProofDocument {
  schema: typeof INCLUSION_PROOF_SCHEMA;
  /** 1-based record number. */
  record: number;
  /** The record's line, exactly as in `evidence.jsonl`. */
  line: string;
  leaf_index: number;
  tree_size: number;
  root_hash: string;
  /** RFC 9162 audit path, hex. */
  hashes: string[];
  /** The signed checkpoint note of the tree, when the log has one. */
  checkpoint: string | null;
  /** The Sigstore bundle that signs the tree, when the log is sealed. */
  bundle: unknown;
}

/** Builds the inclusion proof of record `record` (1-based) in the tree of `treeSize` leaves. */
export function buildInclusionProof(dir: string, record: number, treeSize: number, signed: { checkpoint: string | null; bundle: unknown }): InclusionProofDocument {
  const scan = scanLogFile(join(dir, EVIDENCE_FILES.log), { keepLeaves: true, parse: false });
  const leaves = (scan.leafHashes ?? []).map((h) => Buffer.from(h, 'hex'));
  if (!(Number.isSafeInteger(record) && record >= 1 && record <= treeSize && treeSize <= leaves.length)) {
    throw new CavraError('ERR_USAGE', `record ${record} is not in the signed tree of ${treeSize} records`, { hint: `pass \`--record\` between 1 and ${treeSize}` });
  }
  const line = readLine(join(dir, EVIDENCE_FILES.log), record);
  const root = scan.rootsAt.get(treeSize) ?? scanLogFile(join(dir, EVIDENCE_FILES.log), { rootsAt: [treeSize] }).rootsAt.get(treeSize)!;
  return {
    schema: INCLUSION_PROOF_SCHEMA,
    record,
    line,
    leaf_index: record - 1,
    tree_size: treeSize,
    root_hash: root.toString('hex'),
    hashes: inclusionProof(leaves, record - 1, treeSize).map((h) => h.toString('hex')),
    checkpoint: signed.checkpoint,
    bundle: signed.bundle,
  };
}

function readLine(file: string, record: number): string {
  const text = readFileSync(file, 'utf8');
  let start = 0;
  for (let i = 1; i < record; i += 1) start = text.indexOf('\n', start) + 1;
  return text.slice(start, text.indexOf('\n', start));
}

/** Checks the proof's arithmetic: record hash, then the audit path to `root_hash`. Signatures are the caller's. */
export function checkInclusionProof(doc: InclusionProofDocument): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  const where = typeof doc.record === 'number' ? doc.record : null;
  if (doc.schema !== INCLUSION_PROOF_SCHEMA || typeof doc.line !== 'string' || !Array.isArray(doc.hashes)) {
    return [{ code: 'ERR_EVIDENCE_PROOF_INVALID', record: where, message: `not a \`${INCLUSION_PROOF_SCHEMA}\` document` }];
  }
  // attacker-controlled: the document. Every hash is 32 bytes, or the arithmetic below is meaningless.
  const isHash = (value: unknown): boolean => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
  if (!isHash(doc.root_hash) || !doc.hashes.every(isHash) || !Number.isSafeInteger(doc.leaf_index) || !Number.isSafeInteger(doc.tree_size) || !Number.isSafeInteger(doc.record)) {
    return [{ code: 'ERR_EVIDENCE_PROOF_INVALID', record: where, message: 'root and audit path must be 64-digit lowercase hex SHA-256 hashes, and the indexes whole numbers' }];
  }
  const line = Buffer.from(doc.line, 'utf8');
  const stored = doc.line.slice(LINE_LAYOUT.hashStart, LINE_LAYOUT.hashStart + 64);
  if (hash('sha256', line.subarray(LINE_LAYOUT.recordStart, line.length - 1), 'hex') !== stored) {
    problems.push({ code: 'ERR_EVIDENCE_HASH_MISMATCH', record: where, message: 'record hash does not match its content' });
  }
  const ok = verifyInclusion(hashLeaf(line), doc.leaf_index, doc.tree_size, doc.hashes.map((h) => Buffer.from(String(h), 'hex')), Buffer.from(String(doc.root_hash), 'hex'));
  if (!ok || doc.leaf_index !== doc.record - 1) problems.push({ code: 'ERR_EVIDENCE_PROOF_INVALID', record: where, message: `audit path does not lead to root \`${String(doc.root_hash).slice(0, 16)}…\`` });
  return problems;
}
