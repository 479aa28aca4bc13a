import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CavraError } from '../errors.ts';
import { parseCheckpoint, parseSignedNote } from './checkpoint.ts';
import type { LogScan } from './scan.ts';
import { readRegularText } from './safe-read.ts';

// Every tree head an evidence directory holds (batch checkpoints, the sealed checkpoint, the
// bundle's statement and the heads kept from earlier seals) must be a prefix of the log: a
// writer refuses to append to or seal a log that does not extend them (RFC 9162 §2.1.4:
// the old root must be the root of the first `size` leaves). Signatures are not checked here
// (the writer may hold no verifier key); an inconsistent head of any kind stops the writer,
// which is the fail-closed side. `verify` checks the signatures.

/** File names of heads kept by the writer beside the batch checkpoints. */
export const KEPT_BUNDLE_SUFFIX = '.sigstore.json';

/** A tree head found in an evidence directory (unverified). */
export interface PresentHead {
  size: number;
  root: Buffer;
  /** Where it was found, relative to the directory. */
  source: string;
}

/**
 * Reads every tree head in `dir` (with `newestBatchOnly`, of `checkpoints/` only the one of the
 * largest size); a head that cannot be read is an error (fail closed).
 */
export function presentHeads(dir: string, options: { newestBatchOnly?: boolean; mirror?: string } = {}): PresentHead[] {
  const heads: PresentHead[] = options.mirror ? mirroredHeads(options.mirror, options.newestBatchOnly) : [];
  const note = readRegularText(join(dir, 'checkpoint'), 'checkpoint');
  if (note !== undefined) heads.push(noteHead(note, 'checkpoint'));
  const bundle = readRegularText(join(dir, 'bundle.sigstore.json'), 'bundle');
  if (bundle !== undefined) heads.push(bundleHead(bundle, 'bundle.sigstore.json'));
  const batchDir = join(dir, 'checkpoints');
  if (existsSync(batchDir)) {
    // Names start with the zero-padded size, so the last name is the largest head.
    const names = readdirSync(batchDir).filter((n) => n.endsWith('.checkpoint') || n.endsWith(KEPT_BUNDLE_SUFFIX)).sort();
    for (const name of options.newestBatchOnly ? names.slice(-1) : names) {
      const path = join(batchDir, name);
      if (name.endsWith('.checkpoint')) heads.push(noteHead(readRegularText(path, 'checkpoint') ?? '', `checkpoints/${name}`));
      else if (name.endsWith(KEPT_BUNDLE_SUFFIX)) heads.push(bundleHead(readRegularText(path, 'bundle') ?? '', `checkpoints/${name}`));
    }
  }
  return heads;
}

/**
 * The heads copied out of the workspace as they were made (`AppendOptions.headsMirror`): an agent
 * that shares the workspace can delete the heads beside the log, not these.
 */
export function mirroredHeads(mirror: string, newestOnly = false): PresentHead[] {
  if (!existsSync(mirror)) return [];
  const names = readdirSync(mirror).filter((name) => name.endsWith('.checkpoint')).sort();
  return (newestOnly ? names.slice(-1) : names).map((name) => noteHead(readRegularText(join(mirror, name), 'checkpoint') ?? '', `${mirror}/${name}`));
}

/** Copies a head out of the workspace, once, under the name it has beside the log. */
export function mirrorHead(mirror: string, name: string, text: string): void {
  mkdirSync(mirror, { recursive: true, mode: 0o700 });
  writeOnce(join(mirror, name), text);
}

/** Throws `ERR_EVIDENCE_CHECKPOINT_INCONSISTENT` unless the scanned log extends every head. */
export function assertExtendsHeads(scan: LogScan, heads: readonly PresentHead[], action: string): void {
  for (const head of heads) {
    if (head.size > scan.records) {
      throw inconsistent(`refusing to ${action}: \`${head.source}\` covers ${head.size} records but the log has ${scan.records}`);
    }
    const root = scan.rootsAt.get(head.size);
    if (!root?.equals(head.root)) {
      throw inconsistent(`refusing to ${action}: the log's first ${head.size} records do not match \`${head.source}\` (the history was rewritten)`);
    }
  }
}

/**
 * Keeps a signed head for good: writes it once under `checkpoints/` with an exclusive,
 * no-follow create named by its content digest, so no later run can overwrite it.
 */
export function keepHead(dir: string, size: number, text: string, suffix: '.checkpoint' | typeof KEPT_BUNDLE_SUFFIX): void {
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const name = `${String(size).padStart(12, '0')}-${digest}${suffix === '.checkpoint' ? '.sealed.checkpoint' : `.bundle${suffix}`}`;
  writeOnce(join(dir, 'checkpoints', name), text);
}

/** Creates `file` with `text` unless it exists (O_EXCL|O_NOFOLLOW); an existing regular file is left as is. */
export function writeOnce(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST' && lstatSync(file).isFile()) return false;
    throw new CavraError('ERR_EVIDENCE_INVALID', `cannot write \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
  } finally {
    closeSync(fd);
  }
  return true;
}

function noteHead(text: string, source: string): PresentHead {
  try {
    const body = text.includes('\n\n') ? parseSignedNote(text).text : text;
    const checkpoint = parseCheckpoint(body);
    return { size: checkpoint.size, root: checkpoint.root, source };
  } catch (cause) {
    throw inconsistent(`\`${source}\` is not a readable checkpoint; refusing to write past it`, cause);
  }
}

function bundleHead(text: string, source: string): PresentHead {
  try {
    const bundle = JSON.parse(text) as { dsseEnvelope?: { payload?: unknown } };
    const payload = bundle.dsseEnvelope?.payload;
    if (typeof payload !== 'string') throw new Error('no DSSE payload');
    const predicate = (JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { predicate?: { tree_size?: unknown; root_hash?: unknown } }).predicate;
    const size = predicate?.tree_size;
    const root = typeof predicate?.root_hash === 'string' && /^[0-9a-f]{64}$/.test(predicate.root_hash) ? Buffer.from(predicate.root_hash, 'hex') : undefined;
    if (!Number.isSafeInteger(size) || (size as number) < 0 || !root) throw new Error('no tree size and root');
    return { size: size as number, root, source };
  } catch (cause) {
    throw inconsistent(`\`${source}\` is not a readable bundle; refusing to write past it`, cause);
  }
}

function inconsistent(message: string, cause?: unknown): CavraError {
  return new CavraError('ERR_EVIDENCE_CHECKPOINT_INCONSISTENT', message, { hint: 'the log does not extend a tree head it already had; keep this directory as evidence of tampering and start a new one', ...(cause ? { cause } : {}) });
}
