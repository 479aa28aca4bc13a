import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CavraError, isCavraError } from '../errors.ts';
import { checkpointIdentity, checkpointTimestamp, identityExtension, parseCheckpoint } from '../evidence/checkpoint.ts';
import { EVIDENCE_FILES } from '../evidence/log.ts';
import { problemText, type EvidenceProblem } from '../evidence/problem.ts';
import { readRegularFile, readRegularText } from '../evidence/safe-read.ts';
import { verifyLog, type TreeHead } from '../evidence/verify-log.ts';
import type { SignerIdentity } from './signer.ts';
import { EVIDENCE_PREDICATE_TYPE, IN_TOTO_PAYLOAD_TYPE, IN_TOTO_STATEMENT_TYPE, type EvidenceStatement } from './statement.ts';
import { assertKeyUsable } from './trusted-key.ts';
import { SigstoreBundleVerifier, type BundleTrust } from './verify-bundle.ts';

/** Options of {@link verifyEvidence}. */
export interface VerifyEvidenceOptions extends BundleTrust {
  /** Claims the sealed run must have (e.g. `{ run_id: '42' }`), to refuse a bundle from another run. */
  expectedRun?: Record<string, string>;
  /** The signed tree must have exactly this many records (from a receipt), so a rollback to an older seal fails. */
  expectedSize?: number;
  /** The signed tree must have this Merkle root (lowercase hex, from a receipt). */
  expectedRoot?: string;
}

/** The verification report (`cavra verify`); upstream's core fields first. */
export interface EvidenceReport {
  path: string;
  valid: boolean;
  records: number;
  signed_records: number;
  /** Size of the newest signed tree head (0 when none), shown so that a rollback is visible. */
  tree_size: number;
  /** Its Merkle root (hex), or null. */
  root_hash: string | null;
  /** One line per problem, `record N: … [ERR_…]`. */
  errors: string[];
  format: 'cavra-evidence-v1';
  checkpoint: { origin: string; size: number; root_hash: string; timestamp?: string; source: string } | null;
  signer: (SignerIdentity & { sealed_at?: string }) | null;
  file_sha256: string;
  problems: EvidenceProblem[];
}

/**
 * Verifies an evidence directory (or its bundle file): every record hash, the chain, the
 * sequence, the Merkle root against the signed statement and checkpoints, the signature, the
 * signer's key status and window or certificate identity. Offline.
 */
export async function verifyEvidence(path: string, options: VerifyEvidenceOptions = {}): Promise<EvidenceReport> {
  const isFile = existsSync(path) && statSync(path).isFile();
  const dir = isFile ? dirname(path) : path;
  const bundlePath = isFile ? path : join(dir, EVIDENCE_FILES.bundle);
  if (!existsSync(join(dir, EVIDENCE_FILES.log))) {
    throw new CavraError('ERR_EVIDENCE_NOT_FOUND', `no evidence log at \`${join(dir, EVIDENCE_FILES.log)}\``, { hint: 'pass an evidence directory or its `bundle.sigstore.json`' });
  }
  const bundleProblems: EvidenceProblem[] = [];
  let signed: { head: TreeHead; statement: EvidenceStatement; signer: SignerIdentity } | undefined;
  if (existsSync(bundlePath)) {
    try {
      signed = await verifyBundleFile(bundlePath, options);
    } catch (error) {
      if (!isCavraError(error)) throw error;
      bundleProblems.push({ code: error.code, record: null, message: `bundle: ${error.message}` });
    }
  }
  const usableKeys = (options.trustedKeys ?? []).filter((k) => k.status !== 'revoked').map((k) => k.publicKey);
  const log = verifyLog(dir, { signedHeads: signed ? [signed.head] : [], noteKeys: usableKeys, parse: true });
  const problems = [...log.problems];
  if (signed) {
    const subject = signed.statement.subject.find((s) => s.name === EVIDENCE_FILES.log);
    if (subject?.digest.sha256 !== log.scan.fileSha256) {
      problems.push({ code: 'ERR_EVIDENCE_DIGEST_MISMATCH', record: null, message: `sha256 of ${EVIDENCE_FILES.log} does not match the signed subject` });
    }
    problems.push(...checkArtefactSubjects(dir, signed.statement));
  }
  const range = log.scan.records === 0 ? null : log.scan.records === 1 ? 1 : `1-${log.scan.records}`;
  problems.push(...bundleProblems.map((p) => ({ ...p, record: range })));
  const latest = log.latest;
  problems.push(...expectationProblems(latest, options));
  return {
    path,
    valid: problems.length === 0,
    records: log.scan.records,
    signed_records: log.signedRecords,
    tree_size: latest?.size ?? 0,
    root_hash: latest ? latest.root.toString('hex') : null,
    errors: problems.map(problemText),
    format: 'cavra-evidence-v1',
    checkpoint: latest
      ? { origin: latest.origin ?? '', size: latest.size, root_hash: latest.root.toString('hex'), ...(latest.timestamp ? { timestamp: latest.timestamp } : {}), source: latest.source }
      : null,
    signer: signed ? { ...signed.signer, sealed_at: signed.statement.predicate.sealed_at } : null,
    file_sha256: log.scan.fileSha256,
    problems,
  };
}

// Every other subject (reports, the AI-BOM) is a file beside the log that must still hash to
// what was signed. A name that is not a plain file name could point outside the directory: refused.
function checkArtefactSubjects(dir: string, statement: EvidenceStatement): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  for (const subject of statement.subject) {
    if (subject?.name === EVIDENCE_FILES.log) continue;
    const name = typeof subject?.name === 'string' ? subject.name : '';
    const mismatch = (why: string) => problems.push({ code: 'ERR_EVIDENCE_DIGEST_MISMATCH', record: null, message: `signed subject \`${name}\` ${why}` });
    if (!/^[^/\\]+$/.test(name) || name === '.' || name === '..') {
      mismatch('is not a file name inside the evidence directory');
      continue;
    }
    let bytes: Buffer | undefined;
    try {
      bytes = readRegularFile(join(dir, name), 'signed subject');
    } catch (error) {
      mismatch(`cannot be read: ${(error as Error).message}`);
      continue;
    }
    if (bytes === undefined) {
      mismatch('is missing from the evidence directory');
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== subject.digest?.sha256) mismatch('does not match its signed sha256');
  }
  return problems;
}

function expectationProblems(latest: TreeHead | undefined, options: VerifyEvidenceOptions): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  const size = latest?.size ?? 0;
  if (options.expectedSize !== undefined && size !== options.expectedSize) {
    problems.push({ code: size < options.expectedSize ? 'ERR_EVIDENCE_TRUNCATED' : 'ERR_EVIDENCE_ROOT_MISMATCH', record: null, message: `the signed tree has ${size} records where ${options.expectedSize} were expected (an older or another seal)` });
  }
  const root = latest?.root.toString('hex') ?? '';
  if (options.expectedRoot !== undefined && root !== options.expectedRoot.toLowerCase()) {
    problems.push({ code: 'ERR_EVIDENCE_ROOT_MISMATCH', record: null, message: `the signed tree's root \`${root.slice(0, 16) || 'none'}…\` is not the expected \`${options.expectedRoot.slice(0, 16)}…\`` });
  }
  return problems;
}

async function verifyBundleFile(bundlePath: string, options: VerifyEvidenceOptions): Promise<{ head: TreeHead; statement: EvidenceStatement; signer: SignerIdentity }> {
  let json: unknown;
  try {
    json = JSON.parse(readRegularText(bundlePath, 'bundle') ?? '');
  } catch (cause) {
    if (isCavraError(cause)) throw cause;
    throw new CavraError('ERR_SIGNING_BUNDLE_INVALID', `\`${bundlePath}\` is not JSON`, { cause });
  }
  const verified = await new SigstoreBundleVerifier(options).verifyBundle(json);
  const statement = parseStatement(verified.payload, verified.payloadType);
  const predicate = statement.predicate;
  if (verified.keyId !== undefined) {
    const key = options.trustedKeys?.find((k) => k.keyId === verified.keyId);
    if (key) assertKeyUsable(key, predicate.sealed_at);
  }
  for (const [claim, expected] of Object.entries(options.expectedRun ?? {})) {
    const actual = predicate.run?.[claim];
    if (String(actual) !== expected) {
      throw new CavraError('ERR_SIGNING_WRONG_RUN', `bundle is from another run: \`${claim}\` is \`${String(actual)}\`, expected \`${expected}\``);
    }
  }
  const checkpoint = parseCheckpoint(predicate.checkpoint);
  if (checkpoint.size !== predicate.tree_size || checkpoint.root.toString('hex') !== predicate.root_hash) {
    throw new CavraError('ERR_SIGNING_BUNDLE_INVALID', 'statement checkpoint disagrees with its tree size or root');
  }
  // The signed checkpoint names the run's identity by digest; it must be the identity the statement carries.
  const boundIdentity = checkpointIdentity(checkpoint);
  const expectedIdentity = predicate.run ? identityExtension(predicate.run).slice('identity '.length) : undefined;
  if (boundIdentity !== expectedIdentity) {
    throw new CavraError('ERR_SIGNING_WRONG_RUN', `statement checkpoint names identity \`${boundIdentity ?? 'none'}\` but the statement's run is \`${expectedIdentity ?? 'none'}\``);
  }
  const timestamp = checkpointTimestamp(checkpoint);
  const signedBy = verified.signer.keyId ?? verified.signer.subject ?? 'unknown';
  return {
    head: { size: checkpoint.size, root: checkpoint.root, head: predicate.chain_head, origin: checkpoint.origin, signedBy, source: 'bundle', ...(timestamp ? { timestamp } : {}) },
    statement,
    signer: verified.signer,
  };
}

function parseStatement(payload: Buffer, payloadType: string): EvidenceStatement {
  let value: EvidenceStatement;
  try {
    value = JSON.parse(payload.toString('utf8')) as EvidenceStatement;
  } catch (cause) {
    throw new CavraError('ERR_SIGNING_BUNDLE_INVALID', 'signed payload is not JSON', { cause });
  }
  const p = value?.predicate;
  if (
    payloadType !== IN_TOTO_PAYLOAD_TYPE ||
    value._type !== IN_TOTO_STATEMENT_TYPE ||
    value.predicateType !== EVIDENCE_PREDICATE_TYPE ||
    !Array.isArray(value.subject) ||
    typeof p !== 'object' ||
    p === null ||
    typeof p.checkpoint !== 'string' ||
    typeof p.tree_size !== 'number' ||
    typeof p.root_hash !== 'string'
  ) {
    throw new CavraError('ERR_SIGNING_BUNDLE_INVALID', `signed payload is not a \`${EVIDENCE_PREDICATE_TYPE}\` statement`);
  }
  return value;
}
