import { randomBytes } from 'node:crypto';
import type { DecisionContext } from './decision/types.ts';

/** The real clock and a CSPRNG, for edges that decide for real. */
export function systemDecisionContext(): DecisionContext {
  return { now: () => new Date(), randomHex: (bytes) => randomBytes(bytes).toString('hex') };
}
