import { describe, expect, test } from 'vitest';
import { parseStoreUri } from '../../src/index.ts';

describe('parseStoreUri', () => {
  test.for([
    ['file:///var/evidence', { kind: 'file', path: '/var/evidence' }],
    ['s3://audit-bucket', { kind: 's3', bucket: 'audit-bucket', prefix: '' }],
    ['s3://audit-bucket/runs/42/', { kind: 's3', bucket: 'audit-bucket', prefix: 'runs/42/' }],
    ['azblob://acct01/evidence/runs/42', { kind: 'azblob', account: 'acct01', container: 'evidence', prefix: 'runs/42/' }],
  ] as const)('%s', ([uri, expected]) => {
    expect(parseStoreUri(uri)).toEqual(expected);
  });

  test.for(['http://x/y', 's3://', 's3://UPPER/x', 's3://b1/../x', 'azblob://acct01', 'azblob://Acct/c/x', 'file://', 'evidence'])('rejects %s', (uri) => {
    expect(() => parseStoreUri(uri)).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });
});
