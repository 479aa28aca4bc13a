import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, buildEvidenceLine, canonicalJson, fastCanonicalJson, sortedCopy } from '../../src/index.ts';
import { isCanonicallyOrdered } from '../../src/evidence/canonical.ts';
import { decision, input } from './support.ts';

const vectors = JSON.parse(readFileSync(new URL('../../../../fixtures/evidence/rfc8785-vectors.json', import.meta.url), 'utf8')) as {
  cases: { name: string; input: string; expected: string; sha256?: string }[];
};

describe('RFC 8785 vectors', () => {
  it.for(vectors.cases)('$name through the library and the fast path', ({ input: text, expected, sha256 }) => {
    const value = JSON.parse(text);
    expect(canonicalJson(value)).toBe(expected);
    expect(fastCanonicalJson(value)).toBe(expected);
    if (sha256) expect(createHash('sha256').update(expected).digest('hex')).toBe(sha256);
  });
});

// Values on which JSON.stringify of a pre-sorted copy could differ from JCS.
const EDGE_VALUES: unknown[] = [
  { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } },
  { '10': 'ten', '9': 'nine', a: 1 },
  { 'é': 1, e: 2, 'E': 3, '\u0080': 4, '😀': 5, '\ufb33': 6 },
  { n: [-0, 5e-324, 1e21, 1e-7, 1e-6, 333333333.33333329, 2 ** 53] },
  { s: 'line\nbreak\u2028sep\u0000nul"quote\\back' },
  { u: undefined, arr: [undefined, 1] },
  [{ b: 2, a: 1 }, 'x', true, false, null],
];

describe('fast canonical JSON equals the JCS library', () => {
  it.for(EDGE_VALUES.map((value, i) => ({ i, value })))('edge value $i', ({ value }) => {
    expect(fastCanonicalJson(value)).toBe(canonicalize(value));
  });

  it('falls back to the library when JS would reorder integer-like keys', () => {
    expect(sortedCopy({ '10': 1, '9': 2 })).toBeUndefined();
    expect(fastCanonicalJson({ '10': 1, '9': 2 })).toBe('{"10":1,"9":2}');
  });

  it('refuses lone surrogates, as JCS does', () => {
    expect(sortedCopy({ s: '\ud800' })).toBeUndefined();
    expect(() => canonicalJson({ s: '\ud800' })).toThrow(expect.objectContaining({ code: 'ERR_EVIDENCE_INVALID' }));
  });

  it('every record is `{"hash": sha256(JCS(record)), "record": record}` and the line itself is JCS', () => {
    const inputs = [
      input(1),
      { decision: decision(2, { analysis: { '1': 'integer key', b: [1, { y: 2, x: 1 }] } }), request: { target: 'a', '7': 'seven' } },
      { decision: decision(3), request: { target: 'lone \ud800 surrogate', é: 'ü' }, identity: { repository: 'o/r', run_id: '42' } },
    ];
    let prev = GENESIS_HASH;
    for (const [i, item] of inputs.entries()) {
      const { line, hash } = buildEvidenceLine(item, prev, i + 1);
      const parsed = JSON.parse(line) as { hash: string; record: unknown };
      expect(line).toBe(canonicalize(parsed));
      expect(hash).toBe(parsed.hash);
      expect(createHash('sha256').update(canonicalize(parsed.record)!).digest('hex')).toBe(hash);
      prev = hash;
    }
  });
});

describe('a parsed value in canonical order re-serialises to its RFC 8785 form', () => {
  const texts = [
    ...vectors.cases.map((c) => c.input),
    ...EDGE_VALUES.map((value) => JSON.stringify(value)),
    ...EDGE_VALUES.map((value) => canonicalize(value)!),
    '{"a":1,"a":2}',
    '{"b":{"y":1,"x":2},"a":0}',
    '{"a":"\\ud800"}',
    '{"__proto__":{"b":1,"a":2}}',
  ];
  it.for(texts.map((text, i) => ({ i, text })))('text $i', ({ text }) => {
    const parsed = JSON.parse(text) as unknown;
    if (isCanonicallyOrdered(parsed)) expect(JSON.stringify(parsed)).toBe(fastCanonicalJson(parsed));
    else expect(JSON.stringify(sortedCopy(parsed) ?? null)).not.toBe(JSON.stringify(parsed));
  });

  it('says no to unsorted keys, integer-like keys and lone surrogates', () => {
    expect(isCanonicallyOrdered(JSON.parse('{"a":{"b":1,"c":[{"e":1,"d":2}]}}'))).toBe(false);
    expect(isCanonicallyOrdered(JSON.parse('{"9":1}'))).toBe(false);
    expect(isCanonicallyOrdered(JSON.parse('{"a":"\\udc00"}'))).toBe(false);
    expect(isCanonicallyOrdered(JSON.parse('{"a":{"b":1,"c":[{"d":2,"e":1}]}}'))).toBe(true);
  });
});
