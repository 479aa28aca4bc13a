import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { CavraError } from '../errors.ts';
import { sha256Hex } from './digest.ts';
import { RECEIPT_FILE } from './receipt.ts';

/** One file of an evidence directory, read into memory with its digest. */
export interface EvidenceFile {
  /** Relative path with `/` separators. */
  name: string;
  body: Uint8Array;
  sha256: string;
}

/**
 * Reads every regular file of an evidence directory, sorted by name, except a storage receipt
 * at the top level (it describes a push and is written after it). Symbolic links are refused.
 */
export async function readEvidenceFiles(dir: string): Promise<EvidenceFile[]> {
  let entries: string[];
  try {
    if (!(await lstat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    entries = await readdir(dir, { recursive: true });
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read evidence directory \`${dir}\`: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
      cause,
      hint: 'give the directory that `cavra evaluate --evidence` or `cavra evidence seal` wrote',
    });
  }
  const files: EvidenceFile[] = [];
  for (const entry of entries.sort()) {
    const name = entry.split(sep).join('/');
    if (name === RECEIPT_FILE || name.endsWith('.partial')) continue;
    const path = join(dir, entry);
    const info = await lstat(path);
    if (info.isSymbolicLink()) {
      throw new CavraError('ERR_INPUT_UNREADABLE', `evidence directory holds a symbolic link \`${name}\``, { hint: 'copy the file in instead of linking it', details: { name } });
    }
    if (!info.isFile()) continue;
    const body = await readFile(path);
    files.push({ name, body, sha256: sha256Hex(body) });
  }
  if (files.length === 0) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `evidence directory \`${dir}\` holds no files`, { hint: 'record evidence first with `cavra evaluate --evidence DIR`' });
  }
  return files;
}
