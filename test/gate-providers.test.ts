// `cavra gate --provider github|gitlab|azure` emits each provider's native artefacts from one
// report. Targets are attacker-controlled: a hostile one must not inject a workflow or logging
// command of its own, nor break the XML and JSON reports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CLI_BUNDLE } from './support/paths.ts';

const HOSTILE = 'docs/x.md\n::add-mask::leak\n##vso[task.setvariable variable=x]y ]; <a & "b">';

function run(provider: string, extraEnv: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), `cavra-gate-${provider}-`));
  writeFileSync(
    join(cwd, 'session.jsonl'),
    [
      { action_type: 'read_file', target: '.env' },
      { action_type: 'write_file', target: '.github/workflows/ci.yml' },
      { action_type: 'execute_command', target: 'npm test' },
      { action_type: 'execute_command', target: `cat '${HOSTILE}'` },
    ].map((r) => JSON.stringify(r)).join('\n'),
  );
  const env: Record<string, string | undefined> = { ...process.env, GITHUB_ACTIONS: '', GITLAB_CI: '', TF_BUILD: '', ...extraEnv };
  const result = spawnSync(process.execPath, [CLI_BUNDLE, 'gate', '--provider', provider, '--pack', 'cavra-ai-agent-baseline', '--session', 'session.jsonl', '--evidence', 'run', '--reports-dir', 'reports'], { cwd, encoding: 'utf8', env });
  return { cwd, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function commandLines(stdout: string, prefix: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith(prefix));
}

test('github: annotations as workflow commands, the step summary and outputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cavra-gh-files-'));
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const result = run('github', { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output });
  expect(result.status).toBe(1);
  const commands = commandLines(result.stdout, '::');
  expect(commands).toContain('::error file=.env,title=block by filesystem.read.block::read_file `.env`: reading `.env` matches `.env` in filesystem.block_read (block)');
  expect(commands.some((line) => line.startsWith('::error file=.github/workflows/ci.yml,'))).toBe(true);
  // The hostile target stays inside one escaped command.
  expect(commands.filter((line) => line.startsWith('::add-mask::'))).toEqual([]);
  expect(commands.some((line) => line.includes('%0A%3A%3Aadd-mask%3A%3Aleak') || line.includes('%0A::add-mask::leak'))).toBe(true);
  expect(readFileSync(summary, 'utf8')).toContain('## CAVRA: ');
  expect(readFileSync(output, 'utf8')).toMatch(/^conclusion=failure\nevidence=run\nbundle=run\/bundle\.sigstore\.json\n$/);
});

test('gitlab: a JUnit report with one case per action and a Code Quality report', () => {
  const result = run('gitlab');
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('artifacts:reports:junit');
  const junit = readFileSync(join(result.cwd, 'reports', 'cavra-junit.xml'), 'utf8');
  expect(junit.match(/<testcase /g)).toHaveLength(4);
  expect(junit).toMatch(/<testsuites name="cavra" tests="4" failures="3">/);
  expect(junit).toContain('&lt;a &amp; &quot;b&quot;&gt;');
  expect(junit).not.toContain('<a & "b">');
  const quality = JSON.parse(readFileSync(join(result.cwd, 'reports', 'gl-code-quality-report.json'), 'utf8')) as Array<{ check_name: string; severity: string; location: { path: string }; fingerprint: string }>;
  expect(quality.map((finding) => [finding.check_name, finding.severity])).toContainEqual(['filesystem.read.block', 'critical']);
  expect(quality.find((finding) => finding.check_name === 'filesystem.read.block')?.location.path).toBe('.env');
  expect(new Set(quality.map((finding) => finding.fingerprint)).size).toBe(quality.length);
});

test('azure: logging commands for each finding and the summary upload', () => {
  const result = run('azure');
  expect(result.status).toBe(1);
  const commands = commandLines(result.stdout, '##vso[');
  expect(commands).toContain('##vso[task.logissue type=error;sourcepath=.env;code=block by filesystem.read.block]read_file `.env`: reading `.env` matches `.env` in filesystem.block_read (block)');
  expect(commands.filter((line) => line.startsWith('##vso[task.setvariable'))).toEqual([]);
  expect(commands.at(-1)).toMatch(/^##vso\[task\.uploadsummary\]\/.*\/run\/gate-report\.md$/);
});

test('auto picks the provider from the environment', () => {
  const result = run('auto', { TF_BUILD: 'True' });
  expect(commandLines(result.stdout, '##vso[task.uploadsummary]')).toHaveLength(1);
});
