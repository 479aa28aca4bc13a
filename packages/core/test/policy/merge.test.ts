import { expect, test } from 'vitest';
import { CavraError, resolvePack, type PackSource } from '@cavra/core';

function lookupFrom(files: Record<string, string>) {
  return (id: string): PackSource | undefined => (files[id] === undefined ? undefined : { file: `${id}.yaml`, text: files[id]! });
}

const parentA = `metadata: {id: a, title: A, version: 1, description: parent a}
filesystem:
  block_read: [z.secret, ".env"]
commands:
  allow: ["npm test*"]
mcp:
  allowed_servers: [github]
`;
const parentB = `metadata: {id: b, title: B, version: 2}
filesystem:
  block_read: [".env", a.secret]
git:
  protected_branches: [release/*]
`;
const child = `metadata: {id: c, title: C, version: 3, inherits: [a, b]}
commands:
  allow: ["pytest*"]
mcp:
  allowed_servers: [filesystem]
`;

test('inheritance folds parents left to right, concatenates and de-duplicates lists, then sorts by code point', () => {
  const { document, sources } = resolvePack('c', lookupFrom({ a: parentA, b: parentB, c: child }));
  expect(document.metadata).toMatchObject({ id: 'c', title: 'C', version: 3, description: 'parent a' });
  expect(document.filesystem?.block_read).toEqual(['.env', 'a.secret', 'z.secret']);
  expect(document.commands?.allow).toEqual(['npm test*', 'pytest*']);
  expect(document.mcp?.allowed_servers).toEqual(['filesystem', 'github']);
  expect(document.git?.protected_branches).toEqual(['release/*']);
  expect(sources.map((source) => source.file)).toEqual(['c.yaml', 'a.yaml', 'b.yaml']);
});

test('a pack without inheritance keeps its own values', () => {
  const { document } = resolvePack('b', lookupFrom({ b: parentB }));
  expect(document.filesystem?.block_read).toEqual(['.env', 'a.secret']);
});

test('a child rule with a parent rule id replaces it', () => {
  const base = `metadata: {id: p, title: P, version: 1}
rules:
  - {id: r1, action: execute_command, match: ["make*"], decision: warn}
  - {id: r2, action: execute_command, match: ["npm publish*"], decision: block}
`;
  const over = `metadata: {id: q, title: Q, version: 1, inherits: p}
rules:
  - {id: r1, action: execute_command, match: ["make*"], decision: require_approval}
`;
  const { document } = resolvePack('q', lookupFrom({ p: base, q: over }));
  expect(document.rules?.map((rule) => [rule.id, rule.decision])).toEqual([
    ['r2', 'block'],
    ['r1', 'require_approval'],
  ]);
});

test.for([
  ['self', { self: 'metadata: {id: self, title: S, version: 1, inherits: self}' }, 'self` -> `self'],
  ['x', { x: 'metadata: {id: x, title: X, version: 1, inherits: y}', y: 'metadata: {id: y, title: Y, version: 1, inherits: [x]}' }, 'x` -> `y` -> `x'],
] as const)('an inheritance cycle from %s is an error', ([start, files, chain]) => {
  let caught: unknown;
  try {
    resolvePack(start, lookupFrom(files));
  } catch (error) {
    caught = error;
  }
  expect((caught as CavraError).code).toBe('ERR_POLICY_INHERITANCE_CYCLE');
  expect((caught as CavraError).message).toContain(chain);
});

test('an unknown parent names the child that inherits it', () => {
  expect(() => resolvePack('c', lookupFrom({ c: child, a: parentA }))).toThrow(/unknown policy pack `b` \(inherited by `c`\)/);
});
