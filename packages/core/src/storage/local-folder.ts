import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CavraError } from '../errors.ts';
import { sha256Hex } from './digest.ts';
import type { EvidenceStore, ObjectHead, ObjectRef, RetentionRequest } from './store.ts';

const MUTABLE = { immutable: false, mode: undefined, retainUntil: undefined, legalHold: false } as const;

/**
 * An evidence store in a local folder (the default): objects are read-only files, written
 * through a temporary file and a hard link so a file is never partial and never overwritten.
 *
 * A folder cannot prove immutability (its owner can change the mode back), so it always reports
 * a mutable copy and `push` needs `--allow-mutable` for it.
 */
export class LocalFolderStore implements EvidenceStore {
  readonly uri: string;
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
    this.uri = pathToFileURL(this.#root).href;
  }

  async checkImmutable(): Promise<{ immutable: boolean; reason: string | undefined }> {
    return { immutable: false, reason: 'a local folder cannot enforce retention (read-only files only)' };
  }

  async put(key: string, body: Uint8Array, sha256: string, _retention: RetentionRequest): Promise<ObjectRef> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.partial`;
    await writeFile(temporary, body, { mode: 0o444, flag: 'wx' });
    try {
      // link() fails with EEXIST instead of replacing: the file under `key` is never overwritten.
      await link(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw wrapFsError(error, key);
      if (sha256Hex(await readFile(path)) !== sha256) {
        throw new CavraError('ERR_STORE_VERIFY_FAILED', `\`${key}\` already exists in \`${this.uri}\` with different content`, {
          hint: 'objects are never overwritten; push to a new prefix',
          details: { key },
        });
      }
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
    await chmod(path, 0o444);
    return { key, versionId: undefined };
  }

  async head(ref: ObjectRef): Promise<ObjectHead | undefined> {
    try {
      const info = await stat(this.#path(ref.key));
      return { key: ref.key, versionId: undefined, size: info.size, retention: MUTABLE };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw wrapFsError(error, ref.key);
    }
  }

  async get(ref: ObjectRef): Promise<Uint8Array> {
    try {
      return await readFile(this.#path(ref.key));
    } catch (error) {
      throw wrapFsError(error, ref.key);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const start = this.#path(prefix.endsWith('/') ? prefix : dirname(prefix));
    let entries: string[];
    try {
      entries = await readdir(start, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw wrapFsError(error, prefix);
    }
    const keys: string[] = [];
    for (const entry of entries) {
      const key = relative(this.#root, join(start, entry)).split(sep).join('/');
      if (!key.startsWith(prefix) || key.endsWith('.partial')) continue;
      if ((await stat(join(start, entry))).isFile()) keys.push(key);
    }
    return keys.sort();
  }

  // INVARIANT: keys come from our own layout, but refuse anything that would leave the root.
  #path(key: string): string {
    const path = resolve(this.#root, key);
    if (path !== this.#root && !path.startsWith(this.#root + sep)) {
      throw new CavraError('ERR_STORE_VERIFY_FAILED', `key \`${key}\` leaves the store folder`, { details: { key } });
    }
    return path;
  }
}

function wrapFsError(error: unknown, key: string): CavraError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CavraError('ERR_STORE_NOT_FOUND', `\`${key}\` not found in the store folder`, { cause: error, details: { key } });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new CavraError('ERR_STORE_ACCESS_DENIED', `access to \`${key}\` in the store folder was denied`, { cause: error, hint: 'check the folder permissions', details: { key } });
  }
  return new CavraError('ERR_STORE_UNAVAILABLE', `the store folder failed on \`${key}\`: ${(error as Error).message}`, { cause: error, details: { key } });
}

