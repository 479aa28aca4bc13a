import { expect, test } from 'vitest';
import { systemDecisionContext } from '@cavra/core';

test('random ids are hex of the asked length and never repeat across pool refills', () => {
  const context = systemDecisionContext();
  const ids = Array.from({ length: 20_000 }, () => context.randomHex(6));
  for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(ids.length);
  expect(context.randomHex(10_000)).toHaveLength(20_000);
});
