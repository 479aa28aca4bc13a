import { createHash } from 'node:crypto';
import {
  ContainerClient,
  type AnonymousCredential,
  type BlobGetPropertiesResponse,
  type BlockBlobUploadOptions,
  type StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { TokenCredential } from '@azure/identity';
import { CavraError } from '../errors.ts';
import { isAzureBlobMissing, wrapAzureError } from './azure-errors.ts';
import type { AppliedRetention, EvidenceStore, ObjectHead, ObjectRef, RetentionRequest } from './store.ts';

/** Options of `AzureImmutableBlobStore`. */
export interface AzureImmutableBlobStoreOptions {
  account: string;
  container: string;
  /** Blob name prefix, empty or ending in `/`. */
  prefix: string;
  /** The Blob service URL, default `https://ACCOUNT.blob.core.windows.net` (Azurite: `http://127.0.0.1:10000/ACCOUNT`). */
  serviceUrl?: string;
  /** A shared key, a token credential (`@azure/identity`, e.g. workload identity) or anonymous with `sasToken`. */
  credential: StorageSharedKeyCredential | TokenCredential | AnonymousCredential;
  /** A SAS token appended to every URL (with an `AnonymousCredential`). */
  sasToken?: string;
  /** Total tries per request, retried with exponential backoff on throttling, 5xx and network errors. Default 4. */
  maxTries?: number;
  /** First retry delay in milliseconds. Default 800. */
  retryDelayMs?: number;
}

/**
 * An evidence store in an Azure Blob container with version-level immutability (WORM): each blob
 * is uploaded with an immutability policy (until-date and mode, `Locked` for `compliance`,
 * `Unlocked` for `governance`) and optionally a legal hold, and is addressed by its version id.
 */
export class AzureImmutableBlobStore implements EvidenceStore {
  readonly uri: string;
  readonly #container: ContainerClient;
  readonly #prefix: string;
  readonly #where: string;
  #worm: boolean | undefined;
  #headersRejected = false;

  constructor(options: AzureImmutableBlobStoreOptions) {
    this.#prefix = options.prefix;
    this.#where = `azblob://${options.account}/${options.container}`;
    this.uri = `${this.#where}/${options.prefix}`;
    const base = (options.serviceUrl ?? `https://${options.account}.blob.core.windows.net`).replace(/\/+$/, '');
    const sas = options.sasToken ? `?${options.sasToken.replace(/^\?/, '')}` : '';
    this.#container = new ContainerClient(`${base}/${options.container}${sas}`, options.credential, {
      retryOptions: { maxTries: options.maxTries ?? 4, retryDelayInMs: options.retryDelayMs ?? 800, maxRetryDelayInMs: 30_000, tryTimeoutInMs: 60_000 },
    });
  }

  async checkImmutable(): Promise<{ immutable: boolean; reason: string | undefined }> {
    try {
      const properties = await this.#container.getProperties();
      this.#worm = properties.isImmutableStorageWithVersioningEnabled === true;
    } catch (error) {
      throw wrapAzureError(error, this.#where, 'read the properties of');
    }
    return { immutable: this.#worm, reason: this.#worm ? undefined : `container \`${this.#where}\` does not have version-level immutability enabled` };
  }

  async put(key: string, body: Uint8Array, _sha256: string, retention: RetentionRequest): Promise<ObjectRef> {
    if (this.#worm === undefined) await this.checkImmutable();
    const blob = this.#container.getBlockBlobClient(this.#prefix + key);
    const md5 = createHash('md5').update(body).digest();
    const plain: BlockBlobUploadOptions = {
      blobHTTPHeaders: { blobContentType: 'application/octet-stream', blobContentMD5: md5 },
      // Never replace an existing current version.
      conditions: { ifNoneMatch: '*' },
    };
    // x-ms-immutability-policy-until-date, x-ms-immutability-policy-mode and x-ms-legal-hold:
    // asked for on every upload, so a WORM container applies them at write time.
    const locked: BlockBlobUploadOptions = {
      ...plain,
      immutabilityPolicy: { expiriesOn: retention.retainUntil, policyMode: retention.mode === 'compliance' ? 'Locked' : 'Unlocked' },
      ...(retention.legalHold ? { legalHold: true } : {}),
    };
    try {
      const output = await this.#upload(blob, body, locked, plain);
      if (this.#worm && output === undefined) {
        throw new CavraError('ERR_STORE_NOT_IMMUTABLE', `the Azure Blob service returned no version id for \`${key}\``, {
          hint: 'version-level immutability needs blob versioning on the storage account',
          details: { key },
        });
      }
      return { key, versionId: output };
    } catch (error) {
      if ((error as { name?: string }).name === 'CavraError') throw error;
      // A retried upload whose first try landed: the blob exists; the caller reads it back and compares digests.
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 409 || status === 412) {
        const current = await this.head({ key, versionId: undefined });
        if (current !== undefined) {
          if (this.#worm) await this.#extend(key, current.versionId, retention).catch((inner: unknown) => {
            throw wrapAzureError(inner, this.#where, `extend the retention of \`${key}\` in`);
          });
          return { key, versionId: current.versionId };
        }
      }
      throw wrapAzureError(error, this.#where, `write \`${key}\` to`);
    }
  }

  // A container without version-level immutability rejects immutability headers; where a mutable
  // copy was accepted (`--allow-mutable`), upload again without them.
  async #upload(blob: ReturnType<ContainerClient['getBlockBlobClient']>, body: Uint8Array, locked: BlockBlobUploadOptions, plain: BlockBlobUploadOptions): Promise<string | undefined> {
    if (this.#headersRejected) return (await blob.upload(body, body.byteLength, plain)).versionId;
    try {
      return (await blob.upload(body, body.byteLength, locked)).versionId;
    } catch (error) {
      const e = error as { statusCode?: number; code?: string };
      if (this.#worm || (e.statusCode !== 400 && e.statusCode !== 409) || !/immutab|legalhold|worm/i.test(e.code ?? '')) throw error;
      this.#headersRejected = true;
      return (await blob.upload(body, body.byteLength, plain)).versionId;
    }
  }

  // The same bytes are already stored (content-addressed key), perhaps with a shorter retention
  // from an earlier push: extend it on that version. Extending is allowed even for Locked policies.
  async #extend(key: string, versionId: string | undefined, retention: RetentionRequest): Promise<void> {
    const blob = this.#blob({ key, versionId });
    const properties = await blob.getProperties();
    const until = properties.immutabilityPolicyExpiresOn?.getTime() ?? 0;
    const mode = properties.immutabilityPolicyMode === 'Locked' || retention.mode === 'compliance' ? 'Locked' : 'Unlocked';
    if (until < retention.retainUntil.getTime() || (mode === 'Locked' && properties.immutabilityPolicyMode !== 'Locked')) {
      await blob.setImmutabilityPolicy({ expiriesOn: new Date(Math.max(until, retention.retainUntil.getTime())), policyMode: mode });
    }
    if (retention.legalHold && properties.legalHold !== true) await blob.setLegalHold(true);
  }

  async head(ref: ObjectRef): Promise<ObjectHead | undefined> {
    const blob = this.#blob(ref);
    let properties: BlobGetPropertiesResponse;
    try {
      properties = await blob.getProperties();
    } catch (error) {
      if (isAzureBlobMissing(error)) return undefined;
      throw wrapAzureError(error, this.#where, `read \`${ref.key}\` from`);
    }
    return { key: ref.key, versionId: properties.versionId ?? ref.versionId, size: properties.contentLength ?? 0, retention: appliedRetention(properties) };
  }

  async get(ref: ObjectRef): Promise<Uint8Array> {
    try {
      return await this.#blob(ref).downloadToBuffer();
    } catch (error) {
      if (isAzureBlobMissing(error)) {
        throw new CavraError('ERR_STORE_NOT_FOUND', `\`${ref.key}\` (version \`${ref.versionId ?? 'current'}\`) not found in \`${this.uri}\``, { cause: error, details: { key: ref.key } });
      }
      throw wrapAzureError(error, this.#where, `read \`${ref.key}\` from`);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    try {
      for await (const item of this.#container.listBlobsFlat({ prefix: this.#prefix + prefix })) keys.push(item.name.slice(this.#prefix.length));
    } catch (error) {
      throw wrapAzureError(error, this.#where, 'list');
    }
    return keys.sort();
  }

  #blob(ref: ObjectRef) {
    const blob = this.#container.getBlobClient(this.#prefix + ref.key);
    return ref.versionId === undefined ? blob : blob.withVersion(ref.versionId);
  }
}

// `Locked` policies can only be extended (compliance); `Unlocked` ones can be shortened or removed (governance).
function appliedRetention(properties: BlobGetPropertiesResponse): AppliedRetention {
  const policy = properties.immutabilityPolicyMode;
  const mode = policy === 'Locked' ? 'compliance' : policy === 'Unlocked' ? 'governance' : undefined;
  const retainUntil = mode === undefined ? undefined : properties.immutabilityPolicyExpiresOn?.toISOString();
  const legalHold = properties.legalHold === true;
  return { immutable: (mode !== undefined && retainUntil !== undefined) || legalHold, mode, retainUntil, legalHold };
}
