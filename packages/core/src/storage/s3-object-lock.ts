import {
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type HeadObjectCommandOutput,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { CavraError } from '../errors.ts';
import { isS3ObjectMissing, wrapS3Error } from './s3-errors.ts';
import type { AppliedRetention, EvidenceStore, ObjectHead, ObjectRef, RetentionRequest } from './store.ts';

/** Options of `S3ObjectLockStore`; credentials and region come from the SDK's usual chain when absent. */
export interface S3ObjectLockStoreOptions {
  bucket: string;
  /** Key prefix, empty or ending in `/`. */
  prefix: string;
  region?: string;
  /** An S3-compatible endpoint (Ceph RGW, MinIO); implies path-style addressing. */
  endpoint?: string;
  credentials?: S3ClientConfig['credentials'];
  /** Total attempts per request, retried with backoff on throttling, 5xx and network errors. Default 4. */
  maxAttempts?: number;
  /** Per-request socket timeout in milliseconds. Default 30000. */
  requestTimeoutMs?: number;
}

/**
 * An evidence store in an S3 bucket with Object Lock: every object is written with a retention
 * mode and retain-until date (and optionally a legal hold), a SHA-256 checksum, and is addressed
 * by its `VersionId` from then on.
 */
export class S3ObjectLockStore implements EvidenceStore {
  readonly uri: string;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  #lockEnabled: boolean | undefined;

  constructor(options: S3ObjectLockStoreOptions) {
    this.#bucket = options.bucket;
    this.#prefix = options.prefix;
    this.uri = `s3://${options.bucket}/${options.prefix}`;
    this.#client = new S3Client({
      region: options.region ?? 'us-east-1',
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint, forcePathStyle: true }),
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      // A bucket in another region than AWS_REGION answers with a redirect; follow it.
      followRegionRedirects: true,
      maxAttempts: options.maxAttempts ?? 4,
      retryMode: 'standard',
      requestChecksumCalculation: 'WHEN_SUPPORTED',
      requestHandler: { requestTimeout: options.requestTimeoutMs ?? 30_000, connectionTimeout: 10_000 },
    });
  }

  async checkImmutable(): Promise<{ immutable: boolean; reason: string | undefined }> {
    const reason = await this.#lockProblem();
    this.#lockEnabled = reason === undefined;
    return { immutable: this.#lockEnabled, reason };
  }

  // Object Lock needs versioning; AWS turns it on with the lock, but check both as read back.
  async #lockProblem(): Promise<string | undefined> {
    try {
      const lock = await this.#client.send(new GetObjectLockConfigurationCommand({ Bucket: this.#bucket }));
      if (lock.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled') return `bucket \`${this.#bucket}\` does not have Object Lock enabled`;
    } catch (error) {
      if ((error as { name?: string }).name === 'ObjectLockConfigurationNotFoundError') return `bucket \`${this.#bucket}\` does not have Object Lock enabled`;
      throw wrapS3Error(error, this.#bucket, 'read the Object Lock configuration of');
    }
    try {
      const versioning = await this.#client.send(new GetBucketVersioningCommand({ Bucket: this.#bucket }));
      if (versioning.Status !== 'Enabled') return `bucket \`${this.#bucket}\` does not have versioning enabled`;
    } catch (error) {
      throw wrapS3Error(error, this.#bucket, 'read the versioning of');
    }
    return undefined;
  }

  async put(key: string, body: Uint8Array, sha256: string, retention: RetentionRequest): Promise<ObjectRef> {
    if (this.#lockEnabled === undefined) await this.checkImmutable();
    // Lock headers on a bucket without Object Lock are an error (400 InvalidRequest): send them only where they apply.
    const lock = this.#lockEnabled
      ? {
          ObjectLockMode: retention.mode === 'compliance' ? ('COMPLIANCE' as const) : ('GOVERNANCE' as const),
          ObjectLockRetainUntilDate: retention.retainUntil,
          ...(retention.legalHold ? { ObjectLockLegalHoldStatus: 'ON' as const } : {}),
        }
      : {};
    try {
      const output = await this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: this.#prefix + key,
          Body: body,
          ContentType: 'application/octet-stream',
          // AWS requires a checksum on Object Lock PUTs; SHA-256 lets auditors compare it with the manifest.
          ChecksumAlgorithm: 'SHA256',
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
          ...lock,
        }),
      );
      if (this.#lockEnabled && output.VersionId === undefined) {
        throw new CavraError('ERR_STORE_NOT_IMMUTABLE', `the S3 service returned no version id for \`${key}\``, {
          hint: 'Object Lock needs bucket versioning; check the bucket configuration',
          details: { bucket: this.#bucket, key },
        });
      }
      return { key, versionId: output.VersionId };
    } catch (error) {
      throw (error as { name?: string }).name === 'CavraError' ? error : wrapS3Error(error, this.#bucket, `write \`${key}\` to`);
    }
  }

  async head(ref: ObjectRef): Promise<ObjectHead | undefined> {
    let output: HeadObjectCommandOutput;
    try {
      output = await this.#client.send(
        new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + ref.key, VersionId: ref.versionId, ChecksumMode: 'ENABLED' }),
      );
    } catch (error) {
      if (isS3ObjectMissing(error)) return undefined;
      throw wrapS3Error(error, this.#bucket, `read \`${ref.key}\` from`);
    }
    return { key: ref.key, versionId: output.VersionId ?? ref.versionId, size: output.ContentLength ?? 0, retention: appliedRetention(output) };
  }

  async get(ref: ObjectRef): Promise<Uint8Array> {
    try {
      const output = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + ref.key, VersionId: ref.versionId }));
      if (output.Body === undefined) throw new CavraError('ERR_STORE_VERIFY_FAILED', `the S3 service returned no body for \`${ref.key}\``, { details: { key: ref.key } });
      return await output.Body.transformToByteArray();
    } catch (error) {
      if ((error as { name?: string }).name === 'CavraError') throw error;
      if (isS3ObjectMissing(error)) {
        throw new CavraError('ERR_STORE_NOT_FOUND', `\`${ref.key}\` (version \`${ref.versionId ?? 'current'}\`) not found in \`${this.uri}\``, { cause: error, details: { key: ref.key } });
      }
      throw wrapS3Error(error, this.#bucket, `read \`${ref.key}\` from`);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.#client.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: this.#prefix + prefix, ContinuationToken: token }));
        for (const item of page.Contents ?? []) if (item.Key !== undefined) keys.push(item.Key.slice(this.#prefix.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    } catch (error) {
      throw wrapS3Error(error, this.#bucket, 'list');
    }
    return keys.sort();
  }

  /** Closes the client's sockets. */
  destroy(): void {
    this.#client.destroy();
  }
}

// AWS returns the lock fields on HEAD only to callers allowed s3:GetObjectRetention / s3:GetObjectLegalHold.
function appliedRetention(output: HeadObjectCommandOutput): AppliedRetention {
  const mode = output.ObjectLockMode === 'COMPLIANCE' ? 'compliance' : output.ObjectLockMode === 'GOVERNANCE' ? 'governance' : undefined;
  const retainUntil = output.ObjectLockRetainUntilDate?.toISOString();
  const legalHold = output.ObjectLockLegalHoldStatus === 'ON';
  return { immutable: (mode !== undefined && retainUntil !== undefined) || legalHold, mode, retainUntil, legalHold };
}
