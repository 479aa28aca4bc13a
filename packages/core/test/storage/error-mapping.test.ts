// SDK errors become stable ERR_STORE_* codes at the boundary; built with the SDKs' own error classes.
import { NoSuchBucket, S3ServiceException } from '@aws-sdk/client-s3';
import { RestError } from '@azure/storage-blob';
import { describe, expect, test } from 'vitest';
import { isUserInputError } from '../../src/index.ts';
import { isAzureBlobMissing, wrapAzureError } from '../../src/storage/azure-errors.ts';
import { isS3ObjectMissing, wrapS3Error } from '../../src/storage/s3-errors.ts';

const s3 = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name });
const network = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });

describe('S3 errors', () => {
  test.for([
    ['no such bucket', new NoSuchBucket({ $metadata: { httpStatusCode: 404 }, message: 'NoSuchBucket' }), 'ERR_STORE_NOT_FOUND'],
    ['access denied', s3('AccessDenied', 403), 'ERR_STORE_ACCESS_DENIED'],
    ['bad signature', s3('SignatureDoesNotMatch', 403), 'ERR_STORE_ACCESS_DENIED'],
    ['unknown key id', s3('InvalidAccessKeyId', 403), 'ERR_STORE_ACCESS_DENIED'],
    ['no credentials', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'ERR_STORE_CREDENTIALS_MISSING'],
    ['slow down after retries', s3('SlowDown', 503), 'ERR_STORE_UNAVAILABLE'],
    ['connection refused', network('ECONNREFUSED'), 'ERR_STORE_UNAVAILABLE'],
    ['connection reset', network('ECONNRESET'), 'ERR_STORE_UNAVAILABLE'],
    ['other client error', s3('InvalidArgument', 400), 'ERR_STORE_UNAVAILABLE'],
  ] as const)('%s', ([, error, code]) => {
    const wrapped = wrapS3Error(error, 'audit-bucket', 'write `k` to');
    expect(wrapped.code).toBe(code);
    expect(wrapped.cause).toBe(error);
    expect(wrapped.message).toContain('`s3://audit-bucket`');
  });

  test('missing credentials are the user\'s to fix (exit 2); the rest are failures (exit 1)', () => {
    expect(isUserInputError(wrapS3Error(Object.assign(new Error('x'), { name: 'CredentialsProviderError' }), 'b1b', 'list'))).toBe(true);
    expect(isUserInputError(wrapS3Error(s3('AccessDenied', 403), 'b1b', 'list'))).toBe(false);
  });

  test('a missing object is told apart from a missing bucket', () => {
    expect(isS3ObjectMissing(s3('NotFound', 404))).toBe(true);
    expect(isS3ObjectMissing(s3('NoSuchVersion', 404))).toBe(true);
    expect(isS3ObjectMissing(new NoSuchBucket({ $metadata: { httpStatusCode: 404 }, message: 'x' }))).toBe(false);
  });
});

describe('Azure errors', () => {
  const rest = (status: number, code: string) => new RestError(code, { statusCode: status, code });
  test.for([
    ['container not found', rest(404, 'ContainerNotFound'), 'ERR_STORE_NOT_FOUND'],
    ['authentication failed', rest(403, 'AuthenticationFailed'), 'ERR_STORE_ACCESS_DENIED'],
    ['authorization failure', rest(403, 'AuthorizationPermissionMismatch'), 'ERR_STORE_ACCESS_DENIED'],
    ['no credential', Object.assign(new Error('DefaultAzureCredential failed'), { name: 'AggregateAuthenticationError' }), 'ERR_STORE_CREDENTIALS_MISSING'],
    ['server busy after retries', rest(503, 'ServerBusy'), 'ERR_STORE_UNAVAILABLE'],
    ['request send error', new RestError('connect ECONNREFUSED', { code: 'REQUEST_SEND_ERROR' }), 'ERR_STORE_UNAVAILABLE'],
    ['bearer token over http', new Error('Bearer token authentication is not permitted for non-TLS protected (non-https) URLs.'), 'ERR_CONFIG_INVALID'],
    ['client failure', new Error('GET https://a.blob.core.windows.net/c?sv=2024&sig=c2VjcmV0 failed'), 'ERR_STORE_UNAVAILABLE'],
  ] as const)('%s', ([, error, code]) => {
    const wrapped = wrapAzureError(error, 'azblob://acct/evidence', 'write `k` to');
    expect(wrapped.code).toBe(code);
    expect(wrapped.cause).toBe(error);
  });

  test('a SAS signature in an SDK message is not repeated', () => {
    const wrapped = wrapAzureError(new Error('GET https://a.blob.core.windows.net/c?sv=2024&sig=c2VjcmV0 failed'), 'azblob://a/c', 'list');
    expect(wrapped.message).not.toContain('c2VjcmV0');
    expect(wrapped.message).toContain('sig=REDACTED');
  });

  test('a missing blob is told apart from a missing container', () => {
    expect(isAzureBlobMissing(rest(404, 'BlobNotFound'))).toBe(true);
    expect(isAzureBlobMissing(rest(404, 'ContainerNotFound'))).toBe(false);
  });
});
