import { CavraError } from '../errors.ts';

interface S3LikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const DENIED = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'AllAccessDisabled']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ECONNABORTED']);

/** Wraps an AWS SDK error at the boundary into a `CavraError` with a stable code; keeps `cause`. */
export function wrapS3Error(error: unknown, bucket: string, action: string): CavraError {
  const e = (error ?? {}) as S3LikeError;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  const where = `\`s3://${bucket}\``;
  const details = { bucket, action, s3Code: name, httpStatus: status };
  if (name === 'CredentialsProviderError' || /credential/i.test(name)) {
    return new CavraError('ERR_STORE_CREDENTIALS_MISSING', `no AWS credentials found to ${action} ${where}`, {
      cause: error,
      hint: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a web identity (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE)',
      details,
    });
  }
  if (DENIED.has(name) || status === 403) {
    return new CavraError('ERR_STORE_ACCESS_DENIED', `access denied to ${action} ${where} (${name || status})`, {
      cause: error,
      hint: 'check the credentials and that the IAM policy grants the permissions listed in docs/storage.md',
      details,
    });
  }
  if (name === 'NoSuchBucket') {
    return new CavraError('ERR_STORE_NOT_FOUND', `bucket ${where} does not exist`, {
      cause: error,
      hint: 'create it with Object Lock enabled (see docs/storage.md) or fix the URI',
      details,
    });
  }
  if (NETWORK.has(e.code ?? '') || NETWORK.has(name) || name === 'TimeoutError' || name === 'RequestTimeout' || (status !== undefined && status >= 500)) {
    return new CavraError('ERR_STORE_UNAVAILABLE', `the S3 service did not answer to ${action} ${where} (${e.code ?? name ?? status}), even after retries`, {
      cause: error,
      hint: 'check the endpoint and the network, then push again (objects already stored are reused)',
      details,
    });
  }
  return new CavraError('ERR_STORE_UNAVAILABLE', `the S3 service refused to ${action} ${where}: ${name || 'unknown error'}${status ? ` (HTTP ${status})` : ''}`, {
    cause: error,
    details,
  });
}

/** Whether an SDK error means "no such object or version" (HEAD answers a bare 404 `NotFound`). */
export function isS3ObjectMissing(error: unknown): boolean {
  const e = (error ?? {}) as S3LikeError;
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.name === 'NoSuchVersion' || (e.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket');
}
