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
  if (typeof manifest.created_at !== 'string' || Number.isNaN(Date.parse(manifest.created_at))) throw invalid(key, 'has no valid `created_at`');
  // The name's timestamp is the manifest's own `created_at`: a planted manifest cannot sort last
  // by its name alone.
  if (key !== manifestKey(new Date(manifest.created_at), key.slice(-21, -5)) || !MANIFEST_KEY.test(key)) {
    throw invalid(key, `is named for another time than its \`created_at\` (${manifest.created_at.slice(0, 40)})`);
  }
  const names = new Set(manifest.files.map((entry) => (entry as { name?: unknown } | null)?.name));
  const seen = new Set<string>();
  for (const entry of manifest.files) {
    if (
      typeof entry !== 'object' || entry === null ||
      typeof entry.name !== 'string' || !isSafeName(entry.name) || seen.has(entry.name) ||
      typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256) ||
      !Number.isSafeInteger(entry.size) || entry.size < 0 ||
      entry.key !== objectKey(entry.sha256) ||
      !(entry.version_id === null || typeof entry.version_id === 'string') ||
      // `a` and `a/b` cannot both be files.
      ancestorsOf(entry.name).some((parent) => names.has(parent))
    ) {
      throw invalid(key, `has an invalid entry \`${String((entry as { name?: unknown } | null)?.name)}\``);
    }
    seen.add(entry.name);
  }
  return manifest;
}

/** The shape of a manifest key: `manifests/<compact ISO time>-<16 hex of its digest>.json`. */
export const MANIFEST_KEY = /^manifests\/\d{8}T\d{9}Z-[0-9a-f]{16}\.json$/;

/** The creation time a manifest key names, or `undefined` when the key is not one. */
export function manifestKeyTime(key: string): Date | undefined {
  const match = /^manifests\/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-[0-9a-f]{16}\.json$/.exec(key);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, sec, ms] = match;
  const time = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}.${ms}Z`);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

function ancestorsOf(name: string): string[] {
  const parts = name.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Whether a relative file name is safe to create under a directory. */
export function isSafeName(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

function invalid(key: string, what: string, cause?: unknown): CavraError {
  return new CavraError('ERR_STORE_VERIFY_FAILED', `manifest \`${key}\` ${what}`, { cause, details: { key } });
}
