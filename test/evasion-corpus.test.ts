// The evasion corpus (fixtures/evasions/corpus.json): each dangerous form must be stopped
// (block or require_approval, at least 90 % block outright) and no benign look-alike blocked,
// under a pack that blocks the canonical operations and allows everything else.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compilePolicy, evaluate, loadCommandAnalyzer, openPolicy, type DecisionPolicy } from '@cavra/core';
import { CLI_BUNDLE, REPO_ROOT } from './support/paths.ts';

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
  // issues 16 and 17
  'pattern-operand-substitution', 're-evaluation', 'containers', 'git-config-view', 'constant-evaluation', 'code-loading-options',
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

  test('at least 90% of dangerous entries are blocked outright, and none is allowed', () => {
    const dangerous = corpus.entries.filter((entry) => entry.expect === 'dangerous');
    const decisions = dangerous.map((entry) => decide(entry.command).decision);
    expect(decisions.filter((decision) => decision === 'block').length / dangerous.length).toBeGreaterThanOrEqual(0.9);
    expect(decisions.filter((decision) => decision === 'allow')).toEqual([]);
  });
});

// The holes fixtures (fixtures/evasions/holes.json): one class per mechanism of issues 16 and 17,
// attacks next to look-alikes, under a pack shaped like cavra-ci-baseline (everyday programs
// allowed by pattern). The exact decision is pinned, through evaluate() and through the CLI.
interface Hole {
  name: string;
  class: string;
  expect: 'dangerous' | 'benign';
  command: string;
  decision: 'allow' | 'require_approval' | 'block';
}

const HOLE_CLASSES = [
  'substitution-in-operands', 're-evaluation', 'code-options', 'program-resolution', 'file-doors',
  'stdin-code', 'containers', 'git-config-view', 'parse-errors', 'constant-evaluation', 'brace-expansion',
  'package-runners', 'named-remotes', 'package-installs', 'shell-scopes', 'package-wrappers',
] as const;
const holes = JSON.parse(readFileSync(join(DIR, 'holes.json'), 'utf8')) as { pack: string; entries: Hole[] };
let holesPolicy: DecisionPolicy;

describe('holes fixtures', () => {
  beforeAll(() => {
    holesPolicy = compilePolicy(openPolicy({ packs: [join(DIR, holes.pack)] }), []);
  });

  test.for(HOLE_CLASSES)('%s has attacks and look-alikes', (name) => {
    expect(holes.entries.filter((entry) => entry.class === name && entry.expect === 'dangerous').length).toBeGreaterThanOrEqual(3);
    expect(holes.entries.filter((entry) => entry.class === name && entry.expect === 'benign').length).toBeGreaterThanOrEqual(3);
  });

  test('no attack is allowed and no look-alike is blocked', () => {
    for (const entry of holes.entries) {
      expect(entry.decision, entry.name).not.toBe(entry.expect === 'dangerous' ? 'allow' : 'block');
      expect(HOLE_CLASSES, entry.name).toContain(entry.class);
    }
  });

  test.for(holes.entries)('$name: $command is $decision', (entry) => {
    const record = evaluate(holesPolicy, { action_type: 'execute_command', target: entry.command }, context);
    expect(record.decision, `${record.rule_id}: ${record.reason}`).toBe(entry.decision);
  });

  test('the CLI decides every entry the same way', () => {
    const batch = holes.entries.map((entry) => JSON.stringify({ action_type: 'execute_command', target: entry.command })).join('\n');
    const result = spawnSync(process.execPath, [CLI_BUNDLE, 'evaluate', '--pack', join(DIR, holes.pack), '--batch', '-'], { encoding: 'utf8', input: batch, maxBuffer: 64 * 1024 * 1024 });
    expect(result.status, result.stderr).toBe(0);
    const decisions = result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { decision: string }).decision);
    expect(decisions).toEqual(holes.entries.map((entry) => entry.decision));
  });
});

// Every attack of both fixtures, rewritten in ways that keep what bash may run (a subshell, a
// group, a nested shell, eval, a list, a branch, a loop, a negation, a redirection, a trap): a
// rewrite never allows what the line itself stops, under the holes pack and the gate's default.
// Lines the parser already finds broken, and lines of several lines, are left out: wrapping them
// changes how bash reads them.
const REWRITES: ReadonlyArray<readonly [string, (line: string) => string]> = [
  ['subshell', (line) => `( ${line} )`],
  ['group', (line) => `{ ${line}; }`],
  ['bash -c', (line) => `bash -c ${quote(line)}`],
  ['sh -c', (line) => `sh -c ${quote(line)}`],
  ['eval', (line) => `eval ${quote(line)}`],
  ['after &&', (line) => `true && ${line}`],
  ['after cd .', (line) => `cd . ; ${line}`],
  ['if', (line) => `if true; then ${line}; fi`],
  ['for', (line) => `for i in 1; do ${line}; done`],
  ['while', (line) => `while true; do ${line}; break; done`],
  ['function', (line) => `f() { ${line}; }; f`],
  ['negated', (line) => `! ${line}`],
  ['redirected', (line) => `${line} > /dev/null 2>&1`],
  ['trap', (line) => `trap ${quote(line)} EXIT`],
];

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

describe('rewrites of the attacks', () => {
  test.for(['holes', 'cavra-ci-baseline'])('under %s, no rewrite allows what the line itself stops', async (name) => {
    const analyzer = await loadCommandAnalyzer();
    const rewritten = compilePolicy(openPolicy({ packs: [name === 'holes' ? join(DIR, holes.pack) : name] }), []);
    const allows = (line: string) => !['block', 'require_approval'].includes(evaluate(rewritten, { action_type: 'execute_command', target: line }, context).decision);
    const attacks = [...corpus.entries, ...holes.entries].filter((entry) => entry.expect === 'dangerous').map((entry) => entry.command);
    const stopped = attacks.filter((line) => !line.includes('\n') && !analyzer.analyze(line).opaque.some((item) => item.kind === 'parse-error') && !allows(line));
    expect(stopped.length).toBeGreaterThan(500);
    const allowed = stopped.flatMap((line) => REWRITES.filter(([, rewrite]) => allows(rewrite(line))).map(([rewrite]) => `${rewrite}: ${line}`));
    expect(allowed).toEqual([]);
  });
});
