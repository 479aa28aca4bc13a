import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CavraError } from '../errors.ts';
import { sha256Hex } from './digest.ts';
import { MANIFEST_PREFIX, parseManifest } from './manifest.ts';
import { toReceiptRetention, type ReceiptObject } from './receipt.ts';
import type { EvidenceStore } from './store.ts';

/** What `pullEvidence` fetched and checked. */
export interface PullResult {
  uri: string;
  manifest: { key: string; sha256: string; created_at: string };
  files: ReceiptObject[];
  /** Whether every pulled version, as the server reports now, is under retention or legal hold. */
  immutable: boolean;
}

/**
 * Fetches the newest manifest under the store's prefix and every version it names into `dir`
 * (which must be absent or empty), comparing each file's SHA-256 with the manifest. The directory
 * appears only once every file verified.
 */
export async function pullEvidence(store: EvidenceStore, dir: string): Promise<PullResult> {
  await assertEmptyTarget(dir);
  const manifests = (await store.list(MANIFEST_PREFIX)).filter((key) => key.endsWith('.json'));
  const key = manifests.at(-1);
  if (key === undefined) {
    throw new CavraError('ERR_STORE_NOT_FOUND', `no evidence manifest under \`${store.uri}\``, { hint: 'check the URI; `cavra evidence push` writes one per push' });
  }
  const manifestBytes = await store.get({ key, versionId: undefined });
  const manifestSha = sha256Hex(manifestBytes);
  // The key names the first 16 hex digits of the manifest's own digest.
  if (!key.endsWith(`-${manifestSha.slice(0, 16)}.json`)) {
    throw new CavraError('ERR_STORE_VERIFY_FAILED', `manifest \`${key}\` does not match the digest in its name`, { details: { key } });
  }
  const manifest = parseManifest(manifestBytes, key);
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
  await writeDirectory(dir, manifest.files.map((entry, index) => [entry.name, bodies[index]!] as const));
  const immutable = files.every((file) => file.retention.legal_hold || (file.retention.mode !== null && file.retention.retain_until !== null));
  return { uri: store.uri, manifest: { key, sha256: manifestSha, created_at: manifest.created_at }, files, immutable };
}

async function assertEmptyTarget(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length > 0) {
      throw new CavraError('ERR_USAGE', `pull target \`${dir}\` is not empty`, { hint: 'pull into a new or empty directory' });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
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
    throw error;
  }
}
