import type { KeyObject } from 'node:crypto';
import { CavraError } from '../errors.ts';
import { keyIdOf } from './keys.ts';

/** Life-cycle states of a signing key. */
export const KEY_STATUSES = ['active', 'retired', 'revoked'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** A public key trusted to sign evidence, with its status and validity window. */
export interface TrustedKey {
  keyId: string;
  publicKey: KeyObject;
  status: KeyStatus;
  /** RFC 3339; signatures made before it are rejected. */
  validFrom?: string;
  /** RFC 3339; signatures made after it are rejected (for a retired key: when it was retired). */
  validUntil?: string;
  owner?: string;
}

/** A key pinned on the command line: active, no window. */
export function pinnedKey(publicKey: KeyObject): TrustedKey {
  return { keyId: keyIdOf(publicKey), publicKey, status: 'active' };
}

// A revoked key never verifies; active and retired keys verify signatures made inside their
// window, so a retired key still verifies what it signed while active (unlike upstream §10.24).
/** Throws unless `key` may vouch for a signature made at `signedAt`. */
export function assertKeyUsable(key: TrustedKey, signedAt: string | undefined): void {
  const id = key.keyId.slice(0, 16);
  if (key.status === 'revoked') throw new CavraError('ERR_KEY_REVOKED', `key \`${id}\` is revoked`, { hint: 'a revoked key verifies nothing; re-seal with an active key' });
  if (key.validFrom === undefined && key.validUntil === undefined) return;
  const at = signedAt === undefined ? Number.NaN : Date.parse(signedAt);
  if (Number.isNaN(at)) throw new CavraError('ERR_KEY_OUTSIDE_WINDOW', `signing time is unknown, so key \`${id}\`'s validity window cannot be checked`);
  if (key.validFrom !== undefined && at < Date.parse(key.validFrom)) {
    throw new CavraError('ERR_KEY_OUTSIDE_WINDOW', `signed at ${signedAt}, before key \`${id}\` became valid (${key.validFrom})`);
  }
  if (key.validUntil !== undefined && at > Date.parse(key.validUntil)) {
    throw new CavraError('ERR_KEY_OUTSIDE_WINDOW', `signed at ${signedAt}, after key \`${id}\` stopped being valid (${key.validUntil})`);
  }
}
