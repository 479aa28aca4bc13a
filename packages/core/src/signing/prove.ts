import { join } from 'node:path';
import { CavraError, isCavraError } from '../errors.ts';
import { noteVerifierFromKey, openSignedNote, parseCheckpoint, parseSignedNote } from '../evidence/checkpoint.ts';
import { EVIDENCE_FILES } from '../evidence/log.ts';
import type { EvidenceProblem } from '../evidence/problem.ts';
import { readRegularText } from '../evidence/safe-read.ts';
import { buildInclusionProof, checkInclusionProof, type InclusionProofDocument } from '../evidence/proof.ts';
import type { EvidenceStatement } from './statement.ts';
import { assertKeyUsable } from './trusted-key.ts';
import { SigstoreBundleVerifier, type BundleTrust } from './verify-bundle.ts';

/** Builds the inclusion proof of one record against the sealed tree (the bundle's, else the signed checkpoint's). */
export function proveRecord(dir: string, record: number): InclusionProofDocument {
  const bundlePath = join(dir, EVIDENCE_FILES.bundle);
  const notePath = join(dir, EVIDENCE_FILES.checkpoint);
  const bundleText = readRegularText(bundlePath, 'bundle');
  const bundle: unknown = bundleText === undefined ? null : parseJson(bundleText, bundlePath);
  const checkpoint = readRegularText(notePath, 'checkpoint') ?? null;
  let size: number | undefined;
  if (bundle) {
    // Unverified here: the size only picks the tree; `cavra verify --proof` checks the signature.
    const payload = (bundle as { dsseEnvelope?: { payload?: unknown } } | null)?.dsseEnvelope?.payload;
    const statement = typeof payload === 'string' ? (parseJson(Buffer.from(payload, 'base64').toString('utf8'), `${bundlePath} (its statement)`) as EvidenceStatement | null) : null;
    size = statement?.predicate?.tree_size;
    if (!Number.isSafeInteger(size) || (size as number) < 1) throw corrupt(bundlePath, 'carries no tree size');
  } else if (checkpoint) {
    try {
      size = parseCheckpoint(parseSignedNote(checkpoint).text).size;
    } catch (cause) {
      throw corrupt(notePath, 'is not a signed checkpoint', cause);
    }
  }
  if (size === undefined) throw new CavraError('ERR_EVIDENCE_UNSIGNED', `\`${dir}\` is not sealed, so there is no signed tree to prove against`, { hint: 'run `cavra evidence seal` first' });
  return buildInclusionProof(dir, record, size, { checkpoint, bundle });
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw corrupt(where, 'is not JSON', cause);
  }
}

// A corrupt bundle or checkpoint is bad input to `prove`: one line, exit 2.
function corrupt(where: string, what: string, cause?: unknown): CavraError {
  return new CavraError('ERR_INPUT_INVALID_JSON', `\`${where}\` ${what}, so no proof can be built`, { hint: 'run `cavra verify` on the directory; re-seal it if the bundle was damaged', ...(cause ? { cause } : {}) });
}

/** Verifies an inclusion proof document on its own: arithmetic, then the bundle or checkpoint signature. */
export async function verifyInclusionProof(doc: InclusionProofDocument, trust: BundleTrust): Promise<EvidenceProblem[]> {
  const problems = checkInclusionProof(doc);
  const where = typeof doc.record === 'number' ? doc.record : null;
  try {
    const signed = doc.bundle ? await bundleHead(doc.bundle, trust) : doc.checkpoint ? noteHead(doc.checkpoint, trust) : undefined;
    if (!signed) throw new CavraError('ERR_EVIDENCE_UNSIGNED', 'proof carries no signed bundle or checkpoint');
    if (signed.size !== doc.tree_size || signed.root !== doc.root_hash) {
      throw new CavraError('ERR_EVIDENCE_ROOT_MISMATCH', `proof root does not match the signed tree of ${signed.size} records`);
    }
  } catch (error) {
    if (!isCavraError(error)) throw error;
    problems.push({ code: error.code, record: where, message: error.message });
  }
  return problems;
}

async function bundleHead(bundle: unknown, trust: BundleTrust): Promise<{ size: number; root: string }> {
  const verified = await new SigstoreBundleVerifier(trust).verifyBundle(bundle);
  const statement = JSON.parse(verified.payload.toString('utf8')) as EvidenceStatement;
  const key = trust.trustedKeys?.find((k) => k.keyId === verified.keyId);
  if (key) assertKeyUsable(key, statement.predicate.sealed_at);
  return { size: statement.predicate.tree_size, root: statement.predicate.root_hash };
}

function noteHead(note: string, trust: BundleTrust): { size: number; root: string } {
  const names = new Set(parseSignedNote(note).signatures.map((s) => s.name));
  const keys = (trust.trustedKeys ?? []).filter((k) => k.status !== 'revoked');
  const verifiers = [...names].flatMap((name) => keys.map((k) => noteVerifierFromKey(name, k.publicKey)));
  const checkpoint = parseCheckpoint(openSignedNote(note, verifiers).text);
  return { size: checkpoint.size, root: checkpoint.root.toString('hex') };
}
