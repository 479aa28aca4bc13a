// Approvals on Azure DevOps, end to end through the bundled task: reviewer votes dated by their
// vote threads, groups from the votes cast for them, the approvers file read at the base commit,
// and the core's rules deciding whether a `require_approval` still holds the change.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { generateSigningKey } from '@cavra/core';
import { afterEach, expect, test } from 'vitest';
import { startDevOpsDouble, type DevOpsDouble } from './support/devops-double.ts';
import { BASE, HEAD, pullRequestScenario, pullRequestVariables } from './support/pull-request-scenario.ts';
import { runAsAgent, standaloneTask, workspace } from './support/task-harness.ts';

const task = standaloneTask();
const key = generateSigningKey('ed25519');
// `security/**` needs Platform Security under the default packs.
const SECURITY_CHANGE = [[{ changeTrackingId: 1, changeId: 1, item: { objectId: 'a1', path: '/security/headers.ts' }, changeType: 'edit' }]];
const BY_GROUP = "version: 1\napprover_groups:\n  Platform Security:\n    groups: ['[Fabrikam]\\Security Reviewers']\n";
const BY_BOB = 'version: 1\napprover_groups:\n  Platform Security:\n    users: [bob@fabrikam.example]\n';
// attacker-controlled: the change itself adds an approvers file naming the agent.
const BY_AGENT = 'version: 1\napprover_groups:\n  Platform Security:\n    users: [agent@fabrikam.example, carol@fabrikam.example]\n';

let double: DevOpsDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

async function gate(files: Record<string, Record<string, string>>) {
  const scenario = pullRequestScenario({ changePages: SECURITY_CHANGE, files });
  double = await startDevOpsDouble(scenario);
  const ws = workspace();
  writeFileSync(join(ws.sources, 'session.jsonl'), `${JSON.stringify({ session_id: 's', agent_id: 'codex', action_type: 'read_file', target: 'README.md' })}\n`);
  // The checkout (the merge commit) carries the change's own approvers file: never read.
  writeFileSync(join(ws.sources, 'approvers.yml'), BY_AGENT);
  const run = await runAsAgent(task, ws.sources, {
    inputs: { mode: 'enforce', sessions: 'session.jsonl', signingKey: key.privateKeyPem },
    variables: { 'Build.SourcesDirectory': ws.sources, 'Agent.TempDirectory': ws.temp, ...pullRequestVariables(scenario, double.collectionUri) },
    endpointToken: scenario.token,
  });
  expect(double.violations).toEqual([]);
  const read = double.requests.find((request) => request.path.endsWith('/items'));
  expect(read?.query).toMatchObject({ path: '.cavra/approvers.yml', 'versionDescriptor.version': BASE, includeContent: 'true' });
  const status = double.requests.find((request) => request.method === 'POST')?.body as { state: number } | undefined;
  return { run, status };
}

test('a fresh vote cast for the approver group satisfies the approval, and the status passes', { timeout: 120_000 }, async () => {
  const { run, status } = await gate({ [BASE]: { '/.cavra/approvers.yml': BY_GROUP } });
  expect(run.result, run.stdout).toBe('Succeeded');
  expect(run.outputs).toMatchObject({ conclusion: 'success', awaitingApproval: '0' });
  expect(status?.state).toBe(2);
  expect(run.stdout).toContain('alice@fabrikam.example');
});

test('a vote cast before the last push does not count', { timeout: 120_000 }, async () => {
  const { run, status } = await gate({ [BASE]: { '/.cavra/approvers.yml': BY_BOB } });
  expect(run.result).toBe('Failed');
  expect(run.outputs).toMatchObject({ conclusion: 'failure', awaitingApproval: '1' });
  expect(status?.state).toBe(3);
});

test("the change's own approvers file is never read: only the base commit's counts", { timeout: 120_000 }, async () => {
  const { run } = await gate({ [HEAD]: { '/.cavra/approvers.yml': BY_AGENT } });
  expect(run.result).toBe('Failed');
  expect(run.outputs).toMatchObject({ conclusion: 'failure', awaitingApproval: '1' });
});
