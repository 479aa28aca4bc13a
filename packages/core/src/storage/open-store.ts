import type { EvidenceStore } from './store.ts';
import type { OpenStoreOptions } from './open-options.ts';
import { LocalFolderStore } from './local-folder.ts';
import { parseStoreUri } from './uri.ts';
import { CavraError } from '../errors.ts';

/**
 * Opens the evidence store a `file://`, `s3://` or `azblob://` URI names, with credentials from
 * the usual SDK sources: for S3 `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` or the SDK chain
 * (profiles, web identity, instance roles); for Azure `AZURE_STORAGE_KEY`, `AZURE_STORAGE_SAS_TOKEN`,
 * `AZURE_STORAGE_CONNECTION_STRING`, a workload identity or `DefaultAzureCredential`.
 * The cloud SDKs are loaded only when their store is opened: they are most of the bundle.
 */
export async function openEvidenceStore(uri: string, options: OpenStoreOptions): Promise<EvidenceStore> {
  const location = parseStoreUri(uri);
  if (options.endpoint !== undefined) assertEndpoint(options.endpoint);
  if (location.kind === 'file') return new LocalFolderStore(location.path);
  if (location.kind === 's3') return (await import('./open-s3.ts')).openS3ObjectLockStore(location, options);
  return (await import('./open-azure.ts')).openAzureImmutableBlobStore(location, options);
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
