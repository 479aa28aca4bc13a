// The linear glob matcher against the RegExp our globs compiled to before it (kept below as the
// reference), on generated patterns and subjects; then the cases where it is deliberately wider
// (Unicode case folding) and the hostile inputs that used to stall a hook.
import { expect, test } from 'vitest';
import { compileGlob, globToRegExp, type GlobOptions } from '@cavra/core';

const REGEX_META = /[.*+?^${}()|[\]\\/-]/g;

/** The former `globToRegExp`, verbatim: the semantics the matcher must keep. */
function referenceRegExp(pattern: string, options: GlobOptions = {}): RegExp {
  let source = '';
  let index = 0;
  while (index < pattern.length) {
    if (pattern.startsWith('**/', index) && options.globstarMatchesRoot && (index === 0 || pattern[index - 1] === '/')) {
      source += '(?:.*/)?';
      index += 3;
    } else if (pattern[index] === '*') {
      while (pattern[index] === '*') index += 1;
      source += '.*';
    } else {
      source += pattern[index]!.replace(REGEX_META, '\\$&');
      index += 1;
    }
  }
  return new RegExp(`^${source}$`, options.caseInsensitive ? 'i' : '');
}

// A small seeded generator (mulberry32), so a failure names a reproducible case.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATTERN_ATOMS = ['a', 'b', 'A', '/', '.', '*', '**', '**/', '?', '[', ']', '-', ' ', '\n', 'ab', 'a/'];
const SUBJECT_ATOMS = ['a', 'b', 'A', 'B', '/', '.', '?', '[', ']', '-', ' ', '\n', '\r', 'ab', '//'];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function build(next: () => number, atoms: readonly string[], max: number): string {
  const length = Math.floor(next() * (max + 1));
  let out = '';
  for (let index = 0; index < length; index += 1) out += pick(next, atoms);
  return out;
}

const OPTION_SETS: GlobOptions[] = [{}, { globstarMatchesRoot: true }, { caseInsensitive: true }, { globstarMatchesRoot: true, caseInsensitive: true }];

test('agrees with the former RegExp semantics on 40,000 generated cases', () => {
  const next = random(17);
  let matched = 0;
  const disagreements: string[] = [];
  for (let round = 0; round < 2_500; round += 1) {
    const pattern = build(next, PATTERN_ATOMS, 7);
    const options = pick(next, OPTION_SETS);
    const matcher = compileGlob(pattern, options);
    const reference = referenceRegExp(pattern, options);
    for (let sample = 0; sample < 16; sample += 1) {
      // Half the subjects are built from the pattern itself, so matches are common, not rare.
      const subject = sample % 2 === 0 ? build(next, SUBJECT_ATOMS, 9) : pattern.replace(/\*+/g, () => build(next, SUBJECT_ATOMS, 3));
      const want = reference.test(subject);
      if (want) matched += 1;
      if (matcher.test(subject) !== want) disagreements.push(`${JSON.stringify(pattern)} ${JSON.stringify(options)} ~ ${JSON.stringify(subject)}: want ${want}`);
    }
  }
  expect(disagreements.slice(0, 10)).toEqual([]);
  // The generator must exercise both outcomes, or agreement proves nothing.
  expect(matched).toBeGreaterThan(5_000);
});

test('globToRegExp keeps its RegExp shape and answers with the linear matcher', () => {
  const regexp = globToRegExp('**/*.pem', { globstarMatchesRoot: true });
  expect(regexp).toBeInstanceOf(RegExp);
  expect(regexp.source).toBe(referenceRegExp('**/*.pem', { globstarMatchesRoot: true }).source);
  expect(regexp.test('a/b/key.pem')).toBe(true);
  expect(regexp.test('a/b/key.pem.md')).toBe(false);
});

test.for([
  ['**/.env', '.\u212Aenv', false],
  ['**/id_rsa', 'id_r\u017Fa', true],
  ['**/kubeconfig', '\u212Aubeconfig', true],
  ['**/.ssh/**', 'home/x/.\u017F\u017Fh/config', true],
  ['**/SECRETS.*', 'Secrets.YAML', true],
] as const)('case-insensitive matching folds Unicode case: %s ~ %s is %s', ([pattern, subject, expected]) => {
  expect(compileGlob(pattern, { globstarMatchesRoot: true, caseInsensitive: true }).test(subject)).toBe(expected);
  // Case-sensitive matching stays exact.
  expect(compileGlob(pattern, { globstarMatchesRoot: true }).test(subject)).toBe(false);
});

test.for([
  ['**/*.pem', `${'a/'.repeat(32_768)}x`, { globstarMatchesRoot: true, caseInsensitive: true }],
  ['**/**/**/**/**/secret', `${'a/'.repeat(200)}b`, { globstarMatchesRoot: true }],
  ['*-*-*-*-*-*-*-*x', '-'.repeat(88), {}],
  ['*a*a*a*a*a*a*a*a*a*ab', 'a'.repeat(100_000), {}],
] as const)('hostile pattern %s decides a long miss at once', ([pattern, subject, options]) => {
  const started = performance.now();
  expect(compileGlob(pattern, options).test(subject)).toBe(false);
  // Not a benchmark (bench/glob.mjs is): the old RegExp took seconds to minutes on each.
  expect(performance.now() - started).toBeLessThan(1_000);
});

test('a line break in a middle segment is matched exactly', () => {
  const options = {};
  for (const [pattern, subject] of [['a*\nb*c', 'ax\nbyc'], ['a*\nb*c', 'a\nx\nbc'], ['*\n*', 'x\ny'], ['*\n*', 'x\n\ny']] as const) {
    expect(compileGlob(pattern, options).test(subject), `${pattern} ~ ${subject}`).toBe(referenceRegExp(pattern, options).test(subject));
  }
});
