import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CavraError, isCavraError } from '../errors.ts';
import { sha256Hex } from './digest.ts';
import { MANIFEST_KEY, MANIFEST_PREFIX, parseManifest, type StorageManifest } from './manifest.ts';
import { toReceiptRetention, type ReceiptObject } from './receipt.ts';
import type { EvidenceStore } from './store.ts';

/** What `pullEvidence` fetched and checked. */
export interface PullResult {
  uri: string;
  manifest: { key: string; sha256: string; created_at: string };
  files: ReceiptObject[];
  /** Whether every pulled version, as the server reports now, is under retention or legal hold. */
  immutable: boolean;
  /** Newer manifests that did not verify and were passed over, with why. */
  skipped?: string[];
}

/** Options of {@link pullEvidence}. */
export interface PullOptions {
  /** Pull exactly this manifest (the key in a storage receipt), never another. */
  manifestKey?: string;
  /** The clock: a manifest dated more than five minutes ahead of it is refused. */
  now?: () => Date;
}

const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Fetches a manifest under the store's prefix and every version it names into `dir` (which must
 * be absent or an empty directory, not a symlink), comparing each file's SHA-256 with the
 * manifest. With `manifestKey` that manifest only; otherwise the newest manifest that verifies
 * (one junk or planted manifest neither blocks the pull nor wins it: a manifest named for
 * another time than its `created_at`, or dated in the future, is skipped). The directory
 * appears only once every file verified.
 */
export async function pullEvidence(store: EvidenceStore, dir: string, options: PullOptions = {}): Promise<PullResult> {
  await assertEmptyTarget(dir);
  const now = (options.now ?? (() => new Date()))();
  let candidates: string[];
  if (options.manifestKey !== undefined) {
    if (!MANIFEST_KEY.test(options.manifestKey)) {
      throw new CavraError('ERR_USAGE', `\`${options.manifestKey.slice(0, 120)}\` is not a manifest key`, { hint: 'pass the `manifest.key` of a storage receipt, e.g. `manifests/20260518T120000000Z-0123456789abcdef.json`' });
    }
    candidates = [options.manifestKey];
  } else {
    candidates = (await store.list(MANIFEST_PREFIX)).filter((key) => MANIFEST_KEY.test(key)).sort().reverse();
  }
  if (candidates.length === 0) {
    throw new CavraError('ERR_STORE_NOT_FOUND', `no evidence manifest under \`${store.uri}\``, { hint: 'check the URI; `cavra evidence push` writes one per push' });
  }
  const refused: string[] = [];
  for (const key of candidates) {
    try {
      const fetched = await fetchManifest(store, key, now);
      await writeDirectory(dir, fetched.manifest.files.map((entry, index) => [entry.name, fetched.bodies[index]!] as const));
      const immutable = fetched.files.every((file) => file.retention.legal_hold || (file.retention.mode !== null && file.retention.retain_until !== null));
      return { uri: store.uri, manifest: { key, sha256: fetched.sha256, created_at: fetched.manifest.created_at }, files: fetched.files, immutable, ...(refused.length > 0 ? { skipped: refused } : {}) };
    } catch (error) {
      if (!isCavraError(error) || (error.code !== 'ERR_STORE_VERIFY_FAILED' && error.code !== 'ERR_STORE_NOT_FOUND') || options.manifestKey !== undefined) throw error;
      refused.push(`${key}: ${error.message}`);
    }
  }
  throw new CavraError('ERR_STORE_VERIFY_FAILED', `none of the ${candidates.length} manifest(s) under \`${store.uri}\` verifies (newest: ${refused[0]})`, {
    hint: 'the stored copies were altered; do not trust them',
  });
}

async function fetchManifest(store: EvidenceStore, key: string, now: Date): Promise<{ manifest: StorageManifest; sha256: string; files: ReceiptObject[]; bodies: Uint8Array[] }> {
  const manifestBytes = await store.get({ key, versionId: undefined });
  const sha256 = sha256Hex(manifestBytes);
  // The key names the first 16 hex digits of the manifest's own digest.
  if (!key.endsWith(`-${sha256.slice(0, 16)}.json`)) {
    throw new CavraError('ERR_STORE_VERIFY_FAILED', `manifest \`${key}\` does not match the digest in its name`, { details: { key } });
  }
  const manifest = parseManifest(manifestBytes, key);
  if (Date.parse(manifest.created_at) > now.getTime() + CLOCK_SKEW_MS) {
    throw new CavraError('ERR_STORE_VERIFY_FAILED', `manifest \`${key}\` is dated in the future (${manifest.created_at})`, { details: { key } });
  }
  const files: ReceiptObject[] = [];
  const bodies: Uint8Array[] = [];
  for (const entry of manifest.files) {
    const ref = { key: entry.key, versionId: entry.version_id ?? undefined };
    const body = await store.get(ref);
    if (body.byteLength !== entry.size || sha256Hex(body) !== entry.sha256) {
      throw new CavraError('ERR_STORE_VERIFY_FAILED', `\`${entry.name}\` pulled from \`${store.uri}\` does not match its manifest digest`, {
        hint: 'the stored copy was altered; do not trust it',
        details: { name: entry.name, key: entry.key, expected: entry.sha256 },
      });
    }
    const head = await store.head(ref);
    const retention = head?.retention ?? { immutable: false, mode: undefined, retainUntil: undefined, legalHold: false };
    files.push({ name: entry.name, sha256: entry.sha256, size: entry.size, key: entry.key, version_id: entry.version_id, retention: toReceiptRetention(retention) });
    bodies.push(body);
  }
  return { manifest, sha256, files, bodies };
}

async function assertEmptyTarget(dir: string): Promise<void> {
  let stat;
  try {
    stat = await lstat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new CavraError('ERR_USAGE', `cannot use pull target \`${dir}\`: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { cause: error });
  }
  if (stat.isSymbolicLink()) throw new CavraError('ERR_USAGE', `pull target \`${dir}\` is a symbolic link`, { hint: 'pull into a new or empty directory, not through a link' });
  if (!stat.isDirectory()) throw new CavraError('ERR_USAGE', `pull target \`${dir}\` exists and is not a directory`, { hint: 'pull into a new or empty directory' });
  if ((await readdir(dir)).length > 0) throw new CavraError('ERR_USAGE', `pull target \`${dir}\` is not empty`, { hint: 'pull into a new or empty directory' });
}

// Written beside the target and renamed into place, so a failed pull leaves nothing half-written.
async function writeDirectory(dir: string, files: ReadonlyArray<readonly [string, Uint8Array]>): Promise<void> {
  const target = resolve(dir);
  const staging = `${target}.${randomUUID()}.partial`;
  try {
    for (const [name, body] of files) {
      const path = join(staging, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body, { flag: 'wx' });
    }
    // The target was checked empty; rmdir refuses anything else.
    await rmdir(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (isCavraError(error)) throw error;
    throw new CavraError('ERR_USAGE', `cannot write the pulled evidence to \`${dir}\`: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { cause: error, hint: 'pull into a new or empty directory whose parent exists' });
  }
}
