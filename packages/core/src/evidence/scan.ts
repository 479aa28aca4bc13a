import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { createHash, hash, type Hash } from 'node:crypto';
import { CavraError } from '../errors.ts';
import { fastCanonicalJson, isCanonicallyOrdered } from './canonical.ts';
import { MerkleAccumulator } from './merkle.ts';
import type { EvidenceProblem } from './problem.ts';
import { GENESIS_HASH, LINE_LAYOUT, parseEvidenceLine } from './record.ts';

/** What a scan of `evidence.jsonl` found. */
export interface LogScan {
  /** Complete lines (records) seen. */
  records: number;
  /** RFC 6962 root over the complete lines. */
  root: Buffer;
  /** The stored hash of the last record (the chain head), or the genesis hash. */
  head: string;
  /** SHA-256 of the file bytes, hex. */
  fileSha256: string;
  /** Bytes of the file covered by complete lines. */
  bytes: number;
  /** RFC 6962 leaf hashes (hex), when asked for. */
  leafHashes?: string[];
  /** Decoded records, when `parse` was asked for (one per line; undefined when malformed). */
  problems: EvidenceProblem[];
  /** Whether the file ends in a partial line (a crashed append). */
  partialTail: boolean;
  /** Roots at the sizes asked for in `rootsAt` (sizes beyond the log are absent). */
  rootsAt: Map<number, Buffer>;
}

/** Options of a scan. */
export interface ScanOptions {
  /** Also JSON-parse every line and check the record schema (slower; the byte checks do not need it). */
  parse?: boolean;
  /** Keep every leaf hash (for proofs). */
  keepLeaves?: boolean;
  /** Called with each parsed record, when `parse` is set. */
  onRecord?: (record: NonNullable<ReturnType<typeof parseEvidenceLine>>, index: number) => void;
  /** Stop collecting problems after this many (the scan still completes). Default 100. */
  maxProblems?: number;
  /** Tree sizes at which to record the root (to check checkpoints against prefixes of the log). */
  rootsAt?: readonly number[];
  /** Internal: another thread checks record hashes and the file digest. */
  delegated?: boolean;
  /**
   * Lines this process wrote (see `WrittenBatch`): a line whose bytes are exactly these, at
   * this offset, is canonical by construction and goes to `onKnown` instead of being parsed.
   */
  known?: { offset: number; data: Buffer; onKnown: (index: number) => void };
}

const HASH_PREFIX = Buffer.from(LINE_LAYOUT.hashPrefix, 'binary');
const RECORD_PREFIX = Buffer.from(LINE_LAYOUT.recordPrefix, 'binary');
const SEQ_PREFIX = Buffer.from(LINE_LAYOUT.seqPrefix, 'binary');
const MIN_LINE = LINE_LAYOUT.seqStart + 3;
const NEWLINE = 0x0a;
const CLOSE = 0x7d;

/**
 * Checks records by hashing slices of each line: its own hash, the chain, the sequence, and
 * feeds the RFC 6962 leaf into the tree. No JSON parsing unless asked.
 */
export class LogScanner {
  readonly #tree = new MerkleAccumulator();
  readonly #file: Hash = createHash('sha256');
  readonly #options: ScanOptions;
  readonly #problems: EvidenceProblem[] = [];
  readonly #leaves: string[] | undefined;
  #head = GENESIS_HASH;
  #records = 0;
  #bytes = 0;
  #partial = false;
  readonly #rootsWanted: ReadonlySet<number>;
  readonly #roots = new Map<number, Buffer>();

  constructor(options: ScanOptions = {}) {
    this.#options = options;
    this.#leaves = options.keepLeaves ? [] : undefined;
    this.#rootsWanted = new Set(options.rootsAt ?? []);
    if (this.#rootsWanted.has(0)) this.#roots.set(0, this.#tree.root());
  }

  // INVARIANT: buf[start - 1] exists and belongs to us: it is briefly set to 0x00 so that the
  // RFC 6962 leaf prefix and the line hash in one call without copying the line.
  /** Checks one line occupying buf[start, end) (no newline). */
  line(buf: Buffer, start: number, end: number): void {
    const n = ++this.#records;
    const saved = buf[start - 1]!;
    buf[start - 1] = 0;
    const leaf = hash('sha256', buf.subarray(start - 1, end), 'binary');
    buf[start - 1] = saved;
    this.#tree.push(leaf);
    if (this.#rootsWanted.has(n)) this.#roots.set(n, this.#tree.root());
    this.#leaves?.push(Buffer.from(leaf, 'binary').toString('hex'));
    const offset = this.#bytes;
    this.#bytes += end - start + 1;
    const problem = this.#check(buf, start, end, n);
    if (problem) this.#report(problem);
    if (!this.#options.parse) return;
    const known = this.#options.known;
    if (known !== undefined && problem === undefined && isKnownLine(known, offset, buf, start, end)) known.onKnown(n);
    else this.#parse(buf, start, end, n);
  }

  #check(buf: Buffer, start: number, end: number, n: number): EvidenceProblem | undefined {
    if (end - start < MIN_LINE || !hasLayout(buf, start) || buf[end - 1] !== CLOSE) {
      const stored = end - start >= 73 ? buf.toString('latin1', start + 9, start + 73) : '';
      if (/^[0-9a-f]{64}$/.test(stored)) this.#head = stored;
      return { code: 'ERR_EVIDENCE_RECORD_MALFORMED', record: n, message: 'line is not an evidence record in canonical layout' };
    }
    const stored = buf.toString('latin1', start + 9, start + 73);
    const own = this.#options.delegated ? stored : hash('sha256', buf.subarray(start + LINE_LAYOUT.recordStart, end - 1), 'hex');
    const prev = buf.toString('latin1', start + LINE_LAYOUT.prevStart, start + LINE_LAYOUT.prevStart + 64);
    const seq = readSeq(buf, start + LINE_LAYOUT.seqStart, end);
    const expectedPrev = this.#head;
    this.#head = stored;
    if (own !== stored) return { code: 'ERR_EVIDENCE_HASH_MISMATCH', record: n, message: `record hash \`${stored.slice(0, 16)}…\` does not match its content (\`${own.slice(0, 16)}…\`)` };
    if (prev !== expectedPrev) return { code: 'ERR_EVIDENCE_CHAIN_BROKEN', record: n, message: `previous hash \`${prev.slice(0, 16)}…\` is not the hash of record ${n - 1}` };
    if (seq !== n) return { code: 'ERR_EVIDENCE_SEQUENCE', record: n, message: `sequence ${seq} where ${n} was expected` };
    return undefined;
  }

  // The parsed line must re-serialise (RFC 8785) to exactly its bytes: otherwise what a reader
  // sees is not what was hashed (duplicate keys, where JSON.parse keeps the last, extra members,
  // other spellings of a number or string).
  #parse(buf: Buffer, start: number, end: number, n: number): void {
    const text = buf.toString('utf8', start, end);
    const parsed = parseEvidenceLine(text);
    if (!parsed) this.#report({ code: 'ERR_EVIDENCE_RECORD_MALFORMED', record: n, message: 'line is not valid JSON with the evidence record schema' });
    else if (!isCanonicalLine(parsed, text, buf, start, end)) this.#report({ code: 'ERR_EVIDENCE_RECORD_MALFORMED', record: n, message: 'line is not canonical RFC 8785 JSON (duplicate or extra members, or another spelling of a value)' });
    else this.#options.onRecord?.(parsed, n);
  }

  #report(problem: EvidenceProblem): void {
    // Report every record once: a changed byte yields one hash error, not also a parse error.
    const last = this.#problems[this.#problems.length - 1];
    if (last && last.record === problem.record) return;
    if (this.#problems.length < (this.#options.maxProblems ?? 100)) this.#problems.push(problem);
  }

  /** Feeds raw file bytes to the file digest (callers pass every byte read, in order). */
  fileBytes(chunk: Buffer): void {
    if (!this.#options.delegated) this.#file.update(chunk);
  }

  /** Marks a partial last line (bytes after the last newline). */
  partial(): void {
    this.#partial = true;
    this.#report({ code: 'ERR_EVIDENCE_TRUNCATED', record: this.#records + 1, message: 'the last line is incomplete (an append was interrupted)' });
  }

  /** The result. */
  result(): LogScan {
    return {
      records: this.#records,
      root: this.#tree.root(),
      head: this.#head,
      fileSha256: this.#file.digest('hex'),
      bytes: this.#bytes,
      ...(this.#leaves ? { leafHashes: this.#leaves } : {}),
      problems: this.#problems,
      partialTail: this.#partial,
      rootsAt: this.#roots,
    };
  }
}

function isCanonicalLine(parsed: NonNullable<ReturnType<typeof parseEvidenceLine>>, text: string, buf: Buffer, start: number, end: number): boolean {
  let canonical: string;
  try {
    // Lines as written are already in order: compare without a sorted copy of each.
    canonical = isCanonicallyOrdered(parsed) ? JSON.stringify(parsed) : fastCanonicalJson(parsed);
  } catch {
    return false;
  }
  // Invalid UTF-8 decodes to U+FFFD, so the text alone could re-serialise equal: the bytes must
  // be valid UTF-8 too, and then they are exactly the text's.
  return canonical === text && isUtf8(buf.subarray(start, end));
}

function isKnownLine(known: { offset: number; data: Buffer }, offset: number, buf: Buffer, start: number, end: number): boolean {
  const at = offset - known.offset;
  const length = end - start;
  return at >= 0 && at + length < known.data.length && known.data[at + length] === NEWLINE && buf.compare(known.data, at, at + length, start, end) === 0;
}

// The fixed bytes of a line's layout, checked byte by byte (cheaper than three Buffer#compare calls).
const FIXED: readonly (readonly [number, number])[] = [
  ...[...HASH_PREFIX].map((byte, i) => [i, byte] as const),
  ...[...RECORD_PREFIX].map((byte, i) => [73 + i, byte] as const),
  ...[...SEQ_PREFIX].map((byte, i) => [LINE_LAYOUT.prevStart + 64 + i, byte] as const),
];
const FIXED_OFFSETS = Int32Array.from(FIXED.map(([offset]) => offset));
const FIXED_BYTES = Uint8Array.from(FIXED.map(([, byte]) => byte));

function hasLayout(buf: Buffer, start: number): boolean {
  for (let i = 0; i < FIXED_OFFSETS.length; i += 1) if (buf[start + FIXED_OFFSETS[i]!] !== FIXED_BYTES[i]) return false;
  return true;
}

function readSeq(buf: Buffer, from: number, end: number): number {
  let value = 0;
  let i = from;
  for (; i < end && i < from + 16; i += 1) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
  }
  return i === from || buf[i] !== CLOSE ? -1 : value;
}

const CHUNK = 8 * 1024 * 1024;

/** Scans a log file in chunks (constant memory, whatever its size). */
export function scanLogFile(file: string, options: ScanOptions = {}): LogScan {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read evidence log \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  const scanner = new LogScanner(options);
  try {
    if (!fstatSync(fd).isFile()) throw new CavraError('ERR_INPUT_UNREADABLE', `evidence log \`${file}\` is not a regular file`, { hint: 'pass the evidence directory; its `evidence.jsonl` must be a plain file' });
    // buf[0] is the spare byte the first line's leaf prefix borrows.
    let buf = Buffer.allocUnsafe(1 + CHUNK);
    let carry = 0;
    for (;;) {
      if (carry === buf.length - 1) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, 1 + carry);
        buf = bigger;
      }
      const read = readSync(fd, buf, 1 + carry, buf.length - 1 - carry, null);
      if (read === 0) break;
      scanner.fileBytes(buf.subarray(1 + carry, 1 + carry + read));
      const end = 1 + carry + read;
      let p = 1;
      for (let e = buf.indexOf(NEWLINE, p); e !== -1 && e < end; e = buf.indexOf(NEWLINE, p)) {
        scanner.line(buf, p, e);
        p = e + 1;
      }
      buf.copy(buf, 1, p, end);
      carry = end - p;
    }
    if (carry > 0) scanner.partial();
  } finally {
    closeSync(fd);
  }
  return scanner.result();
}

/** Scans log bytes held in memory. */
export function scanLogBytes(bytes: Uint8Array, options: ScanOptions = {}): LogScan {
  const scanner = new LogScanner(options);
  const buf = Buffer.alloc(bytes.length + 1);
  buf.set(bytes, 1);
  scanner.fileBytes(buf.subarray(1));
  let p = 1;
  for (let e = buf.indexOf(NEWLINE, p); e !== -1; e = buf.indexOf(NEWLINE, p)) {
    scanner.line(buf, p, e);
    p = e + 1;
  }
  if (p < buf.length) scanner.partial();
  return scanner.result();
}
