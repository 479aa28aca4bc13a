// Issue 18 item 4 (rollback) and the pull rows of its Low list: a planted or junk manifest
// neither wins nor blocks a pull, a receipt's manifest can be pinned, and bad targets exit cleanly.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LocalFolderStore, MANIFEST_SCHEMA, planRetention, pullEvidence, pushEvidence } from '../../src/index.ts';
import { sha256Hex } from '../../src/storage/digest.ts';
import { makeEvidenceDir, tempDir } from './support/evidence-dir.ts';

const OLD = new Date('2026-01-02T03:04:05.678Z');
const NEW = new Date('2026-01-03T03:04:05.678Z');
const NOW = () => new Date('2026-01-04T00:00:00.000Z');
const retention = planRetention(OLD, 30, 'governance', false);

async function twoPushes(): Promise<{ store: LocalFolderStore; oldKey: string; newKey: string }> {
  const store = new LocalFolderStore(tempDir('store'));
  const oldDir = makeEvidenceDir();
  const oldReceipt = await pushEvidence(oldDir, store, { retention, allowMutable: true, now: () => OLD });
  const newDir = makeEvidenceDir();
  writeFileSync(join(newDir, 'evidence.jsonl'), 'newer evidence\n');
  const newReceipt = await pushEvidence(newDir, store, { retention, allowMutable: true, now: () => NEW });
  return { store, oldKey: oldReceipt.manifest.key, newKey: newReceipt.manifest.key };
}

async function plant(store: LocalFolderStore, keyTime: string, manifest: Record<string, unknown> | string): Promise<string> {
  const bytes = new TextEncoder().encode(typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  const sha = sha256Hex(bytes);
  const key = `manifests/${keyTime}-${sha.slice(0, 16)}.json`;
  await store.put(key, bytes, sha, retention);
  return key;
}

async function oldFiles(store: LocalFolderStore, oldKey: string): Promise<unknown> {
  return (JSON.parse(new TextDecoder().decode(await store.get({ key: oldKey, versionId: undefined }))) as { files: unknown }).files;
}

const target = (): string => join(tempDir('pull'), 'evidence');

describe('rollback (issue 18 item 4)', () => {
  test('a planted manifest named in the future, whose created_at says otherwise, is passed over for the newest real one', async () => {
    const { store, newKey, oldKey } = await twoPushes();
    await plant(store, '20990101T000000000Z', { schema: MANIFEST_SCHEMA, created_at: OLD.toISOString(), files: await oldFiles(store, oldKey) });
    const result = await pullEvidence(store, target(), { now: NOW });
    expect(result.manifest.key).toBe(newKey);
    expect(result.skipped?.[0]).toMatch(/named for another time than its `created_at`/);
  });

  test('a planted manifest consistently dated in the future is refused', async () => {
    const { store, newKey, oldKey } = await twoPushes();
    await plant(store, '20990101T000000000Z', { schema: MANIFEST_SCHEMA, created_at: '2099-01-01T00:00:00.000Z', files: await oldFiles(store, oldKey) });
    const result = await pullEvidence(store, target(), { now: NOW });
    expect(result.manifest.key).toBe(newKey);
    expect(result.skipped?.[0]).toMatch(/dated in the future/);
  });

  test('one junk manifest does not make every pull fail', async () => {
    const { store, newKey } = await twoPushes();
    await plant(store, '20260103T230000000Z', 'not json');
    expect((await pullEvidence(store, target(), { now: NOW })).manifest.key).toBe(newKey);
  });

  test('--manifest KEY pins the receipt\'s manifest, and only that one', async () => {
    const { store, oldKey } = await twoPushes();
    expect((await pullEvidence(store, target(), { manifestKey: oldKey, now: NOW })).manifest.key).toBe(oldKey);
    const junk = await plant(store, '20260103T230000000Z', 'not json');
    await expect(pullEvidence(store, target(), { manifestKey: junk, now: NOW })).rejects.toMatchObject({ code: 'ERR_STORE_VERIFY_FAILED' });
    await expect(pullEvidence(store, target(), { manifestKey: '../x.json' })).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });

  test('when nothing verifies, the pull fails and writes nothing', async () => {
    const store = new LocalFolderStore(tempDir('store'));
    await plant(store, '20260103T230000000Z', 'not json');
    const dir = target();
    await expect(pullEvidence(store, dir, { now: NOW })).rejects.toMatchObject({ code: 'ERR_STORE_VERIFY_FAILED' });
    expect(existsSync(dir)).toBe(false);
  });
});

describe('pull targets and names (issue 18 Low)', () => {
  test('a manifest naming both `a` and `a/b` is refused, not a stack trace', async () => {
    const store = new LocalFolderStore(tempDir('store'));
    const body = new TextEncoder().encode('x');
    const sha = sha256Hex(body);
    await store.put(`sha256/${sha}`, body, sha, retention);
    const entry = (name: string) => ({ name, sha256: sha, size: 1, key: `sha256/${sha}`, version_id: null });
    await plant(store, '20260102T030405678Z', { schema: MANIFEST_SCHEMA, created_at: OLD.toISOString(), files: [entry('a'), entry('a/b')] });
    await expect(pullEvidence(store, target(), { now: NOW })).rejects.toMatchObject({ code: 'ERR_STORE_VERIFY_FAILED' });
  });

  test('a symlinked target and an existing file are refused with ERR_USAGE', async () => {
    const { store } = await twoPushes();
    const base = tempDir('pull');
    mkdirSync(join(base, 'real'));
    symlinkSync(join(base, 'real'), join(base, 'link'));
    await expect(pullEvidence(store, join(base, 'link'), { now: NOW })).rejects.toMatchObject({ code: 'ERR_USAGE', message: expect.stringMatching(/symbolic link/) });
    writeFileSync(join(base, 'file'), 'x');
    await expect(pullEvidence(store, join(base, 'file'), { now: NOW })).rejects.toMatchObject({ code: 'ERR_USAGE', message: expect.stringMatching(/not a directory/) });
  });
});
