import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CavraError } from '../errors.ts';
import { keyAlgorithm, keyIdOf, type KeyAlgorithm } from './keys.ts';
import type { TrustRootEntry, TrustRootFile } from './trust-root-file.ts';

/** A new key pair as PEM; the private half is for the caller to store, never for evidence. */
export interface GeneratedKey {
  keyId: string;
  algorithm: KeyAlgorithm;
  privateKeyPem: string;
  publicKeyPem: string;
}

/** Generates an Ed25519 (default) or ECDSA P-256 signing key. */
export function generateSigningKey(algorithm: KeyAlgorithm = 'ed25519'): GeneratedKey {
  const pair = algorithm === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    keyId: keyIdOf(pair.publicKey),
    algorithm,
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A trust root entry for a public key, active from `now`. */
export function trustEntryOf(publicKey: KeyObject, now: Date, options: { validUntil?: string; owner?: string } = {}): TrustRootEntry {
  const pub = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  return {
    key_id: keyIdOf(pub),
    status: 'active',
    algorithm: keyAlgorithm(pub),
    public_key_pem: pub.export({ type: 'spki', format: 'pem' }).toString(),
    valid_from: now.toISOString(),
    ...(options.validUntil ? { valid_until: options.validUntil } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
  };
}

/** Adds a key (refusing duplicates); returns a new file. */
export function addTrustedKey(root: TrustRootFile, entry: TrustRootEntry): TrustRootFile {
  if (root.keys.some((k) => k.key_id === entry.key_id)) throw new CavraError('ERR_CONFIG_INVALID', `key \`${entry.key_id.slice(0, 16)}\` is already in the trust root`);
  return { ...root, keys: [...root.keys, entry] };
}

/**
 * Rotation: every active key becomes retired at `now` (it keeps verifying what it signed before),
 * and the new key becomes active.
 */
export function rotateTrustedKey(root: TrustRootFile, entry: TrustRootEntry, now: Date): TrustRootFile {
  const at = now.toISOString();
  const keys = root.keys.map((k) => (k.status === 'active' ? { ...k, status: 'retired' as const, valid_until: k.valid_until && k.valid_until < at ? k.valid_until : at, changed_at: at, reason: 'rotated' } : k));
  return addTrustedKey({ ...root, keys }, entry);
}

/** Revocation: the key never verifies again, whatever it signed. */
export function revokeTrustedKey(root: TrustRootFile, keyId: string, now: Date, reason = 'revoked'): TrustRootFile {
  const matches = root.keys.filter((k) => k.key_id.startsWith(keyId));
  if (matches.length !== 1) throw new CavraError('ERR_USAGE', `key id \`${keyId}\` matches ${matches.length} keys in the trust root`, { hint: 'give more characters of the key id (see `cavra keys list`)' });
  const id = matches[0]!.key_id;
  return { ...root, keys: root.keys.map((k) => (k.key_id === id ? { ...k, status: 'revoked' as const, changed_at: now.toISOString(), reason } : k)) };
}
