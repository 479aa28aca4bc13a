// The evasion corpus (fixtures/evasions/corpus.json): each dangerous form must be stopped
// (block or require_approval, at least 90 % block outright) and no benign look-alike blocked,
// under a pack that blocks the canonical operations and allows everything else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compilePolicy, evaluate, loadCommandAnalyzer, openPolicy, type DecisionPolicy } from '@cavra/core';
import { REPO_ROOT } from './support/paths.ts';

interface Entry {
  name: string;
  kind: string;
  expect: 'dangerous' | 'benign';
  command: string;
  canonical?: string;
}

// peers.md §4.2, plus the equivalent file doors.
const KINDS = [
  'global-option-before-subcommand', 'env-prefix', 'env-var-flag-injection', 'wrapper-programs', 'path-qualified-binaries',
  'equivalent-tools', 'nested-shells', 'substitution-and-indirection', 'eval-source-startup', 'quoting-and-escaping',
  'line-continuation', 'parser-confusion', 'lists-and-separators', 'groups-control-flow-functions', 'deferred-execution',
  'stdin-fed-shells', 'exec-capable-args', 'git-internals', 'flag-aliases-reordering-abbreviation', 'file-doors',
] as const;

const DIR = join(REPO_ROOT, 'fixtures', 'evasions');
const corpus = JSON.parse(readFileSync(join(DIR, 'corpus.json'), 'utf8')) as { pack: string; entries: Entry[] };
const context = { now: () => new Date(0), randomHex: (bytes: number) => '0'.repeat(bytes * 2) };
let policy: DecisionPolicy;

beforeAll(async () => {
  await loadCommandAnalyzer();
  policy = compilePolicy(openPolicy({ packs: [join(DIR, corpus.pack)] }), []);
});

const decide = (command: string) => evaluate(policy, { action_type: 'execute_command', target: command }, context);

describe('evasion corpus shape', () => {
  test('has at least 150 valid entries with unique names', () => {
    expect(corpus.entries.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.entries.map((entry) => entry.name)).size).toBe(corpus.entries.length);
    for (const entry of corpus.entries) {
      expect(Object.keys(entry).every((key) => ['name', 'kind', 'expect', 'command', 'canonical'].includes(key)), entry.name).toBe(true);
      expect(KINDS, entry.name).toContain(entry.kind);
      expect(['dangerous', 'benign']).toContain(entry.expect);
      if (entry.expect === 'dangerous') expect(entry.canonical, entry.name).toBeTruthy();
    }
  });

  test.for(KINDS)('covers %s with dangerous forms', (kind) => {
    expect(corpus.entries.filter((entry) => entry.kind === kind && entry.expect === 'dangerous').length).toBeGreaterThanOrEqual(2);
  });
});

describe('evasion corpus decisions', () => {
  test.for(corpus.entries.filter((entry) => entry.expect === 'dangerous'))('$name is stopped: $command', (entry) => {
    const record = decide(entry.command);
    expect(['block', 'require_approval'], `${record.decision} by ${record.rule_id}: ${record.reason}`).toContain(record.decision);
  });

  test.for(corpus.entries.filter((entry) => entry.expect === 'benign'))('$name is not blocked: $command', (entry) => {
    const record = decide(entry.command);
    expect(record.decision, `${record.rule_id}: ${record.reason}`).not.toBe('block');
  });

  test('at least 90% of dangerous entries are blocked outright', () => {
    const dangerous = corpus.entries.filter((entry) => entry.expect === 'dangerous');
    const blocked = dangerous.filter((entry) => decide(entry.command).decision === 'block');
    expect(blocked.length / dangerous.length).toBeGreaterThanOrEqual(0.9);
  });
});
