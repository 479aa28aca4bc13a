import type { KeyObject } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isCavraError } from '../errors.ts';
import { checkpointTimestamp, noteVerifierFromKey, openSignedNote, parseCheckpoint, parseSignedNote, type NoteVerifier } from './checkpoint.ts';
import { EVIDENCE_FILES } from './log.ts';
import type { EvidenceProblem } from './problem.ts';
import { readRegularText } from './safe-read.ts';
import { scanLogFile, type LogScan, type ScanOptions } from './scan.ts';

/** A tree head that a signature vouches for. */
export interface TreeHead {
  size: number;
  root: Buffer;
  /** Chain head (stored hash of the last record), when the signed statement carries it. */
  head?: string;
  origin?: string;
  timestamp?: string;
  /** Who signed it (key id, key name or certificate identity). */
  signedBy: string;
  /** Where it came from: `bundle`, `checkpoint` or a batch checkpoint file. */
  source: string;
}

/** Options of {@link verifyLog}. */
export interface VerifyLogOptions {
  /** Heads already verified by the caller (for example from the Sigstore bundle). */
  signedHeads?: readonly TreeHead[];
  /** Public keys trusted to sign checkpoint notes (under any key name). */
  noteKeys?: readonly KeyObject[];
  parse?: boolean;
  onRecord?: ScanOptions['onRecord'];
}

/** The log checked against every checkpoint and signed head. */
export interface LogVerification {
  scan: LogScan;
  /** Records covered by a verified signature. */
  signedRecords: number;
  /** The largest signed head, if any. */
  latest: TreeHead | undefined;
  problems: EvidenceProblem[];
}

interface Found {
  head: Omit<TreeHead, 'signedBy'> & { signedBy?: string };
  signed: boolean;
}

/** Verifies `DIR/evidence.jsonl` record by record and against its checkpoints and the given signed heads. */
export function verifyLog(dir: string, options: VerifyLogOptions = {}): LogVerification {
  const problems: EvidenceProblem[] = [];
  const found = readCheckpoints(dir, options.noteKeys ?? [], problems);
  for (const head of options.signedHeads ?? []) found.push({ head, signed: true });
  const scan = scanLogFile(join(dir, EVIDENCE_FILES.log), {
    parse: options.parse ?? false,
    ...(options.onRecord ? { onRecord: options.onRecord } : {}),
    rootsAt: found.map((f) => f.head.size),
  });
  problems.unshift(...scan.problems);
  if (scan.records === 0 && !scan.partialTail) problems.push({ code: 'ERR_EVIDENCE_EMPTY', record: null, message: 'evidence log has no records' });
  let latest: TreeHead | undefined;
  for (const { head, signed } of found) {
    const what = signed ? `signed ${head.source}` : `unsigned ${head.source}`;
    if (head.size > scan.records) {
      problems.push({ code: 'ERR_EVIDENCE_TRUNCATED', record: scan.records + 1, message: `missing: the ${what} covers ${head.size} records but the log has ${scan.records}` });
      continue;
    }
    const root = scan.rootsAt.get(head.size);
    if (!root || !root.equals(head.root)) {
      problems.push({
        code: signed ? 'ERR_EVIDENCE_ROOT_MISMATCH' : 'ERR_EVIDENCE_CHECKPOINT_INCONSISTENT',
        record: head.size === 0 ? null : head.size === 1 ? 1 : `1-${head.size}`,
        message: `merkle root of records 1-${head.size} does not match the ${what}`,
      });
      continue;
    }
    if (signed && head.head !== undefined && head.size === scan.records && head.head !== scan.head) {
      problems.push({ code: 'ERR_EVIDENCE_CHAIN_BROKEN', record: head.size, message: `chain head does not match the ${what}` });
      continue;
    }
    if (signed && (!latest || head.size > latest.size)) latest = { ...head, signedBy: head.signedBy ?? 'unknown' };
  }
  const signedRecords = latest?.size ?? 0;
  if (scan.records > signedRecords) {
    const range = signedRecords + 1 === scan.records ? String(scan.records) : `${signedRecords + 1}-${scan.records}`;
    problems.push({ code: 'ERR_EVIDENCE_UNSIGNED', record: range, message: 'not covered by a trusted signature (seal the log, and pass the signer key or trust root)' });
  }
  return { scan, signedRecords, latest, problems };
}

function readCheckpoints(dir: string, keys: readonly KeyObject[], problems: EvidenceProblem[]): Found[] {
  const files: { path: string; source: string }[] = [];
  if (existsSync(join(dir, EVIDENCE_FILES.checkpoint))) files.push({ path: join(dir, EVIDENCE_FILES.checkpoint), source: 'checkpoint' });
  const batchDir = join(dir, EVIDENCE_FILES.checkpoints);
  if (existsSync(batchDir)) {
    for (const name of readdirSync(batchDir).filter((n) => n.endsWith('.checkpoint')).sort()) files.push({ path: join(batchDir, name), source: `checkpoints/${name}` });
  }
  const found: Found[] = [];
  for (const file of files) {
    try {
      const text = readRegularText(file.path, 'checkpoint') ?? '';
      const isSigned = text.includes('\n\n');
      const opened = isSigned ? tryOpen(text, verifiersFor(text, keys)) : { text, signers: [] };
      const checkpoint = parseCheckpoint(opened.text);
      const timestamp = checkpointTimestamp(checkpoint);
      found.push({
        head: { size: checkpoint.size, root: checkpoint.root, origin: checkpoint.origin, source: file.source, ...(timestamp ? { timestamp } : {}), ...(opened.signers[0] ? { signedBy: opened.signers[0] } : {}) },
        signed: opened.signers.length > 0,
      });
    } catch (error) {
      if (!isCavraError(error)) throw error;
      problems.push({ code: error.code, record: null, message: `${file.source}: ${error.message}` });
    }
  }
  return found;
}

// A note signed only by keys we do not know is kept as an unsigned checkpoint; a note whose
// known key does not verify is an error.
function tryOpen(note: string, verifiers: readonly NoteVerifier[]): { text: string; signers: string[] } {
  try {
    return openSignedNote(note, verifiers);
  } catch (error) {
    if (isCavraError(error) && error.code === 'ERR_EVIDENCE_UNSIGNED') return { text: note.slice(0, note.lastIndexOf('\n\n') + 1), signers: [] };
    throw error;
  }
}

function verifiersFor(note: string, keys: readonly KeyObject[]): NoteVerifier[] {
  const names = new Set(parseSignedNote(note).signatures.map((s) => s.name));
  return [...names].flatMap((name) => keys.map((key) => noteVerifierFromKey(name, key)));
}
