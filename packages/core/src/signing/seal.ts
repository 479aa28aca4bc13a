import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { DecisionValue } from '../decision/types.ts';
import { CavraError } from '../errors.ts';
import { formatCheckpoint, identityExtension, signNote, type NoteSigner } from '../evidence/checkpoint.ts';
import { DEFAULT_ORIGIN, EVIDENCE_FILES, withEvidenceLock, writeAtomic, type WrittenBatch } from '../evidence/log.ts';
import { assertExtendsHeads, keepHead, KEPT_BUNDLE_SUFFIX, presentHeads, type PresentHead } from '../evidence/heads.ts';
import { readRegularText } from '../evidence/safe-read.ts';
import { scanLogFile } from '../evidence/scan.ts';
import type { Signer } from './signer.ts';
import { buildEvidenceStatement, type EvidenceStatement, type StatementSubject } from './statement.ts';

/** Options of {@link sealEvidence}. */
export interface SealOptions {
  /** Signs the statement into the bundle (key or keyless). */
  signer: Signer;
  /** Also signs the final checkpoint note (key signing). */
  noteSigner?: NoteSigner;
  now: () => Date;
  /** Runner identity of the run, recorded in the predicate. */
  run?: Record<string, unknown>;
  origin?: string;
  /** Extra files (reports, the AI-BOM) to list as subjects; one from outside `dir` is copied into it. */
  artefacts?: readonly string[];
  /** What an append of this process wrote: its lines, still byte for byte in the log, are not parsed again. */
  written?: WrittenBatch;
}

/** What sealing produced. */
export interface SealResult {
  statement: EvidenceStatement;
  bundlePath: string;
  size: number;
}

/**
 * Seals an evidence directory: checks the whole log, writes the final checkpoint, and signs an
 * in-toto statement (subject `evidence.jsonl` + sha256) into `bundle.sigstore.json`.
 * Holds the append lock, so no record lands between the scan and the signature.
 */
export async function sealEvidence(dir: string, options: SealOptions): Promise<SealResult> {
  return withEvidenceLock(dir, undefined, async (logPath) => {
    const counts: Partial<Record<DecisionValue, number>> = {};
    const digests = new Set<string>();
    const heads = presentHeads(dir);
    const count = (decision: DecisionValue, packDigest: string | undefined) => {
      counts[decision] = (counts[decision] ?? 0) + 1;
      if (packDigest) digests.add(packDigest);
    };
    const { written } = options;
    const scan = scanLogFile(logPath, {
      parse: true,
      rootsAt: heads.map((h) => h.size),
      onRecord: ({ record }) => count(record.decision.decision, record.pack_digest),
      ...(written
        ? {
            known: {
              offset: written.offset,
              data: written.data,
              onKnown: (index: number) => {
                const line = written.lines[index - written.firstSeq];
                if (line === undefined) throw new CavraError('ERR_INTERNAL', `record ${index} is not one of the batch this process appended`);
                count(line.decision, line.packDigest);
              },
            },
          }
        : {}),
    });
    const bad = scan.problems[0];
    if (bad) throw new CavraError('ERR_EVIDENCE_CHAIN_BROKEN', `refusing to seal \`${dir}\`: record ${bad.record}: ${bad.message}`, { hint: 'run `cavra verify` on the directory', details: { code: bad.code } });
    if (scan.records === 0) throw new CavraError('ERR_EVIDENCE_EMPTY', `refusing to seal \`${dir}\`: the evidence log has no records`);
    // A rewritten history must not be sealed: the log extends every head it already had.
    assertExtendsHeads(scan, heads, `seal \`${dir}\``);
    keepEarlierHeads(dir, heads);
    const sealedAt = options.now().toISOString();
    const origin = options.origin ?? DEFAULT_ORIGIN;
    const extensions = [`timestamp ${sealedAt}`, ...(options.run ? [identityExtension(options.run)] : [])];
    const body = formatCheckpoint({ origin, size: scan.records, root: scan.root, extensions });
    if (options.noteSigner) {
      const note = signNote(body, [options.noteSigner]);
      keepHead(dir, scan.records, note, '.checkpoint');
      writeAtomic(join(dir, EVIDENCE_FILES.checkpoint), note);
    }
    const subjects: StatementSubject[] = [{ name: EVIDENCE_FILES.log, digest: { sha256: scan.fileSha256 } }];
    const names = new Set<string>([EVIDENCE_FILES.log]);
    for (const file of options.artefacts ?? []) {
      const name = basename(file);
      if (names.has(name)) throw new CavraError('ERR_USAGE', `two sealed files are named \`${name}\``, { hint: 'give each `--artefact` a distinct file name' });
      names.add(name);
      subjects.push({ name, digest: { sha256: placeArtefact(dir, file) } });
    }
    const { statement, bytes } = buildEvidenceStatement(subjects, {
      checkpoint: body,
      origin,
      tree_size: scan.records,
      root_hash: scan.root.toString('hex'),
      chain_head: scan.head,
      sealed_at: sealedAt,
      run: options.run ?? null,
      policy_digests: [...digests].sort(),
      decision_counts: counts,
    });
    const bundle = await options.signer.signStatement(bytes);
    const bundlePath = join(dir, EVIDENCE_FILES.bundle);
    const bundleText = `${JSON.stringify(bundle, null, 2)}\n`;
    keepHead(dir, scan.records, bundleText, KEPT_BUNDLE_SUFFIX);
    writeAtomic(bundlePath, bundleText);
    return { statement, bundlePath, size: scan.records };
  }, false);
}

// The sealed checkpoint and bundle of an earlier seal (made before heads were kept) are kept
// under `checkpoints/` before this seal replaces them.
function keepEarlierHeads(dir: string, heads: readonly PresentHead[]): void {
  for (const head of heads) {
    if (head.source !== EVIDENCE_FILES.checkpoint && head.source !== EVIDENCE_FILES.bundle) continue;
    const text = readRegularText(join(dir, head.source), head.source) ?? '';
    keepHead(dir, head.size, text, head.source === EVIDENCE_FILES.checkpoint ? '.checkpoint' : KEPT_BUNDLE_SUFFIX);
  }
}

// `cavra verify` checks every subject as a file beside the log, so an artefact from elsewhere is
// copied in: the sealed directory stays self-contained, and storing it stores the artefacts too.
function placeArtefact(dir: string, file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read artefact \`${file}\``, { cause });
  }
  const inside = join(dir, basename(file));
  if (resolve(inside) !== resolve(file)) {
    if (existsSync(inside) && !readFileSync(inside).equals(bytes)) {
      throw new CavraError('ERR_USAGE', `the evidence directory already holds another \`${basename(file)}\``, { hint: 'rename the artefact, or seal the copy inside the directory' });
    }
    writeAtomic(inside, bytes);
  }
  return createHash('sha256').update(bytes).digest('hex');
}
