import { AnonymousCredential, StorageSharedKeyCredential } from '@azure/storage-blob';
import { DefaultAzureCredential, WorkloadIdentityCredential, type TokenCredential } from '@azure/identity';
import { AzureImmutableBlobStore } from './azure-immutable-blob.ts';
import type { OpenStoreOptions } from './open-options.ts';
import type { StoreLocation } from './uri.ts';

/** Opens an Azure immutable Blob store with credentials from the environment, a workload identity or the default chain. */
export function openAzureImmutableBlobStore(location: Extract<StoreLocation, { kind: 'azblob' }>, options: OpenStoreOptions): AzureImmutableBlobStore {
  const connection = parseConnectionString(options.env['AZURE_STORAGE_CONNECTION_STRING']);
  const serviceUrl = options.endpoint ?? connection['BlobEndpoint'];
  return new AzureImmutableBlobStore({
    account: location.account,
    container: location.container,
    prefix: location.prefix,
    ...(serviceUrl === undefined ? {} : { serviceUrl }),
    ...azureCredential(location.account, options.env, connection),
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
