/** Remembers nonces until they expire, so a captured runner signature cannot be used twice. */
export interface NonceStore {
  /**
   * Records a nonce; returns `false` when it was already recorded and has not expired.
   * @param nonce - the presented nonce (scope it, e.g. `keyId:nonce`)
   * @param expiresAtMs - when it may be forgotten (its timestamp plus the allowed skew)
   * @param nowMs - the current time
   */
  claim(nonce: string, expiresAtMs: number, nowMs: number): boolean;
}
