// Every renderer of the gate report, in-process (so a change to an escape fails here without a
// rebuild), fed targets an agent controls: line breaks, table pipes, pre-encoded `%0A`, runner
// command prefixes, ANSI and bidi controls, and a 10 kB path.
import { describe, expect, test } from 'vitest';
import { buildGateReport, nativeArtefacts, neutraliseLogCommands, type DecisionRecord, type GateResult } from '@cavra/core';
import { renderAzureCommands } from '../../src/report/azure-commands.ts';
import { renderGitHubCommands } from '../../src/report/github-commands.ts';
import { renderCodeQuality, renderJUnit } from '../../src/report/gitlab-reports.ts';

const HOSTILE_TARGETS = [
  'docs/a.md\n::error::forged\n##vso[task.setvariable variable=PATH]/tmp/evil',
  'x | y | `z`',
  'pre-encoded %0A::warning::forged %25 %AZP25',
  '::add-mask::leak',
  'a\r##[error]forged',
  'ok ##vso[task.prependpath]/tmp/evil',
  'red \u001b[31mALLOWED\u001b[0m \u009b2J',
  'safe.txt\u202Egpj.exe',
  `deep/${'a'.repeat(10_240)}.ts`,
];

function decision(target: string, value: DecisionRecord['decision'], action_type = 'write_file'): DecisionRecord {
  return {
    decision_id: 'dec_1', session_id: 's', agent_id: 'agent', actor: 'ai-agent', action_type, target, requested_operation: '',
    policy_pack: 'cavra-ci-baseline', policy_id: 'cavra-ci-baseline', rule_id: 'filesystem.write.block', decision: value, severity: 'high',
    reason: `reason mentions ${target}`, evidence_refs: ['evidence://s/dec_1'], approver_group: value === 'require_approval' ? 'Platform Security' : null,
    timestamp: '2026-11-29T00:00:00.000000+00:00', correlation_id: 'corr_1',
  };
}

const decisions = HOSTILE_TARGETS.flatMap((target) => [decision(target, 'block'), decision(target, 'require_approval', 'execute_command'), decision(target, 'warn')]);
const enforce = buildGateReport(decisions, 'enforce');
const result: GateResult = { decisions, report: enforce, evidenceDir: 'run', bundlePath: 'run/bundle.sigstore.json', verification: {} as GateResult['verification'] };

// A line a runner would act on: GitHub at its start, Azure anywhere in it.
function forgedGitHubCommands(text: string): string[] {
  return text.split('\n').filter((line) => /^\s*::/.test(line) && !/^::(error|warning|notice) (file=[^,:]*,)?title=[^:]*::/.test(line));
}

describe('the Markdown summary', () => {
  test('keeps every target inside one table cell, with controls shown and no runner command', () => {
    const lines = enforce.summary.split('\n');
    const rows = lines.filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(decisions.length - decisions.filter((d) => d.decision === 'allow').length + 3);
    for (const row of rows.slice(3)) expect(row.split(/(?<!\\)\|/).length).toBe(8);
    expect(enforce.summary).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
    expect(enforce.summary).toContain('\\x1b[31mALLOWED');
    expect(enforce.summary).toContain('safe.txt\\u202egpj.exe');
    expect(lines.every((line) => line.length < 2_000)).toBe(true);
    expect(neutraliseLogCommands(enforce.summary)).not.toMatch(/##(vso)?\[/i);
    expect(forgedGitHubCommands(neutraliseLogCommands(enforce.summary))).toEqual([]);
  });

  test('says nothing about how to switch modes: that is the edge\'s to say', () => {
    const shadow = buildGateReport(decisions, 'shadow');
    expect(shadow.conclusion).toBe('neutral');
    expect(shadow.summary).toContain('_Shadow mode: nothing was held back._');
    expect(shadow.summary).not.toContain('--mode');
  });
});

test('github workflow commands: one command a line, no forged command, % escaped first', () => {
  const text = renderGitHubCommands(enforce);
  const lines = text.trimEnd().split('\n');
  expect(lines).toHaveLength(enforce.annotations.length);
  expect(forgedGitHubCommands(text)).toEqual([]);
  for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) (file=[^,:\n]*,)?title=[^:\n]*::[^\r\n]*$/);
  expect(text).toContain('pre-encoded %250A::warning::forged %2525 %25AZP25');
  expect(text).not.toContain('\u001b');
});

test('azure logging commands: one command a line, no second command inside the data', () => {
  const text = renderAzureCommands(enforce, '/work/run/gate-report.md');
  const lines = text.trimEnd().split('\n');
  expect(lines).toHaveLength(enforce.annotations.length + 1);
  for (const line of lines.slice(0, -1)) expect(/^##vso\[task\.logissue ([^\]]*)\]/.exec(line)?.[1]).toMatch(/^type=\w+;(sourcepath=[^;]*;)?code=[^;]*$/);
  for (const line of lines) {
    expect(line.startsWith('##vso[')).toBe(true);
    expect(line.slice(6)).not.toMatch(/##(vso)?\[/i);
    expect(line).not.toMatch(/\r/);
  }
  expect(lines.at(-1)).toBe('##vso[task.uploadsummary]/work/run/gate-report.md');
});

test('gitlab JUnit: well-formed XML with every hostile character escaped or dropped', () => {
  const xml = renderJUnit(enforce, decisions);
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  const attributes = [...xml.matchAll(/ (\w+)="([^"]*)"/g)].map((match) => match[2]!);
  for (const value of attributes) expect(value).not.toMatch(/[<>]/);
  expect((xml.match(/<testcase /g) ?? []).length).toBe(decisions.length);
  expect((xml.match(/<failure /g) ?? []).length).toBe(decisions.filter((d) => d.decision !== 'warn').length);
});

test('gitlab Code Quality: valid JSON, file findings on the file, others on the summary', () => {
  const findings = JSON.parse(renderCodeQuality(decisions, 'run/gate-report.md')) as Array<{ location: { path: string }; severity: string; fingerprint: string }>;
  expect(findings).toHaveLength(decisions.length);
  expect(findings.filter((f) => f.location.path === 'run/gate-report.md')).toHaveLength(HOSTILE_TARGETS.length);
  expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
});

test('github outputs: a value with a line break cannot set another output', () => {
  const env = { GITHUB_STEP_SUMMARY: '/tmp/summary.md', GITHUB_OUTPUT: '/tmp/output.txt' };
  const hostile = { ...result, evidenceDir: 'run\nconclusion=success' };
  const out = nativeArtefacts('github', hostile, { env, reportsDir: '.' }).files.find((file) => file.path === env.GITHUB_OUTPUT)!;
  const lines = out.content.split('\n');
  expect(lines[0]).toBe('conclusion=failure');
  const evidence = lines.findIndex((line) => line.startsWith('evidence<<'));
  const delimiter = lines[evidence]!.slice('evidence<<'.length);
  expect(lines.slice(evidence + 1, evidence + 3)).toEqual(['run', 'conclusion=success']);
  expect(lines[evidence + 3]).toBe(delimiter);
});

test('every provider gets its artefacts from one table, and local none', () => {
  expect(nativeArtefacts('local', result, { env: {}, reportsDir: '.' })).toEqual({ stdout: '', files: [] });
  expect(nativeArtefacts('gitlab', result, { env: {}, reportsDir: 'reports' }).files.map((f) => f.path)).toEqual(['reports/cavra-junit.xml', 'reports/gl-code-quality-report.json']);
  expect(nativeArtefacts('azure', result, { env: {}, reportsDir: '.' }).stdout).toMatch(/##vso\[task\.uploadsummary\].*run\/gate-report\.md\n$/);
  expect(nativeArtefacts('github', result, { env: {}, reportsDir: '.' }).files).toEqual([]);
});
