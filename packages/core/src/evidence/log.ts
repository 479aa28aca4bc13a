import { closeSync, existsSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readSync, renameSync, ftruncateSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hash, randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { CavraError } from '../errors.ts';
import { formatCheckpoint, identityExtension, signNote, type NoteSigner } from './checkpoint.ts';
import { MerkleAccumulator } from './merkle.ts';
import { buildRecord, GENESIS_HASH, LINE_LAYOUT, type EvidenceInput } from './record.ts';
import type { DecisionRecord, DecisionValue } from '../decision/types.ts';
import { assertExtendsHeads, mirrorHead, presentHeads, writeOnce, type PresentHead } from './heads.ts';
import { readRegularText } from './safe-read.ts';
import { scanLogFile } from './scan.ts';
import { needsSecretRules } from './redact.ts';
import { loadSecretRules, secretRulesLoaded } from './secret-rules.ts';

/** File names inside an evidence directory. */
export const EVIDENCE_FILES = {
  log: 'evidence.jsonl',
  state: 'evidence.state.json',
  checkpoints: 'checkpoints',
  checkpoint: 'checkpoint',
  bundle: 'bundle.sigstore.json',
} as const;

/** Options of {@link appendEvidence}. */
export interface AppendOptions {
  /** The clock, for the checkpoint timestamp. */
  now: () => Date;
  /**
   * A directory apart from the workspace (a runner's temp folder, say) that receives a copy of
   * each checkpoint as it is made; appends and the gate then refuse a log that does not extend
   * those heads, even when the heads beside the log were deleted.
   */
  headsMirror?: string;
  /** Checkpoint origin (C2SP): names the log. Default `cavra-evidence`. */
  origin?: string;
  /** Signs the batch checkpoint when given; otherwise it is written unsigned. */
  noteSigner?: NoteSigner;
  /** How long to wait for the lock held by another writer, in ms. Default 30000. */
  lockTimeoutMs?: number;
  /** The runner identity of the writer, bound into the batch checkpoint. */
  identity?: Record<string, unknown>;
}

/** The tree head after an append. */
export interface AppendResult {
  firstSeq: number;
  size: number;
  root: Buffer;
  head: string;
  /** The decisions as the records hold them: secrets redacted, keys in RFC 8785 order. */
  recorded: DecisionRecord[];
  /** The bytes this append wrote and where, for a seal in the same process (see {@link WrittenBatch}). */
  written: WrittenBatch;
}

/**
 * The lines one append wrote, exactly as its encoder made them (canonical by construction), with
 * what a seal counts of each. A seal given this skips re-parsing a line only when the log still
 * holds these very bytes at this very offset; every other line is parsed and checked.
 */
export interface WrittenBatch {
  /** Byte offset of the first line in the log. */
  offset: number;
  data: Buffer;
  /** Sequence number of the first line. */
  firstSeq: number;
  /** Per line: the decision and the pack digest the record holds. */
  lines: ReadonlyArray<{ decision: DecisionValue; packDigest: string | undefined }>;
}

/** Default checkpoint origin. */
export const DEFAULT_ORIGIN = 'cavra-evidence';

interface LogState {
  bytes: number;
  head: string;
  tree: { size: number; subtrees: string[] };
}

/**
 * Appends records to `DIR/evidence.jsonl` under an exclusive lock, then writes a checkpoint.
 * The batch is one `write` followed by `fsync`; the tree state is replaced atomically after it.
 * A crash leaves at worst a partial last line, which verification reports and the next append,
 * holding the lock, cuts off (that record was never acknowledged).
 */
export async function appendEvidence(dir: string, inputs: readonly EvidenceInput[], options: AppendOptions): Promise<AppendResult> {
  if (!secretRulesLoaded() && inputs.some((input) => needsSecretRules(input.request))) await loadSecretRules();
  return withEvidenceLock(dir, options.lockTimeoutMs, (logPath) => appendLocked(dir, logPath, inputs, options));
}

/**
 * Runs `fn` holding the directory's append lock, creating the directory and an empty log if
 * absent, unless `create` is false (sealing): then a missing log is `ERR_EVIDENCE_NOT_FOUND`
 * and nothing is created.
 */
export async function withEvidenceLock<T>(dir: string, timeoutMs: number | undefined, fn: (logPath: string) => T | Promise<T>, create = true): Promise<T> {
  const logPath = join(dir, EVIDENCE_FILES.log);
  if (!create && !existsSync(logPath)) {
    throw new CavraError('ERR_EVIDENCE_NOT_FOUND', `no evidence log at \`${logPath}\``, { hint: 'pass the directory that `--evidence` or the gate wrote' });
  }
  makeDirectories(join(dir, EVIDENCE_FILES.checkpoints));
  assertRegularOrAbsent(logPath);
  if (!existsSync(logPath)) writeFileSync(logPath, '', { flag: 'a' });
  const release = await acquire(logPath, timeoutMs ?? 30_000);
  try {
    return await fn(logPath);
  } finally {
    await release();
  }
}

// Node's recursive mkdir loops forever under /proc and throws raw errors elsewhere; this walks
// up to the nearest existing directory and creates each level once.
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    let stat;
    try {
      stat = statSync(at);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw notADirectory(dir, cause);
      missing.push(at);
      at = dirname(at);
      continue;
    }
    if (!stat.isDirectory()) throw notADirectory(dir);
    break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw notADirectory(dir, cause);
    }
  }
}

function notADirectory(dir: string, cause?: unknown): CavraError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new CavraError('ERR_INPUT_UNREADABLE', `cannot use \`${dir}\` as an evidence directory${code ? `: ${code}` : ': a file is in the way'}`, { hint: 'pass a directory path that can be created', ...(cause ? { cause } : {}) });
}

function assertRegularOrAbsent(file: string): void {
  try {
    if (!lstatSync(file).isFile()) throw new CavraError('ERR_INPUT_UNREADABLE', `\`${file}\` is not a regular file`, { hint: 'the evidence log must be a plain file' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function acquire(logPath: string, timeoutMs: number): Promise<() => Promise<void>> {
  const retries = Math.max(1, Math.ceil(timeoutMs / 50));
  // Loaded on first use: it and its signal-exit hooks cost a short command (a hook) ~10 ms.
  const { default: lockfile } = await import('proper-lockfile');
  try {
    return await lockfile.lock(logPath, { stale: 10_000, update: 2_000, realpath: false, retries: { retries, minTimeout: 5, maxTimeout: 50, factor: 1.3, randomize: true } });
  } catch (cause) {
    throw new CavraError('ERR_EVIDENCE_LOCKED', `evidence log \`${logPath}\` is locked by another writer`, { cause, hint: 'retry, or remove a stale `.lock` directory left by a killed process' });
  }
}

function appendLocked(dir: string, logPath: string, inputs: readonly EvidenceInput[], options: AppendOptions): AppendResult {
  const fd = openSync(logPath, 'r+');
  try {
    const state = loadState(dir, fd, logPath, options.headsMirror);
    const tree = MerkleAccumulator.fromJSON(state.tree);
    const firstSeq = tree.size + 1;
    const { data, head, recorded } = encodeBatch(inputs, state.head, tree);
    if (data.length > 0) {
      writeAllAt(fd, data, state.bytes);
      fsyncSync(fd);
    }
    const next: LogState = { bytes: state.bytes + data.length, head, tree: tree.toJSON() };
    writeAtomic(join(dir, EVIDENCE_FILES.state), `${JSON.stringify(next)}\n`);
    const root = tree.root();
    if (inputs.length > 0) writeBatchCheckpoint(dir, tree.size, root, options);
    const lines = recorded.map((decision, index) => ({ decision: decision.decision, packDigest: inputs[index]!.packDigest || undefined }));
    return { firstSeq, size: tree.size, root, head, recorded, written: { offset: state.bytes, data, firstSeq, lines } };
  } finally {
    closeSync(fd);
  }
}

// Encodes a batch straight into one buffer. Each record text is built once with a placeholder
// `prev` (64 characters at a fixed offset), written at its final offset, given the real previous
// hash in place, and hashed in place; then the `{"hash":…,"record":` prefix goes in front of it,
// and the RFC 6962 leaf is hashed in place too (the byte before the line briefly becomes 0x00).
function encodeBatch(inputs: readonly EvidenceInput[], prevHead: string, tree: MerkleAccumulator): { data: Buffer; head: string; recorded: DecisionRecord[] } {
  const first = tree.size + 1;
  const records = inputs.map((input, i) => buildRecord(input, GENESIS_HASH, first + i));
  const bodies = records.map((record) => record.text);
  let capacity = 1;
  for (const body of bodies) capacity += body.length * 3 + LINE_LAYOUT.recordStart + 2;
  const buf = Buffer.allocUnsafe(capacity);
  buf[0] = 0x0a;
  let off = 1;
  let head = prevHead;
  const prevOffset = LINE_LAYOUT.prevStart - LINE_LAYOUT.recordStart;
  for (const body of bodies) {
    const bodyStart = off + LINE_LAYOUT.recordStart;
    const bodyLength = buf.write(body, bodyStart, 'utf8');
    buf.write(head, bodyStart + prevOffset, 'latin1');
    head = hash('sha256', buf.subarray(bodyStart, bodyStart + bodyLength), 'hex');
    buf.write(`{"hash":"${head}","record":`, off, 'latin1');
    const end = bodyStart + bodyLength;
    buf[end] = 0x7d;
    const saved = buf[off - 1]!;
    buf[off - 1] = 0;
    tree.push(hash('sha256', buf.subarray(off - 1, end + 1), 'binary'));
    buf[off - 1] = saved;
    buf[end + 1] = 0x0a;
    off = end + 2;
  }
  return { data: buf.subarray(1, off), head, recorded: records.map((record) => record.decision) };
}

function writeAllAt(fd: number, data: Buffer, position: number): void {
  for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off, position + off);
}

function writeBatchCheckpoint(dir: string, size: number, root: Buffer, options: AppendOptions): void {
  const extensions = [`timestamp ${options.now().toISOString()}`, ...(options.identity ? [identityExtension(options.identity)] : [])];
  const body = formatCheckpoint({ origin: options.origin ?? DEFAULT_ORIGIN, size, root, extensions });
  const text = options.noteSigner ? signNote(body, [options.noteSigner]) : body;
  // Written once: a head of this size already present was checked to match (loadState).
  const name = `${String(size).padStart(12, '0')}.checkpoint`;
  writeOnce(join(dir, EVIDENCE_FILES.checkpoints, name), text);
  if (options.headsMirror) mirrorHead(options.headsMirror, name, text);
}

/** Writes a file by rename, so readers see the old or the new content, never a mix. */
export function writeAtomic(file: string, text: string | Uint8Array): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

// The state is trusted only when it describes the log exactly (its byte length) and agrees with
// the newest tree head present (which the last append wrote, at the state's size); otherwise
// the log is rescanned, after cutting a partial last line left by a crashed append, and must
// extend every head present: a rewritten history is refused, not extended. (A writer that also
// forges the state file passes here, but only produces heads the log does not match: seal and
// verify rescan the whole log against every head, and refuse.)
function loadState(dir: string, fd: number, logPath: string, mirror: string | undefined): LogState {
  const size = fstatSync(fd).size;
  const state = readState(join(dir, EVIDENCE_FILES.state));
  const newest = presentHeads(dir, { newestBatchOnly: true, ...(mirror ? { mirror } : {}) });
  if (state && state.bytes === size && agreesWith(state, newest) && (size === 0 || (lastByte(fd, size) === 0x0a && tailHash(fd, size) === state.head))) return state;
  const heads = presentHeads(dir, mirror ? { mirror } : {});
  if (size === 0 && heads.length === 0) return { bytes: 0, head: GENESIS_HASH, tree: { size: 0, subtrees: [] } };
  const scan = scanLogFile(logPath, { keepLeaves: true, rootsAt: heads.map((h) => h.size) });
  if (scan.partialTail) {
    ftruncateSync(fd, scan.bytes);
    fsyncSync(fd);
  }
  const bad = scan.problems.find((p) => p.code !== 'ERR_EVIDENCE_TRUNCATED');
  if (bad) {
    throw new CavraError('ERR_EVIDENCE_CHAIN_BROKEN', `evidence log \`${logPath}\` fails verification at record ${bad.record}; refusing to append`, { hint: 'run `cavra verify` on the directory', details: { code: bad.code } });
  }
  assertExtendsHeads(scan, heads, 'append');
  const tree = new MerkleAccumulator();
  for (const leaf of scan.leafHashes ?? []) tree.push(Buffer.from(leaf, 'hex'));
  return { bytes: scan.bytes, head: scan.head, tree: tree.toJSON() };
}

// The fast path needs a batch head at exactly the state's size with the state's root, and no
// head beyond it; anything else is checked by a rescan.
function agreesWith(state: LogState, heads: readonly PresentHead[]): boolean {
  if (heads.length === 0) return state.tree.size === 0;
  if (heads.some((h) => h.size > state.tree.size)) return false;
  const root = MerkleAccumulator.fromJSON(state.tree).root();
  return heads.some((h) => h.source.startsWith(`${EVIDENCE_FILES.checkpoints}/`) && h.size === state.tree.size && h.root.equals(root));
}

function readState(file: string): LogState | undefined {
  try {
    const value = JSON.parse(readRegularText(file, 'evidence state', 64 * 1024 * 1024) ?? '') as LogState;
    return typeof value.bytes === 'number' && typeof value.head === 'string' && value.tree ? value : undefined;
  } catch {
    return undefined;
  }
}

function lastByte(fd: number, size: number): number {
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, size - 1);
  return one[0]!;
}

// The stored hash of the last line, read from the tail of the file: a window that usually holds
// the whole line, then one of up to 1 MiB for a long one.
function tailHash(fd: number, size: number): string {
  for (const window of [64 * 1024, 1 << 20]) {
    const span = Math.min(size, window);
    const buf = Buffer.alloc(span);
    readSync(fd, buf, 0, span, size - span);
    const start = buf.lastIndexOf(0x0a, span - 2) + 1;
    if (start === 0 && span < size) continue;
    const line = buf.subarray(start, span - 1);
    return line.length > LINE_LAYOUT.recordStart ? hash('sha256', line.subarray(LINE_LAYOUT.recordStart, line.length - 1), 'hex') : '';
  }
  return '';
}
