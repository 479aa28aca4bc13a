import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';

/** A fresh temporary directory. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `cavra-storage-${label}-`));
}

/**
 * An evidence directory shaped like the one `cavra evaluate --evidence` and `evidence seal` write:
 * a log, checkpoints in a sub-folder and a bundle. Contents are arbitrary bytes; storage treats
 * evidence as opaque files.
 */
export function makeEvidenceDir(seed = 'run-1'): string {
  const dir = tempDir('evidence');
  const records = Array.from({ length: 5 }, (_, i) => JSON.stringify({ seq: i, decision: i % 2 ? 'block' : 'allow', seed }));
  writeFileSync(join(dir, 'evidence.jsonl'), `${records.join('\n')}\n`);
  mkdirSync(join(dir, 'checkpoints'));
  writeFileSync(join(dir, 'checkpoints', '5.txt'), `cavra.example/log\n5\n${createHash('sha256').update(seed).digest('base64')}\n`);
  writeFileSync(join(dir, 'bundle.sigstore.json'), JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', seed }));
  return dir;
}

/** Every file under `dir` as `name → sha256`, names with `/`. */
export function digestTree(dir: string, skip: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path).split(sep).join('/');
    if (skip.includes(name)) continue;
    out[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}
