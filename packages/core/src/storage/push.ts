import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CavraError } from '../errors.ts';
import { sha256Hex } from './digest.ts';
import { readEvidenceFiles } from './evidence-files.ts';
import { MANIFEST_SCHEMA, manifestKey, objectKey, type StorageManifest } from './manifest.ts';
import { RECEIPT_FILE, RECEIPT_SCHEMA, toReceiptRetention, type ReceiptObject, type StorageReceipt } from './receipt.ts';
import { retentionShortfall } from './retention.ts';
import { storeVerified } from './store-verified.ts';
import type { EvidenceStore, ObjectHead, RetentionRequest } from './store.ts';

/** Options of `pushEvidence`. */
export interface PushOptions {
  retention: RetentionRequest;
  /** Accept a target that cannot prove immutability; the receipt then says the copy is mutable. */
  allowMutable: boolean;
  now: () => Date;
}

/**
 * Pushes every file of an evidence directory to `store`, then a manifest of their SHA-256
 * digests, reading each version back before going on; writes and returns the storage receipt
 * (`storage-receipt.json` in `dir`). Nothing is reported stored until all of it verified.
 *
 * @example
 * const store = openEvidenceStore('s3://audit-bucket/runs/42', { env: process.env });
 * const receipt = await pushEvidence('evidence', store, { retention, allowMutable: false, now: () => new Date() });
 */
export async function pushEvidence(dir: string, store: EvidenceStore, options: PushOptions): Promise<StorageReceipt> {
  const files = await readEvidenceFiles(dir);
  const target = await store.checkImmutable();
  if (!target.immutable && !options.allowMutable) {
    throw new CavraError('ERR_STORE_NOT_IMMUTABLE', `\`${store.uri}\` cannot prove it keeps objects immutable: ${target.reason ?? 'no retention support'}`, {
      hint: 'enable Object Lock or version-level immutability (docs/storage.md), or pass `--allow-mutable` to accept a mutable copy',
      details: { uri: store.uri },
    });
  }
  const { retention } = options;
  const objects: ReceiptObject[] = [];
  const heads: ObjectHead[] = [];
  for (const file of files) {
    const key = objectKey(file.sha256);
    const head = await storeVerified(store, key, file.body, file.sha256, retention, target.immutable);
    heads.push(head);
    objects.push(receiptObject(file.name, file.sha256, file.body.byteLength, head));
  }
  const createdAt = options.now();
  const manifest: StorageManifest = {
    schema: MANIFEST_SCHEMA,
    created_at: createdAt.toISOString(),
    files: objects.map(({ name, sha256, size, key, version_id }) => ({ name, sha256, size, key, version_id })),
  };
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const manifestSha = sha256Hex(manifestBytes);
  const key = manifestKey(createdAt, manifestSha);
  const manifestHead = await storeVerified(store, key, manifestBytes, manifestSha, retention, target.immutable);
  heads.push(manifestHead);
  const immutable = target.immutable && heads.every((head) => retentionShortfall(retention, head.retention) === undefined);
  const receipt: StorageReceipt = {
    schema: RECEIPT_SCHEMA,
    uri: store.uri,
    stored_at: options.now().toISOString(),
    immutable,
    mutable_reason: immutable ? null : (target.reason ?? 'retention missing when read back'),
    requested: { mode: retention.mode, retain_until: retention.retainUntil.toISOString(), legal_hold: retention.legalHold },
    manifest: receiptObject(key, manifestSha, manifestBytes.byteLength, manifestHead),
    objects,
  };
  await writeAtomically(join(dir, RECEIPT_FILE), `${JSON.stringify(receipt, null, 2)}\n`);
  return receipt;
}

function receiptObject(name: string, sha256: string, size: number, head: ObjectHead): ReceiptObject {
  return { name, sha256, size, key: head.key, version_id: head.versionId ?? null, retention: toReceiptRetention(head.retention) };
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.partial`;
  await writeFile(temporary, text, { flag: 'wx' });
  await rename(temporary, path);
}
