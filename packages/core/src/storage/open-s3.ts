import type { OpenStoreOptions } from './open-options.ts';
import { S3ObjectLockStore } from './s3-object-lock.ts';
import type { StoreLocation } from './uri.ts';

/** Opens an S3 Object Lock store with credentials from the environment or the SDK chain. */
export function openS3ObjectLockStore(location: Extract<StoreLocation, { kind: 's3' }>, options: OpenStoreOptions): S3ObjectLockStore {
  const { env } = options;
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
