import { describe, expect, test } from 'vitest';
import { openEvidenceStore, parseStoreUri } from '../../src/index.ts';

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

describe('openEvidenceStore', () => {
  test('opens the store each scheme names', async () => {
    expect((await openEvidenceStore('file:///tmp/x', { env: {} })).constructor.name).toBe('LocalFolderStore');
    expect((await openEvidenceStore('s3://bucket-1/p', { env: {}, endpoint: 'http://127.0.0.1:7480' })).uri).toBe('s3://bucket-1/p/');
    expect((await openEvidenceStore('azblob://acct01/evidence/p', { env: { AZURE_STORAGE_KEY: 'a2V5' } })).uri).toBe('azblob://acct01/evidence/p/');
  });

  test.for(['not a url', 'ftp://127.0.0.1/x', 'http://user:pw@127.0.0.1:7480'])('rejects the endpoint %s', async (endpoint) => {
    await expect(openEvidenceStore('s3://bucket-1/p', { env: {}, endpoint })).rejects.toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });

  test('never repeats credentials from an endpoint', async () => {
    await expect(openEvidenceStore('s3://bucket-1/p', { env: {}, endpoint: 'http://user:s3cret@127.0.0.1:7480' })).rejects.toThrow(expect.not.objectContaining({ message: expect.stringContaining('s3cret') }));
  });
});
