// The decision corpus, run through every entry point: in-process `evaluate()` and the
// committed CLI bundle. Cases come from fixtures/decisions/** and from upstream CAVRA's own
// case files, read in place. Known divergences are data (fixtures/decisions/divergences.json),
// and a listed case that starts passing fails the run, so the list cannot go stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compilePolicy, evaluate, loadCommandAnalyzer, openPolicy, selectPackId, systemDecisionContext, type ActionRequest } from '@cavra/core';
import { loadCorpus, mismatches, validateCases, type CorpusFile, type DecisionCase } from './support/corpus.ts';
import { CLI_BUNDLE, REPO_ROOT, requireUpstream, upstreamPolicyDir } from './support/paths.ts';

const FIXTURES = join(REPO_ROOT, 'fixtures');
const DIVERGENCES_FILE = join(FIXTURES, 'decisions', 'divergences.json');
const upstream = requireUpstream();

beforeAll(() => loadCommandAnalyzer());
const upstreamPolicies = upstreamPolicyDir();

interface Divergence {
  case: string;
  reason: string;
  issue: string;
}
const divergences = new Map(
  (JSON.parse(readFileSync(DIVERGENCES_FILE, 'utf8')) as Divergence[]).map((entry) => [entry.case, entry]),
);

// Upstream's golden file is flat: the expected fields sit beside the request fields.
function goldenCases(): DecisionCase[] {
  const rows = JSON.parse(readFileSync(join(upstream, 'golden_decisions_community_ga_control_hardening.json'), 'utf8')) as Array<Record<string, unknown>>;
  return validateCases(
    rows.map((row) => ({
      name: String(row.name),
      request: { action_type: row.action_type, target: row.target, requested_operation: row.requested_operation, policy_pack: row.policy_pack },
      expected: { decision: row.decision, rule_id: row.rule_id, severity: row.severity, approver_group: row.approver_group },
    })),
    'golden_decisions_community_ga_control_hardening.json',
  );
}

const upstreamFiles: CorpusFile[] = [
  ...['parity_cases.json', 'release_governance_records.json', 'release_governance_contracts.json'].map((name) => ({
    file: `upstream/${name}`,
    cases: validateCases(JSON.parse(readFileSync(join(upstream, name), 'utf8')), name).map((item) => ({
      ...item,
      policy: 'upstream' as const,
      ...(item.registry ? { registry: `upstream:${item.registry}` } : {}),
    })),
  })),
  { file: 'upstream/golden_decisions_community_ga_control_hardening.json', cases: goldenCases().map((item) => ({ ...item, policy: 'upstream' as const })) },
];
const corpus: CorpusFile[] = [...loadCorpus(join(FIXTURES, 'decisions'), (file) => file === DIVERGENCES_FILE), ...upstreamFiles];

function resolveFixturePath(value: string): string {
  return value.startsWith('upstream:') ? join(upstream, value.slice('upstream:'.length)) : join(FIXTURES, value);
}

/** The command-line flags that set up the policy a case is decided under. */
function policyArgs(item: DecisionCase): string[] {
  return [
    ...(item.policy === 'upstream' ? ['--policy-dir', upstreamPolicies] : []),
    ...(item.pack ? ['--pack', resolveFixturePath(item.pack)] : []),
    ...(item.registry ? ['--registry', resolveFixturePath(item.registry)] : []),
  ];
}

function decideInProcess(item: DecisionCase) {
  const open = openPolicy({
    policyDirs: item.policy === 'upstream' ? [upstreamPolicies] : [],
    packs: item.pack ? [resolveFixturePath(item.pack)] : [],
    ...(item.registry ? { registryFile: resolveFixturePath(item.registry) } : {}),
  });
  const request = item.request as ActionRequest;
  const policy = compilePolicy(open, [selectPackId(request, open.defaultPackId)]);
  return evaluate(policy, request, systemDecisionContext()) as unknown as Record<string, unknown>;
}

function checkCase(key: string, problems: string[]): void {
  const divergence = divergences.get(key);
  if (divergence) {
    expect(problems, `${key} is listed as a divergence (${divergence.reason}) but now passes: remove it from divergences.json`).not.toEqual([]);
  } else {
    expect(problems, key).toEqual([]);
  }
}

test('the corpus is not empty and every divergence names a real case', () => {
  const keys = new Set(corpus.flatMap((file) => file.cases.map((item) => `${file.file}/${item.name}`)));
  expect(keys.size).toBeGreaterThan(80);
  for (const key of divergences.keys()) expect(keys.has(key), `divergence ${key} names no case`).toBe(true);
});

describe.each(corpus)('evaluate() $file', ({ file, cases }) => {
  test.for(cases)('$name', (item) => {
    checkCase(`${file}/${item.name}`, mismatches(decideInProcess(item), item.expected));
  });
});

// One CLI process per group of cases that share a policy setup, fed as a JSONL batch.
describe.each(corpus)('cavra evaluate --batch $file', ({ file, cases }) => {
  const groups = new Map<string, DecisionCase[]>();
  for (const item of cases) {
    const key = JSON.stringify(policyArgs(item));
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  test.for([...groups.entries()])('group %#', ([argsKey, items]) => {
    const dir = mkdtempSync(join(tmpdir(), 'cavra-corpus-'));
    const batch = join(dir, 'batch.jsonl');
    writeFileSync(batch, items.map((item) => JSON.stringify(item.request)).join('\n'));
    const output = execFileSync(process.execPath, [CLI_BUNDLE, 'evaluate', ...(JSON.parse(argsKey) as string[]), '--batch', batch], { encoding: 'utf8' });
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(items.length);
    items.forEach((item, index) => {
      checkCase(`${file}/${item.name}`, mismatches(JSON.parse(lines[index]!) as Record<string, unknown>, item.expected));
    });
  });
});
