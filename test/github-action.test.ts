// The bundled GitHub Action, run as the runner runs it, against a loopback GitHub API that
// validates every request against GitHub's OpenAPI description. In every scenario the exit code,
// the check run's conclusion, the outputs and the sealed evidence agree, and `cavra verify`
// accepts the evidence.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ActionHarness, BASE, HEAD, OLDER, TOKEN, fixture } from './support/github-action-scenarios.ts';

// Each scenario starts node on the bundle and `cavra verify`: seconds each on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const harness = new ActionHarness('runner');
afterEach(() => harness.close());

describe('the bundled Action, as the runner runs it', () => {
  test('a clean pull request: check success, job passes', async () => {
    const run = await harness.gate(fixture());
    const report = harness.expectAgreement(run, 'success');
    expect(report.counts.allow).toBe(2);
    expect(run.outputs).toMatchObject({ blocked: '0', 'awaiting-approval': '0', 'evidence-uri': '' });
    expect(harness.api.checkRuns[0]!.annotations).toEqual([]);
    // Every list was read in pages GitHub allows, and the approvers file came from the base commit.
    expect(harness.api.requests.some((request) => request.template === '/repos/{owner}/{repo}/contents/{path}' && request.query === `?ref=${BASE}`)).toBe(true);
  });

  test('a blocked path: check failure, an annotation on that path, job fails', async () => {
    const run = await harness.gate(fixture({ files: [{ filename: 'src/app.ts' }, { filename: '.github/workflows/release.yml' }] }));
    const report = harness.expectAgreement(run, 'failure');
    expect(report.counts.block).toBe(1);
    expect(run.outputs.blocked).toBe('1');
    const annotations = harness.api.checkRuns[0]!.annotations;
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({ path: '.github/workflows/release.yml', annotation_level: 'failure' });
    expect(run.stdout).toMatch(/^::error .*file=\.github\/workflows\/release\.yml::/m);
  });

  test('a rename is judged under both names: moving a workflow out is still a workflow write', async () => {
    const run = await harness.gate(fixture({ files: [{ filename: 'docs/old-release.yml', status: 'renamed', previous_filename: '.github/workflows/release.yml' }] }));
    harness.expectAgreement(run, 'failure');
    expect(harness.api.checkRuns[0]!.annotations.map((annotation) => annotation.path)).toEqual(['.github/workflows/release.yml']);
  });

  test('require_approval satisfied by an approving review on the head commit', async () => {
    const run = await harness.gate(fixture({ files: [{ filename: 'CODEOWNERS' }], reviews: [{ user: { login: 'alice' }, state: 'APPROVED', commit_id: HEAD, submitted_at: '2026-11-29T10:00:00Z' }] }));
    const report = harness.expectAgreement(run, 'success');
    expect(report.counts.require_approval).toBe(1);
    expect(report.approvals).toEqual([expect.objectContaining({ satisfied: true, by: 'alice', target: 'CODEOWNERS' })]);
    expect(run.outputs['awaiting-approval']).toBe('0');
    expect(harness.api.checkRuns[0]!.summary).toContain('approved by @alice');
  });

  test("require_approval not satisfied by the author's own approval, nor by one of an older commit", async () => {
    const run = await harness.gate(
      fixture({
        author: { login: 'alice' },
        files: [{ filename: 'CODEOWNERS' }],
        reviews: [
          { user: { login: 'alice' }, state: 'APPROVED', commit_id: HEAD },
          { user: { login: 'bob' }, state: 'APPROVED', commit_id: OLDER },
        ],
      }, { teams: { 'acme/security': ['bob'] }, teamsReadable: true }),
    );
    const report = harness.expectAgreement(run, 'failure');
    expect(report.approvals).toHaveLength(1);
    expect(report.approvals![0]!.satisfied).toBe(false);
    expect(report.approvals![0]!.reason).toMatch(/@alice is the change's author/);
    expect(report.approvals![0]!.reason).toMatch(/@bob approved an older commit/);
    expect(run.outputs['awaiting-approval']).toBe('1');
  });

  test('a team member approves when the token can read teams; the job token cannot, and the summary says what to configure', async () => {
    const reviews = [{ user: { login: 'erin' }, state: 'APPROVED', commit_id: HEAD }];
    const readable = await harness.gate(fixture({ files: [{ filename: 'CODEOWNERS' }], reviews }, { teams: { 'acme/security': ['erin'] }, teamsReadable: true }));
    harness.expectAgreement(readable, 'success');
    const unreadable = await harness.gate(fixture({ files: [{ filename: 'CODEOWNERS' }], reviews }, { teams: { 'acme/security': ['erin'] }, teamsReadable: false }));
    const report = harness.expectAgreement(unreadable, 'failure');
    expect(report.approvals![0]!.reason).toMatch(/membership could not be read/);
    expect(unreadable.summary).toMatch(/organization Members \(read\) permission/);
  });

  test('3,001 changed files: GitHub lists 3,000, so the run fails closed', async () => {
    const files = Array.from({ length: 3001 }, (_, index) => ({ filename: `src/file-${index}.ts` }));
    const run = await harness.gate(fixture({ files }));
    harness.expectAgreement(run, 'failure');
    const pages = harness.api.requests.filter((request) => request.template === '/repos/{owner}/{repo}/pulls/{pull_number}/files');
    expect(pages).toHaveLength(30);
    expect(run.summary).toMatch(/changes 3001 files but only 3000 were listed/);
  });

  test('a fork pull request without an OIDC token or key: decides, reports, says what it could not do', async () => {
    const repo = fixture({ fork: true, files: [{ filename: '.github/workflows/ci.yml' }] }, { readOnly: true });
    const run = await harness.gate(repo, { inputs: {} });
    expect(harness.api.checkRuns).toEqual([]);
    const oneTimeKey = /--trusted-key (\S+\.pub\.pem)/.exec(run.summary)?.[1];
    expect(oneTimeKey).toBeDefined();
    harness.expectAgreement(run, 'failure', { publicKeyFile: oneTimeKey!, checkRun: false });
    expect(run.summary).toMatch(/sealed with a one-time key/);
    expect(run.summary).toMatch(/check run was not created: the token cannot write checks/);
    // The token appears only in the mask command the runner consumes.
    expect(run.stdout.split('\n').filter((line) => line.includes(TOKEN) && !line.startsWith('::add-mask::'))).toEqual([]);
  });

  test('a clean fork pull request passes on the exit code alone', async () => {
    const run = await harness.gate(fixture({ fork: true }, { readOnly: true }), { inputs: {} });
    const oneTimeKey = /--trusted-key (\S+\.pub\.pem)/.exec(run.summary)![1];
    harness.expectAgreement(run, 'success', { publicKeyFile: oneTimeKey!, checkRun: false });
  });

  test('120 findings: annotations in batches of 50 (create, then two updates), each request valid', async () => {
    const files = Array.from({ length: 120 }, (_, index) => ({ filename: `.github/workflows/w-${index}.yml` }));
    const run = await harness.gate(fixture({ files }));
    harness.expectAgreement(run, 'failure');
    expect(harness.api.checkRuns[0]!.requests).toBe(3);
    expect(harness.api.checkRuns[0]!.annotations).toHaveLength(120);
    expect(harness.api.checkRuns[0]!.summary!.length).toBeLessThanOrEqual(65_535);
  });

  test('a push judges the sessions only: no pull request is read and no check run is made', async () => {
    const session = [{ action_type: 'execute_command', target: 'npm test' }, { action_type: 'write_file', target: '.github/workflows/ci.yml' }].map((line) => JSON.stringify(line)).join('\n');
    const run = await harness.gate(fixture(), { eventName: 'push', event: { ref: 'refs/heads/main' }, inputs: { 'signing-key': harness.key.privatePem, sessions: 'sessions/*.jsonl' }, files: { 'sessions/agent.jsonl': session } });
    const report = harness.expectAgreement(run, 'failure', { checkRun: false });
    expect(report.counts.block).toBe(1);
    expect(harness.api.requests).toEqual([]);
    expect(run.summary).toMatch(/`push` is not a pull-request event: only the sessions were judged/);
  });

  test("Copilot's pull request is recorded as agent work; break-glass by a maintainer satisfies the approval", async () => {
    const run = await harness.gate(
      fixture({
        author: { login: 'Copilot', type: 'Bot' },
        commits: [{ sha: HEAD, author: { login: 'Copilot', type: 'Bot' } }],
        files: [{ filename: 'CODEOWNERS' }],
        labels: ['cavra:break-glass'],
        body: 'Rotate owners.\n\nBreak-glass: INC-42, owners file blocks the hotfix',
        labelEvents: [{ label: 'cavra:break-glass', actor: { login: 'carol' } }],
        reviews: [{ user: { login: 'Copilot', type: 'Bot' }, state: 'APPROVED', commit_id: HEAD }],
      }),
    );
    const report = harness.expectAgreement(run, 'success');
    expect(report.change?.agentAuthors).toEqual(['Copilot']);
    expect(report.approvals![0]).toMatchObject({ satisfied: true, by: 'carol' });
    expect(report.approvals![0]!.reason).toMatch(/^break-glass: label `cavra:break-glass` applied by @carol; justification: "INC-42, owners file blocks the hotfix"/);
    expect(harness.api.checkRuns[0]!.summary).toContain('**Agent work:** authored by `Copilot`.');
  });

  test('break-glass applied by the agent itself does not count', async () => {
    const run = await harness.gate(
      fixture({
        files: [{ filename: 'CODEOWNERS' }],
        labels: ['cavra:break-glass'],
        body: 'Break-glass: trust me',
        labelEvents: [{ label: 'cavra:break-glass', actor: { login: 'claude[bot]', type: 'Bot' } }],
      }),
    );
    const report = harness.expectAgreement(run, 'failure');
    expect(report.approvals![0]!.reason).toMatch(/applied by @claude\[bot\], who is an agent account/);
  });
});
