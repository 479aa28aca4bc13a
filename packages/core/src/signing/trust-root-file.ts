import { createPublicKey } from 'node:crypto';
import { CavraError } from '../errors.ts';
import { keyAlgorithm, keyIdOf } from './keys.ts';
import { KEY_STATUSES, type KeyStatus, type TrustedKey } from './trusted-key.ts';

/** Schema id of our key trust root file. */
export const TRUST_ROOT_SCHEMA = 'cavra.evidence.trust-roots.v1';

/** One key entry of a trust root file (public material only). */
export interface TrustRootEntry {
  key_id: string;
  status: KeyStatus;
  algorithm: 'ed25519' | 'ecdsa-p256';
  public_key_pem: string;
  valid_from?: string;
  valid_until?: string;
  owner?: string;
  /** When and why the status last changed. */
  changed_at?: string;
  reason?: string;
}

/** The trust root file: keys that may sign evidence, with their life cycle. */
export interface TrustRootFile {
  schema: typeof TRUST_ROOT_SCHEMA;
  keys: TrustRootEntry[];
}

/** An empty trust root. */
export function emptyTrustRoot(): TrustRootFile {
  return { schema: TRUST_ROOT_SCHEMA, keys: [] };
}

/** Whether a parsed JSON value is one of our trust root files (not a Sigstore `trusted_root.json`). */
export function isTrustRootFile(value: unknown): value is TrustRootFile {
  return typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === TRUST_ROOT_SCHEMA;
}

/** Validates a trust root file and returns its keys; throws `ERR_CONFIG_INVALID` naming the entry. */
export function trustedKeysOf(value: unknown, source: string): TrustedKey[] {
  if (!isTrustRootFile(value) || !Array.isArray(value.keys)) throw new CavraError('ERR_CONFIG_INVALID', `\`${source}\` is not a \`${TRUST_ROOT_SCHEMA}\` file`);
  const seen = new Set<string>();
  return value.keys.map((entry, i) => {
    const where = `\`${source}\` keys[${i}]`;
    if (!KEY_STATUSES.includes(entry.status)) throw new CavraError('ERR_CONFIG_INVALID', `${where}: status must be one of ${KEY_STATUSES.join(', ')}`);
    let publicKey;
    try {
      publicKey = createPublicKey(entry.public_key_pem);
      keyAlgorithm(publicKey);
    } catch (cause) {
      throw new CavraError('ERR_CONFIG_INVALID', `${where}: public_key_pem is not an Ed25519 or P-256 public key`, { cause });
    }
    const keyId = keyIdOf(publicKey);
    if (entry.key_id !== keyId) throw new CavraError('ERR_CONFIG_INVALID', `${where}: key_id does not match the public key (expected \`${keyId}\`)`);
    if (seen.has(keyId)) throw new CavraError('ERR_CONFIG_INVALID', `${where}: duplicate key \`${keyId.slice(0, 16)}\``);
    seen.add(keyId);
    for (const field of ['valid_from', 'valid_until'] as const) {
      if (entry[field] !== undefined && Number.isNaN(Date.parse(entry[field]!))) throw new CavraError('ERR_CONFIG_INVALID', `${where}: ${field} is not a date`);
    }
    return {
      keyId,
      publicKey,
      status: entry.status,
      ...(entry.valid_from ? { validFrom: entry.valid_from } : {}),
      ...(entry.valid_until ? { validUntil: entry.valid_until } : {}),
      ...(entry.owner ? { owner: entry.owner } : {}),
    };
  });
}
