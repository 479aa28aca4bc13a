import { randomFillSync } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
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
        fillRandom(pool);
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

// The kernel's CSPRNG where there is one: a hook that keeps no evidence then never loads
// node:crypto (~15 ms of its start-up, per tool call). Anywhere else, or on any doubt, node:crypto.
function fillRandom(pool: Buffer): void {
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      if (readSync(fd, pool, 0, pool.length, null) === pool.length) return;
    } finally {
      closeSync(fd);
    }
  } catch {
    // No /dev/urandom (Windows): fall through.
  }
  randomFillSync(pool);
}
