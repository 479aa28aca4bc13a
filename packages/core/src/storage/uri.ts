import { CavraError } from '../errors.ts';

/** A parsed storage URI (CONTRACTS.md, Storage). */
export type StoreLocation =
  | { kind: 'file'; path: string }
  | { kind: 's3'; bucket: string; prefix: string }
  | { kind: 'azblob'; account: string; container: string; prefix: string };

const SCHEMES = 'use `file://PATH`, `s3://BUCKET/PREFIX` or `azblob://ACCOUNT/CONTAINER/PREFIX`';

/** Parses `file://PATH`, `s3://BUCKET/PREFIX` or `azblob://ACCOUNT/CONTAINER/PREFIX`. */
export function parseStoreUri(uri: string): StoreLocation {
  const match = /^([a-z0-9]+):\/\/(.*)$/.exec(uri);
  if (!match) throw usage(uri, 'is not a storage URI');
  const [, scheme, rest] = match as unknown as [string, string, string];
  if (scheme === 'file') {
    if (rest === '') throw usage(uri, 'names no folder');
    return { kind: 'file', path: decodeURIComponent(rest) };
  }
  const parts = rest.split('/');
  if (scheme === 's3') {
    const [bucket = '', ...prefix] = parts;
    // S3 bucket naming rules: 3-63 characters, lowercase letters, digits, dots and hyphens.
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw usage(uri, 'has no valid bucket name');
    return { kind: 's3', bucket, prefix: cleanPrefix(uri, prefix) };
  }
  if (scheme === 'azblob') {
    const [account = '', container = '', ...prefix] = parts;
    if (!/^[a-z0-9]{3,24}$/.test(account)) throw usage(uri, 'has no valid storage account name');
    if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(container)) throw usage(uri, 'has no valid container name');
    return { kind: 'azblob', account, container, prefix: cleanPrefix(uri, prefix) };
  }
  throw usage(uri, `has the unknown scheme \`${scheme}\``);
}

// A prefix is a folder-like path: no empty, `.` or `..` segments; stored with a trailing slash.
function cleanPrefix(uri: string, segments: string[]): string {
  const parts = segments.filter((segment, index) => !(segment === '' && index === segments.length - 1));
  if (parts.some((segment) => segment === '' || segment === '.' || segment === '..')) throw usage(uri, 'has an empty, `.` or `..` path segment');
  return parts.length === 0 ? '' : `${parts.join('/')}/`;
}

function usage(uri: string, what: string): CavraError {
  return new CavraError('ERR_USAGE', `storage URI \`${uri}\` ${what}`, { hint: SCHEMES });
}
