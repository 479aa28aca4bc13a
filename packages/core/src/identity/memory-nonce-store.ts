import { CavraError } from '../errors.ts';
import type { NonceStore } from './nonce-store.ts';

/** A {@link NonceStore} in memory, for one gate process; bounded so that a flood fails closed. */
export class MemoryNonceStore implements NonceStore {
  readonly #seen = new Map<string, number>();
  readonly #maxEntries: number;

  constructor(maxEntries = 100_000) {
    this.#maxEntries = maxEntries;
  }

  claim(nonce: string, expiresAtMs: number, nowMs: number): boolean {
    // Entries are in insertion order, which is nearly expiry order: drop from the front until one
    // is still live, so each call costs O(expired) rather than O(all).
    for (const [seen, expiry] of this.#seen) {
      if (expiry > nowMs) break;
      this.#seen.delete(seen);
    }
    const expiry = this.#seen.get(nonce);
    if (expiry !== undefined && expiry > nowMs) return false;
    if (this.#seen.size >= this.#maxEntries) {
      throw new CavraError('ERR_TOKEN_REPLAYED', 'too many runner auth nonces are outstanding; refusing new ones', { details: { maxEntries: this.#maxEntries } });
    }
    this.#seen.set(nonce, expiresAtMs);
    return true;
  }
}
