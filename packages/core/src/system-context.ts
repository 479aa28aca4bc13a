import { randomFillSync } from 'node:crypto';
import type { DecisionContext } from './decision/types.ts';

const POOL_BYTES = 8192;

/**
 * The real clock and a CSPRNG, for edges that decide for real. Random bytes are drawn from the
 * CSPRNG a pool at a time: one call per id cost more than the decision itself in a batch.
 */
export function systemDecisionContext(now: () => Date = () => new Date()): DecisionContext {
  const pool = Buffer.alloc(POOL_BYTES);
  let offset = POOL_BYTES;
  return {
    now,
    randomHex: (bytes) => {
      if (bytes > POOL_BYTES) return randomFillSync(Buffer.alloc(bytes)).toString('hex');
      if (offset + bytes > POOL_BYTES) {
        randomFillSync(pool);
        offset = 0;
      }
      const hex = pool.toString('hex', offset, offset + bytes);
      // Each byte is handed out once.
      pool.fill(0, offset, offset + bytes);
      offset += bytes;
      return hex;
    },
  };
}
