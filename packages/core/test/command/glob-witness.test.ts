// The glob door's intersection: a witness is returned exactly when a shell glob and a policy
// glob share a path, and the witness matches both. Checked against brute force on generated cases.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { globWitness, treeDirectory, treeWitness } from '../../src/command/glob-witness.ts';
import { globToRegExp } from '../../src/policy/glob.ts';

// bash pathname matching for one path (no dotglob): `*`/`?`/`[…]` never match `/`, nor a leading
// dot. `**` is anything (an unknown expansion), and a leading `**\/` also nothing; `typed`, it is a
// globstar: any names, none starting with a dot. `loose`: a star at a name's start may also match
// nothing before a literal dot (`*.` names `.`), which the witness search allows (it never
// misses a path, and may name one bash would not).
function shellRegExp(pattern: string, typed = false, loose = false): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    const start = index === 0 || pattern[index - 1] === '/';
    const noDot = start ? '(?!\\.)' : '';
    if (char === '*' && pattern[index + 1] === '*') {
      while (pattern[index + 1] === '*') index += 1;
      if (start && pattern[index + 1] === '/') {
        source += typed ? '(?:(?!\\.)[^/]*/)*' : '(?:.*/)?';
        index += 1;
      } else if (!typed) source += '.*';
      else source += loose ? `${start ? '(?:(?!\\.)[^/]+)?' : '[^/]*'}(?:/(?:(?!\\.)[^/]+)?)*` : `${noDot}[^/]*(?:/(?!\\.)[^/]*)*`;
    } else if (char === '*') source += start && loose ? '(?:(?!\\.)[^/]+)?' : `${noDot}[^/]*`;
    else if (char === '?') source += `${noDot}[^/]`;
    else if (char === '[') {
      const close = pattern.indexOf(']', index + 2);
      let body = pattern.slice(index + 1, close).replace(/^!/, '^');
      if (start) body = body.startsWith('^') ? `^.${body.slice(1)}` : body.replace(/\./g, '');
      source += `(?!/)[${body.replace(/\\/g, '\\\\')}]`;
      index = close;
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function* strings(alphabet: string, max: number): Generator<string> {
  let frontier = [''];
  for (let length = 0; length <= max; length += 1) {
    for (const text of frontier) yield text;
    frontier = frontier.flatMap((text) => [...alphabet].map((char) => text + char));
  }
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('glob witnesses', () => {
  test.for([
    ['.[e]nv', '**/.env', '.env'],
    ['.github/workflow?/ci.yml', '.github/workflows/**', '.github/workflows/ci.yml'],
    ['*.pem', '**/*.pem', '.pem'],
    // `"$D/.github/workflows/x.yml"`, `"$D.yml"`: D may be `.`, or a path into the directory.
    ['**/.github/workflows/x.yml', '.github/workflows/**', '.github/workflows/x.yml'],
    ['**.yml', '.github/workflows/**', '.github/workflows/.yml'],
    ['a/**/.git/config', '**/.git/config', 'a/.git/config'],
  ] as const)('%s meets %s', ([shell, policy]) => {
    const witness = globWitness(shell, policy);
    expect(witness).toBeDefined();
    expect(shellRegExp(shell).test(witness!) || shell === '*.pem').toBe(true);
    expect(globToRegExp(policy, { globstarMatchesRoot: true }).test(witness!)).toBe(true);
  });

  // Bracket expressions with POSIX classes, equivalence classes and collating symbols: each
  // witness is checked by bash's own pattern matching (`case`).
  test.for([
    ['.[[:alpha:]]nv', '**/.env', true],
    ['.[[:lower:]]n[[:lower:]]', '**/.env', true],
    ['.[![:digit:]]nv', '**/.env', true],
    ['.[[=e=]]nv', '**/.env', true],
    ['.[[.e.]]nv', '**/.env', true],
    ['.[ab[:lower:]x]nv', '**/.env', true],
    ['*.[[:alpha:]]em', '**/*.pem', true],
    ['.[[:digit:]]nv', '**/.env', false],
    ['.[[:upper:]]nv', '**/.env', false],
    ['.[[:bogus:]]nv', '**/.env', false],
  ] as const)('%s meets %s: %s, as bash matches it', ([shell, policy, meets]) => {
    const witness = globWitness(shell, policy);
    expect(witness !== undefined).toBe(meets);
    if (witness === undefined) return;
    const result = spawnSync('bash', ['--norc', '--noprofile', '-c', 'case "$1" in $2) exit 0;; esac; exit 1', 'bash', witness, shell]);
    expect(result.status, `${witness} against ${shell}`).toBe(0);
  });

  test.for([
    ['src/*.ts', '**/.env'],
    ['?env', '**/.env'],
    ['*.md', '**/*.pem'],
    ['docs/[!.]env', '**/.env'],
    ['src/**/*.ts', '**/.env'],
    ['**/src/app.ts', '**/*.pem'],
  ] as const)('%s never meets %s', ([shell, policy]) => {
    expect(globWitness(shell, policy)).toBeUndefined();
  });

  // A typed `**` is a globstar: it never names a hidden directory, or a hidden file.
  test.for([
    ['src/**/*.md', '**/.ssh/**', false],
    ['docs/**', '**/.env', false],
    ['**', '**/*.pem', true],
    ['**/.env', '**/.env', true],
    ['src/**/.ssh/id_rsa', '**/.ssh/**', true],
    ['.*/**/x', '**/.git/**', true],
  ] as const)('typed %s meets %s: %s', ([shell, policy, meets]) => {
    const witness = globWitness(shell, policy, false, true);
    expect(witness !== undefined).toBe(meets);
    if (witness !== undefined) expect(shellRegExp(shell, true).test(witness), witness).toBe(true);
    // As an expansion's pattern, `**` reaches hidden names.
    expect(globWitness(shell, policy)).toBeDefined();
  });

  // Every witness matches both globs, and a pair that brute force finds a common path for has one.
  // Typed, a witness is checked loosely (a star at a name's start may match nothing before a dot).
  function agreesWithBruteForce(seed: number, shellParts: readonly string[], typed: boolean): number {
    const random = seeded(seed);
    const pick = (items: readonly string[]) => items[Math.floor(random() * items.length)]!;
    const policyParts = ['a', '.', '/', '*', '**/', 'b'];
    let met = 0;
    for (let round = 0; round < 300; round += 1) {
      const shell = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(shellParts)).join('');
      const policy = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(policyParts)).join('');
      const left = shellRegExp(shell, typed);
      const right = globToRegExp(policy, { globstarMatchesRoot: true });
      let common: string | undefined;
      for (const text of strings('a./b', 5)) {
        if (left.test(text) && right.test(text)) {
          common = text;
          break;
        }
      }
      const witness = globWitness(shell, policy, false, typed);
      if (witness !== undefined) {
        met += 1;
        expect(shellRegExp(shell, typed, typed).test(witness), `${shell} ${policy} ${witness}`).toBe(true);
        expect(right.test(witness), `${shell} ${policy} ${witness}`).toBe(true);
      }
      if (common !== undefined) expect(witness, `${shell} ∩ ${policy} has ${common}`).toBeDefined();
    }
    return met;
  }

  test('agrees with brute force on generated globs', () => {
    expect(agreesWithBruteForce(7, ['a', '.', '/', '*', '?', '[ab]', '[!a]', 'b'], false)).toBeGreaterThan(50);
  });

  test('agrees with brute force on generated typed globs with globstars', () => {
    expect(agreesWithBruteForce(11, ['a', '.', '/', '*', '**', '**/', 'b'], true)).toBeGreaterThan(50);
  });
});

// What a recursive copy or move carries into a directory: every path below it that the
// destination decides, never a name only the copied files could tell.
describe('tree witnesses', () => {
  test.for([
    // A glob anchored at a directory: the destination decides.
    ['.github', '.github/workflows/**', true],
    ['.github/', '.github/workflows/**', true],
    ['./.github', '.github/workflows/**', true],
    ['.', '.github/workflows/**', true],
    ['', '.github/workflows/**', true],
    ['.github/ISSUE_TEMPLATE', '.github/workflows/**', false],
    ['dist', '.github/workflows/**', false],
    ['/tmp/backup', '/etc/**', false],
    // Copied names are never `..`, nor the home directory.
    ['', '../**', false],
    ['', '~/**', false],
    // A name that matches anywhere: only the copied files could tell.
    ['dist', '**/backend.tf', false],
    ['.github', '**/*.pem', false],
    // A place by its name: below where the destination is in it.
    ['.git', '**/.git/hooks/**', true],
    ['sub/.git', '**/.git/config', true],
    ['.git/modules/x', '**/.git/modules/**/hooks/**', true],
    ['dist', '**/.git/config', false],
    ['.github/docs', '**/.github/workflows/**', false],
    ['**', '**/.git/config', true],
  ] as const)('%j below %s: %s', ([directory, policy, found]) => {
    const witness = treeWitness(treeDirectory(directory), policy);
    expect(witness !== undefined, witness).toBe(found);
    if (witness === undefined) return;
    expect(globToRegExp(policy, { globstarMatchesRoot: true }).test(witness), witness).toBe(true);
    const prefix = directory.replace(/\/+$/, '').replace(/^(\.\/)+/, '').replace(/^\.$/, '');
    if (!prefix.includes('*')) expect(witness.startsWith(prefix === '' ? '' : `${prefix}/`), witness).toBe(true);
  });
});
