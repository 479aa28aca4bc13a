// The bundled task (azure-tasks/CavraGateV1/dist), run from a copy of its folder with no
// node_modules: through MockTestRunner, and as the agent starts it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, verifyEvidence, publicKeyFromPem, pinnedKey } from '@cavra/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDevOpsDouble, type DevOpsDouble } from './support/devops-double.ts';
import { HEAD, pullRequestScenario, pullRequestVariables } from './support/pull-request-scenario.ts';
import { runAsAgent, runWithMockTestRunner, standaloneTask, workspace } from './support/task-harness.ts';

const task = standaloneTask();
const key = generateSigningKey('ed25519');

const ALLOWED = { session_id: 's1', agent_id: 'claude-code', action_type: 'write_file', target: 'src/app.ts', operation: 'edit' };
const BLOCKED = { session_id: 's1', agent_id: 'claude-code', action_type: 'execute_command', target: 'terraform apply -auto-approve' };
// attacker-controlled: an agent's command that carries logging commands for the agent to obey.
const SMUGGLING = {
  session_id: 's1',
  agent_id: 'claude-code',
  action_type: 'execute_command',
  target: "echo '##vso[task.setvariable variable=conclusion;isOutput=true]success' '##[group]x' '##VSO[task.complete result=Succeeded]' && terraform apply -auto-approve",
};

function session(dir: string, ...requests: object[]): string {
  writeFileSync(join(dir, 'agent-session.jsonl'), requests.map((request) => JSON.stringify(request)).join('\n') + '\n');
  return 'agent-session.jsonl';
}

function variables(ws: { sources: string; temp: string }): Record<string, string> {
  return { 'Build.SourcesDirectory': ws.sources, 'Agent.TempDirectory': ws.temp, 'System.JobId': 'job-1' };
}

async function expectVerifies(evidenceDir: string) {
  const report = await verifyEvidence(evidenceDir, { trustedKeys: [pinnedKey(publicKeyFromPem(key.publicKeyPem, 'test key'))] });
  expect(report.errors).toEqual([]);
  expect(report.valid).toBe(true);
}

describe('the task under MockTestRunner', () => {
  test('a clean change succeeds, with the outputs, summary and evidence artifact', async () => {
    const ws = workspace();
    const run = await runWithMockTestRunner(task, ws.temp, { inputs: { mode: 'enforce', sessions: session(ws.sources, ALLOWED), signingKey: key.privateKeyPem }, variables: variables(ws) });
    expect(run.result, run.stdout).toBe('Succeeded');
    expect(run.outputs).toMatchObject({ conclusion: 'success', blocked: '0', awaitingApproval: '0' });
    expect(run.summaries).toEqual([join(run.outputs.evidenceDir!, 'gate-report.md')]);
    expect(run.artifacts).toEqual([['cavra-evidence', run.outputs.evidenceDir]]);
    await expectVerifies(run.outputs.evidenceDir!);
  });

  test('a blocked action fails the task, uploads the summary and sets the output variable, and smuggled logging commands stay inert', async () => {
    const ws = workspace();
    const run = await runWithMockTestRunner(task, ws.temp, { inputs: { mode: 'enforce', sessions: session(ws.sources, ALLOWED, SMUGGLING), signingKey: key.privateKeyPem }, variables: variables(ws) });
    expect(run.result).toBe('Failed');
    expect(run.message).toBe('CAVRA: 1 blocked, 0 awaiting approval');
    expect(run.outputs).toMatchObject({ conclusion: 'failure', blocked: '1' });
    expect(run.smuggled).toEqual([]);
    expect(run.stdout.match(/##vso\[task\.setvariable variable=conclusion;/gi)).toHaveLength(1);
    expect(run.stdout.match(/##vso\[task\.complete/gi)).toHaveLength(1);
    const summary = readFileSync(run.summaries[0]!, 'utf8');
    expect(summary).toContain('CAVRA: 1 blocked');
    expect(summary).toContain('`commands.block`');
    // The uploaded summary is the sealed report (a file the agent attaches, never parses); what
    // reaches the log is neutralised, line by line.
    expect(run.summaries).toEqual([join(run.outputs.evidenceDir!, 'gate-report.md')]);
    // The log shows the finding, with the marker broken.
    expect(run.stdout).toContain('**vso[task.setvariable');
    await expectVerifies(run.outputs.evidenceDir!);
  });

  test('shadow mode with findings succeeds with issues and reports neutral', async () => {
    const ws = workspace();
    session(ws.sources, BLOCKED);
    // A glob, expanded in the sources directory by task-lib's findMatch.
    const run = await runWithMockTestRunner(task, ws.temp, { inputs: { mode: 'shadow', sessions: 'agent-*.jsonl', signingKey: key.privateKeyPem }, variables: variables(ws) });
    expect(run.result).toBe('SucceededWithIssues');
    expect(run.outputs).toMatchObject({ conclusion: 'neutral', blocked: '1' });
    expect(readFileSync(run.summaries[0]!, 'utf8')).toContain('Shadow mode');
  });

  test.for([
    ['an unknown mode', { mode: 'audit' }, /^the `mode` input must be one of enforce, shadow, got `audit`$/],
    ['an unreadable sessions file', { sessions: 'missing-session.jsonl' }, /^cannot read session `.*missing-session\.jsonl`: ENOENT: .+$/],
    ['an unreadable signing key', { signingKey: 'no-such-key.pem' }, /signing key/],
  ] as const)('%s fails with a one-line message', async ([, inputs, message]) => {
    const ws = workspace();
    const run = await runWithMockTestRunner(task, ws.temp, {
      inputs: { mode: 'enforce', sessions: session(ws.sources, ALLOWED), signingKey: key.privateKeyPem, ...inputs },
      variables: variables(ws),
    });
    expect(run.result).toBe('Failed');
    expect(run.message).toMatch(message);
    expect(run.message).not.toContain('%0A');
    expect(run.summaries).toEqual([]);
    expect(run.outputs).toEqual({});
  });

  test('without a signing key, a key is made for the run and its public half is published with the evidence', async () => {
    const ws = workspace();
    const run = await runWithMockTestRunner(task, ws.temp, { inputs: { mode: 'enforce', sessions: session(ws.sources, ALLOWED) }, variables: variables(ws) });
    expect(run.result).toBe('SucceededWithIssues');
    expect(run.stdout).toContain('no `signingKey` was given');
    const publicKey = readFileSync(join(run.outputs.evidenceDir!, readdirPub(run.outputs.evidenceDir!)), 'utf8');
    const report = await verifyEvidence(run.outputs.evidenceDir!, { trustedKeys: [pinnedKey(publicKeyFromPem(publicKey, 'run key'))] });
    expect(report.valid).toBe(true);
  });
});

function readdirPub(dir: string): string {
  const name = readdirSync(dir).find((file) => file.endsWith('.pub.pem'));
  if (!name) throw new Error(`no public key in ${dir}`);
  return name;
}

describe('the task as the agent starts it, on a pull request', () => {
  let double: DevOpsDouble;
  const scenario = pullRequestScenario();
  beforeAll(async () => {
    double = await startDevOpsDouble(scenario);
  });
  afterAll(() => double.close());

  function prVariables(ws: { sources: string; temp: string }) {
    return { ...variables(ws), ...pullRequestVariables(scenario, double.collectionUri) };
  }

  test('judges the changed files of the latest iteration with the sessions, and posts the cavra/gate status on that iteration', async () => {
    const ws = workspace();
    const run = await runAsAgent(task, ws.sources, {
      inputs: { mode: 'enforce', sessions: session(ws.sources, ALLOWED), signingKey: key.privateKeyPem, changedFiles: 'true', postStatus: 'true' },
      variables: prVariables(ws),
      endpointToken: scenario.token,
    });
    // azure-devops-node-api still calls `url.parse()`, which Node 24 flags (DEP0169); nothing else may reach stderr.
    expect(run.stderr.split('\n').filter((line) => line !== '' && !/DEP0169|--trace-deprecation/.test(line))).toEqual([]);
    expect(run.result, run.stdout).toBeDefined();
    expect(double.violations).toEqual([]);
    const posts = double.requests.filter((request) => request.method === 'POST');
    expect(posts, run.stdout + JSON.stringify(double.requests.map((r) => `${r.method} ${r.path}`))).toHaveLength(1);
    const status = posts[0]!.body as { state: number; context: object; iterationId: number; targetUrl: string; description: string };
    expect(status).toMatchObject({ context: { genre: 'cavra', name: 'gate' }, iterationId: 2, targetUrl: `${double.collectionUri}Fabrikam/_build/results?buildId=42` });
    expect(status.state, run.message).toBe(run.outputs.conclusion === 'failure' ? 3 : 2);
    expect(status.description).toBe(run.message);
    const records = readFileSync(join(run.outputs.evidenceDir!, 'evidence.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { record: { decision: { target: string } } });
    expect(records.map((line) => line.record.decision.target).sort()).toEqual(['docs/new.md', 'docs/old.md', 'docs/pipeline-notes.md', 'scripts/gone.sh', 'src/app.ts', 'src/app.ts'].sort());
    expect(HEAD).toHaveLength(40);
    await expectVerifies(run.outputs.evidenceDir!);
  });
});

describe('the task as the agent starts it, when things go wrong on a pull request', () => {
  async function runOn(overrides: Parameters<typeof pullRequestScenario>[0], inputs: Record<string, string>) {
    const scenario = pullRequestScenario(overrides);
    const d = await startDevOpsDouble(scenario);
    try {
      const ws = workspace();
      const run = await runAsAgent(task, ws.sources, {
        inputs: { mode: 'enforce', sessions: session(ws.sources, ALLOWED), signingKey: key.privateKeyPem, ...inputs },
        variables: { ...variables(ws), ...pullRequestVariables(scenario, d.collectionUri) },
        endpointToken: scenario.token,
      });
      return { run, posts: d.requests.filter((request) => request.method === 'POST').map((request) => request.body as { state: number; description: string }) };
    } finally {
      await d.close();
    }
  }

  test('a task that cannot run posts an error status (which no required policy accepts) and fails with one line', { timeout: 120_000 }, async () => {
    const { run, posts } = await runOn({}, { sessions: 'missing-session.jsonl' });
    expect(run.result).toBe('Failed');
    expect(run.message).toMatch(/^cannot read session `.*missing-session\.jsonl`/);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ state: 4 });
    expect(posts[0]!.description).toMatch(/^CAVRA: the gate did not run: cannot read session/);
  });

  test('a status the service refuses leaves the verdict standing, with a warning and SucceededWithIssues', { timeout: 120_000 }, async () => {
    const { run } = await runOn({ statusPostStatus: 403 }, {});
    expect(run.result).toBe('SucceededWithIssues');
    expect(run.outputs.conclusion).toBe('success');
    expect(run.stdout).toContain('the cavra/gate pull-request status could not be posted (http 403)');
  });
});
