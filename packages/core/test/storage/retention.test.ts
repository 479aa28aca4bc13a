import { describe, expect, test } from 'vitest';
import { planRetention } from '../../src/index.ts';
import { retentionShortfall } from '../../src/storage/retention.ts';

const NOW = new Date('2026-01-02T03:04:05.678Z');
const requested = planRetention(NOW, 10, 'compliance', true);
const governance = planRetention(NOW, 10, 'governance', true);

describe('retention', () => {
  test('plans whole days from now, rounded up to the second', () => {
    expect(requested.retainUntil.toISOString()).toBe('2026-01-12T03:04:06.000Z');
    expect(() => planRetention(NOW, 0, 'governance', false)).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });

  test.for([
    ['as requested', { immutable: true, mode: 'compliance', retainUntil: '2026-01-12T03:04:06.000Z', legalHold: true }, undefined],
    ['longer', { immutable: true, mode: 'compliance', retainUntil: '2027-01-01T00:00:00.000Z', legalHold: true }, undefined],
    ['none', { immutable: false, mode: undefined, retainUntil: undefined, legalHold: false }, 'has no retention'],
    ['stricter mode', { immutable: true, mode: 'compliance', retainUntil: '2026-01-12T03:04:06.000Z', legalHold: true }, undefined],
    ['weaker mode', { immutable: true, mode: 'governance', retainUntil: '2026-01-12T03:04:06.000Z', legalHold: true }, 'retention mode'],
    ['shorter', { immutable: true, mode: 'compliance', retainUntil: '2026-01-11T03:04:06.000Z', legalHold: true }, 'retained only until'],
    ['no legal hold', { immutable: true, mode: 'compliance', retainUntil: '2026-01-12T03:04:06.000Z', legalHold: false }, 'no legal hold'],
  ] as const)('read back %s', ([name, applied, problem]) => {
    const found = retentionShortfall(name === 'stricter mode' ? governance : requested, applied);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});
