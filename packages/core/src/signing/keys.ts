import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { CavraError } from '../errors.ts';

/** Key algorithms we sign and verify with. */
export const KEY_ALGORITHMS = ['ed25519', 'ecdsa-p256'] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/** Algorithm of a key, or throws `ERR_KEY_INVALID` for one we do not support (P-384 fails in sigstore-js). */
export function keyAlgorithm(key: KeyObject): KeyAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  throw new CavraError('ERR_KEY_INVALID', `unsupported key type \`${key.asymmetricKeyType ?? 'unknown'}\``, { hint: 'use an Ed25519 or ECDSA P-256 key' });
}

/** Stable key id: lowercase hex SHA-256 of the SPKI DER public key (the bundle's key hint). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Parses a PEM private key (PKCS#8 or SEC1); the PEM never appears in errors. */
export function privateKeyFromPem(pem: string | Buffer, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (cause) {
    throw new CavraError('ERR_KEY_INVALID', `\`${source}\` is not a PEM private key`, { cause: undefined, hint: 'pass a PKCS#8 PEM file, e.g. from `cavra keys generate`', details: { reason: (cause as Error).message } });
  }
  keyAlgorithm(key);
  return key;
}

/** Parses a PEM public key (SPKI), or the public half of a private key PEM. */
export function publicKeyFromPem(pem: string | Buffer, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (cause) {
    throw new CavraError('ERR_KEY_INVALID', `\`${source}\` is not a PEM public key`, { hint: 'pass an SPKI PEM file, e.g. from `cavra keys generate`', details: { reason: (cause as Error).message } });
  }
  keyAlgorithm(key);
  return key;
}
