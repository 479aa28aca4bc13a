/** How long and how strictly a stored object must stay unaltered. */
export const RETENTION_MODES = ['governance', 'compliance'] as const;

/** `governance`: privileged users may lift it; `compliance`: nobody can until it expires. */
export type RetentionMode = (typeof RETENTION_MODES)[number];

/** The retention a caller asks for on every object of one push. */
export interface RetentionRequest {
  mode: RetentionMode;
  /** Objects stay locked at least until this instant. */
  retainUntil: Date;
  /** Also place a legal hold (no expiry; lifted only explicitly). */
  legalHold: boolean;
}

/** The retention a store reports for an object, as read back from the server. */
export interface AppliedRetention {
  /** Whether the server enforces immutability for this version (false: a mutable copy). */
  immutable: boolean;
  mode: RetentionMode | undefined;
  /** ISO 8601, as the server reported it. */
  retainUntil: string | undefined;
  legalHold: boolean;
}

/** One stored version of one object. */
export interface ObjectRef {
  key: string;
  /** The server's version id; absent where the store has no versions (local folder). */
  versionId: string | undefined;
}

/** What `head` reports about a stored version. */
export interface ObjectHead extends ObjectRef {
  size: number;
  retention: AppliedRetention;
}

/**
 * An immutable evidence store: write-once objects under string keys.
 *
 * Implementations: `LocalFolderStore`, `S3ObjectLockStore`, `AzureImmutableBlobStore`.
 * `put` never overwrites a different body under an existing key and returns the exact
 * version written; callers must read the version back (`head`, `get`) before trusting it.
 */
export interface EvidenceStore {
  /** A `file://`, `s3://` or `azblob://` URI naming the store and prefix, for receipts. */
  readonly uri: string;
  /**
   * Whether the target can enforce immutability at all (S3: Object Lock on the bucket; Azure:
   * version-level immutability on the container). Checked before anything is written.
   */
  checkImmutable(): Promise<{ immutable: boolean; reason: string | undefined }>;
  /**
   * Writes `body` (whose SHA-256 is `sha256`, lowercase hex) under `key`, asking for `retention`
   * where the target supports it, and returns the version written.
   */
  put(key: string, body: Uint8Array, sha256: string, retention: RetentionRequest): Promise<ObjectRef>;
  /** Reads back a version's size and applied retention; undefined when no such object or version. */
  head(ref: ObjectRef): Promise<ObjectHead | undefined>;
  /** Reads a version's bytes. */
  get(ref: ObjectRef): Promise<Uint8Array>;
  /** Lists current keys under a key prefix, sorted. */
  list(prefix: string): Promise<string[]>;
}
