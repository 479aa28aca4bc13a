import { CavraError } from '../errors.ts';

interface RestLikeError {
  name?: string;
  code?: string;
  statusCode?: number;
  message?: string;
}

const NETWORK = new Set(['REQUEST_SEND_ERROR', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** Wraps an Azure SDK error at the boundary into a `CavraError` with a stable code; keeps `cause`. */
export function wrapAzureError(error: unknown, where: string, action: string): CavraError {
  const e = (error ?? {}) as RestLikeError;
  const name = e.name ?? '';
  const code = e.code ?? '';
  const status = e.statusCode;
  const details = { where, action, azureCode: code || name, httpStatus: status };
  if (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError' || name === 'AuthenticationRequiredError') {
    return new CavraError('ERR_STORE_CREDENTIALS_MISSING', `no Azure credentials found to ${action} \`${where}\``, {
      cause: error,
      hint: 'set AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN or AZURE_STORAGE_CONNECTION_STRING, or a workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE)',
      details,
    });
  }
  if (name === 'AuthenticationError' || status === 401 || status === 403) {
    return new CavraError('ERR_STORE_ACCESS_DENIED', `access denied to ${action} \`${where}\` (${code || status || name})`, {
      cause: error,
      hint: 'check the credentials and that the identity holds the role listed in docs/storage.md',
      details,
    });
  }
  if (code === 'ContainerNotFound') {
    return new CavraError('ERR_STORE_NOT_FOUND', `container \`${where}\` does not exist`, {
      cause: error,
      hint: 'create it with version-level immutability (see docs/storage.md) or fix the URI',
      details,
    });
  }
  if (/non-TLS/i.test(e.message ?? '')) {
    return new CavraError('ERR_CONFIG_INVALID', `token credentials need an https endpoint to ${action} \`${where}\``, {
      cause: error,
      hint: 'use an https `--endpoint`, or a shared key (AZURE_STORAGE_KEY) for a local emulator',
      details,
    });
  }
  if (NETWORK.has(code) || (status !== undefined && status >= 500)) {
    return new CavraError('ERR_STORE_UNAVAILABLE', `the Azure Blob service did not answer to ${action} \`${where}\` (${code || status || name}), even after retries`, {
      cause: error,
      hint: 'check the endpoint and the network, then push again (objects already stored are reused)',
      details,
    });
  }
  if (status === undefined) {
    return new CavraError('ERR_STORE_UNAVAILABLE', `the Azure Blob client failed to ${action} \`${where}\`: ${redact(e.message ?? name)}`, { cause: error, details });
  }
  return new CavraError('ERR_STORE_UNAVAILABLE', `the Azure Blob service refused to ${action} \`${where}\`: ${code || name} (HTTP ${status})`, { cause: error, details });
}

/** Whether an SDK error means "no such blob or version". */
export function isAzureBlobMissing(error: unknown): boolean {
  const e = (error ?? {}) as RestLikeError;
  return e.statusCode === 404 && e.code !== 'ContainerNotFound';
}

// A SAS signature can appear in a URL inside an SDK message; never repeat it.
function redact(message: string): string {
  return message.replace(/([?&]sig=)[^&\s"']+/gi, '$1REDACTED');
}
