import { AnonymousCredential, StorageSharedKeyCredential } from '@azure/storage-blob';
import { DefaultAzureCredential, WorkloadIdentityCredential, type TokenCredential } from '@azure/identity';
import { AzureImmutableBlobStore } from './azure-immutable-blob.ts';
import { LocalFolderStore } from './local-folder.ts';
import { S3ObjectLockStore } from './s3-object-lock.ts';
import type { EvidenceStore } from './store.ts';
import { parseStoreUri } from './uri.ts';
import { CavraError } from '../errors.ts';

/** How to reach a store: the environment (read once by the caller) and an optional endpoint. */
export interface OpenStoreOptions {
  /** The process environment, passed in; the SDKs' usual variables are honoured. */
  env: Readonly<Record<string, string | undefined>>;
  /** An S3-compatible or emulator endpoint (`--endpoint`); for Azurite include the account: `http://127.0.0.1:10000/devstoreaccount1`. */
  endpoint?: string;
  /** Tries per request for S3 and Azure (default 4). */
  maxTries?: number;
  /** First Azure retry delay in milliseconds (default 800). */
  retryDelayMs?: number;
}

/**
 * Opens the evidence store a `file://`, `s3://` or `azblob://` URI names, with credentials from
 * the usual SDK sources: for S3 `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` or the SDK chain
 * (profiles, web identity, instance roles); for Azure `AZURE_STORAGE_KEY`, `AZURE_STORAGE_SAS_TOKEN`,
 * `AZURE_STORAGE_CONNECTION_STRING`, a workload identity or `DefaultAzureCredential`.
 */
export function openEvidenceStore(uri: string, options: OpenStoreOptions): EvidenceStore {
  const location = parseStoreUri(uri);
  const { env } = options;
  if (options.endpoint !== undefined) assertEndpoint(options.endpoint);
  if (location.kind === 'file') return new LocalFolderStore(location.path);
  if (location.kind === 's3') {
    const key = env['AWS_ACCESS_KEY_ID'];
    const secret = env['AWS_SECRET_ACCESS_KEY'];
    return new S3ObjectLockStore({
      bucket: location.bucket,
      prefix: location.prefix,
      region: env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(key && secret ? { credentials: { accessKeyId: key, secretAccessKey: secret, ...(env['AWS_SESSION_TOKEN'] ? { sessionToken: env['AWS_SESSION_TOKEN'] } : {}) } } : {}),
      ...(options.maxTries === undefined ? {} : { maxAttempts: options.maxTries }),
    });
  }
  const connection = parseConnectionString(env['AZURE_STORAGE_CONNECTION_STRING']);
  const serviceUrl = options.endpoint ?? connection['BlobEndpoint'];
  return new AzureImmutableBlobStore({
    account: location.account,
    container: location.container,
    prefix: location.prefix,
    ...(serviceUrl === undefined ? {} : { serviceUrl }),
    ...azureCredential(location.account, env, connection),
    ...(options.maxTries === undefined ? {} : { maxTries: options.maxTries }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  });
}

function azureCredential(
  account: string,
  env: OpenStoreOptions['env'],
  connection: Record<string, string>,
): { credential: StorageSharedKeyCredential | TokenCredential | AnonymousCredential; sasToken?: string } {
  const key = env['AZURE_STORAGE_KEY'] ?? env['AZURE_STORAGE_ACCOUNT_KEY'] ?? connection['AccountKey'];
  if (key) return { credential: new StorageSharedKeyCredential(connection['AccountName'] ?? account, key) };
  const sas = env['AZURE_STORAGE_SAS_TOKEN'] ?? connection['SharedAccessSignature'];
  if (sas) return { credential: new AnonymousCredential(), sasToken: sas };
  const { AZURE_CLIENT_ID: clientId, AZURE_TENANT_ID: tenantId, AZURE_FEDERATED_TOKEN_FILE: tokenFilePath } = env;
  if (clientId && tenantId && tokenFilePath) return { credential: new WorkloadIdentityCredential({ clientId, tenantId, tokenFilePath }) };
  return { credential: new DefaultAzureCredential() };
}

// `Key=Value;Key=Value` as in the Azure portal; values may hold `=` (base64 keys).
function parseConnectionString(text: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of (text ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return fields;
}

function assertEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
    throw new CavraError('ERR_USAGE', `\`--endpoint\` must be an http or https URL without credentials, got \`${url === undefined ? endpoint : url.origin}\``, {
      hint: 'e.g. `--endpoint http://127.0.0.1:7480` (S3-compatible) or `--endpoint http://127.0.0.1:10000/devstoreaccount1` (Azurite)',
    });
  }
}
