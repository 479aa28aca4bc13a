import { CavraError } from '../errors.ts';
import { sha256Hex } from './digest.ts';
import { assertRetentionApplied, retentionShortfall } from './retention.ts';
import type { EvidenceStore, ObjectHead, RetentionRequest } from './store.ts';

/**
 * Stores one object and reads it back: the version's digest must match and, when `enforce`, its
 * applied retention must be at least `retention`. An existing object with the same bytes and
 * enough retention is reused, so pushing again (after a failure) is idempotent.
 */
export async function storeVerified(
  store: EvidenceStore,
  key: string,
  body: Uint8Array,
  sha256: string,
  retention: RetentionRequest,
  enforce: boolean,
): Promise<ObjectHead> {
  const existing = await store.head({ key, versionId: undefined });
  if (existing !== undefined && (!enforce || retentionShortfall(retention, existing.retention) === undefined)) {
    if (sha256Hex(await store.get(existing)) === sha256) return existing;
  }
  const ref = await store.put(key, body, sha256, retention);
  const head = await store.head(ref);
  if (head === undefined) {
    throw new CavraError('ERR_STORE_VERIFY_FAILED', `\`${key}\` (version \`${ref.versionId ?? 'current'}\`) was not found when read back from \`${store.uri}\``, { details: { key } });
  }
  if (enforce) assertRetentionApplied(key, retention, head.retention);
  const stored = await store.get(ref);
  if (stored.byteLength !== body.byteLength || sha256Hex(stored) !== sha256) {
    throw new CavraError('ERR_STORE_VERIFY_FAILED', `\`${key}\` read back from \`${store.uri}\` does not match what was written`, {
      hint: 'the store altered or truncated the object; do not trust this copy',
      details: { key, expected: sha256, size: body.byteLength, storedSize: stored.byteLength },
    });
  }
  return head;
}
