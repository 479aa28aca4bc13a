import { readFileSync, statSync, chmodSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LocalFolderStore, MANIFEST_SCHEMA, RECEIPT_FILE, planRetention, pullEvidence, pushEvidence, type StorageReceipt } from '../../src/index.ts';
import { sha256Hex } from '../../src/storage/digest.ts';
import { digestTree, makeEvidenceDir, tempDir } from './support/evidence-dir.ts';

const NOW = new Date('2026-01-02T03:04:05.678Z');
const retention = planRetention(NOW, 30, 'governance', false);
const push = (dir: string, store: LocalFolderStore, allowMutable = true) => pushEvidence(dir, store, { retention, allowMutable, now: () => NOW });

describe('LocalFolderStore', () => {
  test('refuses to push without --allow-mutable, because a folder cannot prove immutability', async () => {
    const dir = makeEvidenceDir();
    const store = new LocalFolderStore(tempDir('store'));
    await expect(push(dir, store, false)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_IMMUTABLE' });
    expect(existsSync(join(dir, RECEIPT_FILE))).toBe(false);
  });

  test('stores content-addressed read-only files and writes a receipt that says the copy is mutable', async () => {
    const dir = makeEvidenceDir();
    const root = tempDir('store');
    const receipt = await push(dir, new LocalFolderStore(root));
    expect(receipt).toMatchObject({ immutable: false, mutable_reason: expect.stringContaining('local folder') });
    expect(receipt.objects.map((o) => o.name)).toEqual(['bundle.sigstore.json', 'checkpoints/5.txt', 'evidence.jsonl']);
    for (const object of receipt.objects) {
      expect(object.key).toBe(`sha256/${object.sha256}`);
      const path = join(root, object.key);
      expect(statSync(path).mode & 0o777).toBe(0o444);
    }
    const onDisk = JSON.parse(readFileSync(join(dir, RECEIPT_FILE), 'utf8')) as StorageReceipt;
    expect(onDisk).toEqual(receipt);
    expect(receipt.manifest.key).toMatch(/^manifests\/20260102T030405678Z-[0-9a-f]{16}\.json$/);
  });

  test('push is idempotent: a second push reuses every object', async () => {
    const dir = makeEvidenceDir();
    const root = tempDir('store');
    await push(dir, new LocalFolderStore(root));
    const before = readdirSync(join(root, 'sha256')).sort();
    const again = await push(dir, new LocalFolderStore(root));
    expect(readdirSync(join(root, 'sha256')).sort()).toEqual(before);
    expect(again.objects).toHaveLength(3);
  });

  test('never overwrites a key holding different bytes', async () => {
    const store = new LocalFolderStore(tempDir('store'));
    const one = new TextEncoder().encode('one');
    await store.put('sha256/x', one, 'a'.repeat(64), retention);
    await expect(store.put('sha256/x', new TextEncoder().encode('two'), 'b'.repeat(64), retention)).rejects.toMatchObject({ code: 'ERR_STORE_VERIFY_FAILED' });
    expect(new TextDecoder().decode(await store.get({ key: 'sha256/x', versionId: undefined }))).toBe('one');
  });

  test('pull restores every file with the same digests', async () => {
    const dir = makeEvidenceDir();
    const store = new LocalFolderStore(tempDir('store'));
    await push(dir, store);
    const target = join(tempDir('pull'), 'evidence');
    const result = await pullEvidence(store, target);
    expect(result.files).toHaveLength(3);
    expect(digestTree(target)).toEqual(digestTree(dir, [RECEIPT_FILE]));
  });

  test('pull refuses an object altered after the push and writes nothing', async () => {
    const dir = makeEvidenceDir();
    const root = tempDir('store');
    const receipt = await push(dir, new LocalFolderStore(root));
    const log = receipt.objects.find((o) => o.name === 'evidence.jsonl')!;
    const path = join(root, log.key);
    chmodSync(path, 0o644);
    writeFileSync(path, readFileSync(path, 'utf8').replace('allow', 'block'));
    const target = join(tempDir('pull'), 'evidence');
    await expect(pullEvidence(new LocalFolderStore(root), target)).rejects.toMatchObject({ code: 'ERR_STORE_VERIFY_FAILED' });
    expect(existsSync(target)).toBe(false);
  });

  // attacker-controlled: whoever can write to the store can plant a manifest.
  test.for([
    ['a name leaving the directory', '../escape.txt'],
    ['an absolute name', '/etc/cron.d/x'],
    ['a backslash name', '..\\x'],
  ])('pull refuses a manifest with %s', async ([, name]) => {
    const root = tempDir('store');
    const store = new LocalFolderStore(root);
    const body = new TextEncoder().encode('planted');
    const sha = sha256Hex(body);
    await store.put(`sha256/${sha}`, body, sha, retention);
    const manifest = new TextEncoder().encode(JSON.stringify({ schema: MANIFEST_SCHEMA, created_at: NOW.toISOString(), files: [{ name, sha256: sha, size: body.length, key: `sha256/${sha}`, version_id: null }] }));
    const manifestSha = sha256Hex(manifest);
    await store.put(`manifests/20990101T000000000Z-${manifestSha.slice(0, 16)}.json`, manifest, manifestSha, retention);
    const target = join(tempDir('pull'), 'evidence');
    await expect(pullEvidence(store, target)).rejects.toMatchObject({ code: 'ERR_STORE_VERIFY_FAILED' });
    expect(existsSync(target)).toBe(false);
  });

  test('pull refuses a non-empty target and an empty store', async () => {
    const store = new LocalFolderStore(tempDir('store'));
    await expect(pullEvidence(store, join(tempDir('pull'), 'x'))).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
    await expect(pullEvidence(store, makeEvidenceDir())).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });
});
