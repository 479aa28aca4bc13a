// The protected paths a pattern operand or a filled directory can name are found once per pack
// and remembered: a decision must not depend on what the pack decided before it (the memory
// kept for reads is not the one kept for writes, a full memory starts again, and a long pattern
// is not kept).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { compilePolicy, evaluate, GATE_DEFAULT_PACK_ID, loadCommandAnalyzer, openPolicy, type DecisionContext } from '@cavra/core';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const context: DecisionContext = { now: () => new Date(1_790_000_000_000), randomHex: (bytes) => '0'.repeat(bytes * 2) };
beforeAll(async () => {
  await loadCommandAnalyzer();
});

function entriesOf(file: string): string[] {
  return (JSON.parse(readFileSync(join(root, file), 'utf8')) as { entries: Array<{ command: string }> }).entries.map((entry) => entry.command);
}

// Lines whose file operands are patterns or filled directories, the same pattern read and
// written, and the same text as a pattern and as a directory.
const lines = [
  ...[...entriesOf('fixtures/evasions/corpus.json'), ...entriesOf('fixtures/evasions/holes.json')].filter((line) => /[$*?[]|xargs|tar|unzip|-C /.test(line)),
  'cat "$D"/*',
  'cp x "$D"/*',
  'cat "$D"/.github/workflows/ci.yml',
  'cp ci.yml "$D"/.github/workflows/ci.yml',
  'tar -xf a.tar -C .github',
  'tar -cf a.tar .github',
  // One text as a pattern operand and as a filled directory.
  'rm -rf "$D"',
  'tar -xf a.tar -C "$D"',
  'rm -rf .github/*',
  'tar -xf a.tar -C .github/*',
  // Longer than the memory keeps.
  `cat "$D"/${'x/'.repeat(700)}.env`,
  `tar -xf a.tar -C "$D"/${'x/'.repeat(700)}`,
];

function decide(policy: ReturnType<typeof compilePolicy>, line: string): string {
  return JSON.stringify(evaluate(policy, { action_type: 'execute_command', target: line }, context));
}

function freshPolicy(): ReturnType<typeof compilePolicy> {
  return compilePolicy(openPolicy({ packs: [GATE_DEFAULT_PACK_ID] }), []);
}

test('a pattern operand is decided alike by a fresh pack, after other lines, and after the memory is full', () => {
  expect(lines.length).toBeGreaterThan(100);
  const cold = lines.map((line) => decide(freshPolicy(), line));
  expect(cold.filter((record) => record.includes('can name it')).length).toBeGreaterThan(20);
  expect(cold.filter((record) => record.includes('can land there')).length).toBeGreaterThan(2);
  const [longRead, longFill] = cold.slice(-2).map((record) => JSON.parse(record) as { decision: string; reason: string });
  expect(longRead!.decision).toBe('block');
  expect(longFill!.reason).toContain('can land there');

  const warm = freshPolicy();
  expect([...lines].reverse().map((line) => decide(warm, line)).reverse()).toEqual(cold);
  // More distinct patterns than the memory keeps, reads and writes alike, then every line again.
  for (let index = 0; index < 1_200; index += 1) {
    decide(warm, `cat "$D"/notes-${index}/*.md`);
    decide(warm, `tar -xf a.tar -C out-${index}`);
  }
  expect(lines.map((line) => decide(warm, line))).toEqual(cold);
});

test('a typed globstar names no hidden directory; after an unknown directory, or made by expansion, it may', () => {
  const policy = freshPolicy();
  const record = (line: string) => JSON.parse(decide(policy, line)) as { decision: string; reason: string; analysis: { files?: Array<Record<string, unknown>> } };
  expect(record('cat docs/**/*.md').decision).toBe('allow');
  expect(record('grep -n TODO docs/**/*.md').decision).toBe('allow');
  for (const line of ['cat "$D"/**/*.md', 'cd "$D" && cat **/*.md', 'cat .*/**/*.md']) {
    const stopped = record(line);
    expect(stopped.decision, line).toBe('require_approval');
    expect(stopped.reason, line).toMatch(/can name it/);
  }
  // In a redirection too: a hidden start-up directory is not among what it can name.
  expect(record('echo x > docs/**/notes.md').reason).not.toMatch(/\/\./);
  // A literal dot still names what it names.
  expect(record('cat docs/**/.env').decision).toBe('block');
  // How the glob was written is not part of the finding the record shows.
  expect(record('cat docs/**/*.md').analysis.files).toEqual([{ access: 'read', path: 'docs/**/*.md', by: 'cat', glob: true }]);
});
