import { CavraError } from '../errors.ts';

/** Schema tag of the manifest written beside the objects of each push. */
export const MANIFEST_SCHEMA = 'cavra.storage-manifest/v1';

/** Where objects and manifests live under a store's prefix. */
export const MANIFEST_PREFIX = 'manifests/';

/** One evidence file as pushed: its name in the evidence directory and where its bytes are. */
export interface ManifestEntry {
  /** Relative path with `/` separators, e.g. `checkpoints/3.txt`. */
  name: string;
  sha256: string;
  size: number;
  key: string;
  version_id: string | null;
}

/** The list of files of one push, stored last, after every object was read back and verified. */
export interface StorageManifest {
  schema: typeof MANIFEST_SCHEMA;
  created_at: string;
  files: ManifestEntry[];
}

/** Content-addressed key of a file body: identical bytes always map to the same key. */
export function objectKey(sha256: string): string {
  return `sha256/${sha256}`;
}

/** Key of a manifest; sorts by creation time, and names its own digest. */
export function manifestKey(createdAt: Date, sha256: string): string {
  return `${MANIFEST_PREFIX}${createdAt.toISOString().replace(/[-:.]/g, '')}-${sha256.slice(0, 16)}.json`;
}

// attacker-controlled: a manifest read from a store. Names must stay inside the target directory.
/** Parses and validates a manifest read from a store. */
export function parseManifest(bytes: Uint8Array, key: string): StorageManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw invalid(key, 'is not UTF-8 JSON', cause);
  }
  const manifest = value as StorageManifest;
  if (typeof value !== 'object' || value === null || manifest.schema !== MANIFEST_SCHEMA || !Array.isArray(manifest.files)) {
    throw invalid(key, `is not a \`${MANIFEST_SCHEMA}\` manifest`);
  }
  const seen = new Set<string>();
  for (const entry of manifest.files) {
    if (
      typeof entry !== 'object' || entry === null ||
      typeof entry.name !== 'string' || !isSafeName(entry.name) || seen.has(entry.name) ||
      typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256) ||
      !Number.isSafeInteger(entry.size) || entry.size < 0 ||
      entry.key !== objectKey(entry.sha256) ||
      !(entry.version_id === null || typeof entry.version_id === 'string')
    ) {
      throw invalid(key, `has an invalid entry \`${String((entry as { name?: unknown } | null)?.name)}\``);
    }
    seen.add(entry.name);
  }
  return manifest;
}

/** Whether a relative file name is safe to create under a directory. */
export function isSafeName(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

function invalid(key: string, what: string, cause?: unknown): CavraError {
  return new CavraError('ERR_STORE_VERIFY_FAILED', `manifest \`${key}\` ${what}`, { cause, details: { key } });
}
