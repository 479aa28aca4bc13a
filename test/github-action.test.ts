// The bundled GitHub Action, run as the runner runs it, against a loopback GitHub API that
// validates every request against GitHub's OpenAPI description. In every scenario the exit code,
// the check run's conclusion, the outputs and the sealed evidence agree, and `cavra verify`
// accepts the evidence.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { startGitHubApiDouble, type GitHubApiDouble, type RepoFixture } from './support/github-api-double.ts';
import { gateActionMain, runGateAction, signingKeyPair, type ActionRun, type ActionRunOptions } from './support/github-action-runner.ts';
import { REPO_ROOT } from './support/paths.ts';

const OWNER = 'acme';
const REPO = 'shop';
const HEAD = '1c0ffee'.padEnd(40, '1');
const OLDER = '0dd0dd0'.padEnd(40, '0');
const BASE = 'ba5e000'.padEnd(40, 'b');
const TOKEN = 'ghs_testtoken000000000000000000000000';
const APPROVERS = 'approver_groups:\n  Platform Security:\n    users: [alice]\n    groups: [acme/security]\n';

// Each scenario starts node on the bundle and `cavra verify`: seconds each on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

let key: { privatePem: string; publicKeyFile: string };
let double: GitHubApiDouble | undefined;

beforeAll(() => {
  if (!existsSync(gateActionMain())) throw new Error(`the Action bundle ${gateActionMain()} is missing: run \`npm run build\` first`);
  key = signingKeyPair(mkdtempSync(join(tmpdir(), 'cavra-action-key-')));
});

afterEach(async () => {
  await double?.close();
  double = undefined;
});

function fixture(pull: Partial<RepoFixture['pull']> = {}, extra: Partial<RepoFixture> = {}): RepoFixture {
  return {
    owner: OWNER,
    repo: REPO,
    token: TOKEN,
    contents: { [`${BASE}:.cavra/approvers.yml`]: APPROVERS },
    pull: {
      number: 7,
      headSha: HEAD,
      baseSha: BASE,
      author: { login: 'dave' },
      files: [{ filename: 'src/app.ts' }, { filename: 'README.md', status: 'added' }],
      ...pull,
    },
    ...extra,
  };
}

function pullRequestEvent(fork = false) {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: { number: 7, head: { sha: HEAD, ref: 'feature', repo: { full_name: fork ? `someone/${REPO}` : `${OWNER}/${REPO}` } }, base: { sha: BASE, ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } } },
    repository: { name: REPO, owner: { login: OWNER } },
  };
}

async function gate(repo: RepoFixture, options: Partial<ActionRunOptions> = {}): Promise<ActionRun> {
  double = await startGitHubApiDouble(repo);
  return runGateAction({
    apiUrl: double.url,
    token: TOKEN,
    eventName: 'pull_request',
    event: pullRequestEvent(repo.pull.fork),
    repository: `${OWNER}/${REPO}`,
    inputs: { 'signing-key': key.privatePem },
    ...options,
  });
}

interface SealedReport {
  conclusion: string;
  counts: Record<string, number>;
  approvals?: Array<{ satisfied: boolean; by?: string; reason: string; target: string }>;
  change?: { headSha: string; agentAuthors: string[] };
}

/** Exit code, check run, outputs and sealed evidence tell the same story, and the evidence verifies. */
function expectAgreement(run: ActionRun, conclusion: 'success' | 'failure' | 'neutral', publicKeyFile = key.publicKeyFile, checkRun = true): SealedReport {
  expect(double!.violations).toEqual([]);
  expect(run.code, run.stdout + run.stderr).toBe(conclusion === 'failure' ? 1 : 0);
  expect(run.outputs.conclusion).toBe(conclusion);
  if (checkRun) {
    expect(double!.checkRuns).toHaveLength(1);
    expect(double!.checkRuns[0]).toMatchObject({ name: 'CAVRA', head_sha: HEAD, status: 'completed', conclusion });
  }
  const evidence = run.outputs['evidence-dir']!;
  const report = JSON.parse(readFileSync(join(evidence, 'gate-report.json'), 'utf8')) as SealedReport;
  expect(report.conclusion).toBe(conclusion);
  expect(run.outputs.bundle).toBe(join(evidence, 'bundle.sigstore.json'));
  expect(run.outputs['bundle-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
  const verify = spawnSync(process.execPath, [join(REPO_ROOT, 'packages/cli/src/main.ts'), 'verify', evidence, '--trusted-key', publicKeyFile], { encoding: 'utf8' });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect(run.summary).toContain('CAVRA');
  return report;
}

describe('the bundled Action, as the runner runs it', () => {
  test('a clean pull request: check success, job passes', async () => {
    const run = await gate(fixture());
    const report = expectAgreement(run, 'success');
    expect(report.counts.allow).toBe(2);
    expect(run.outputs).toMatchObject({ blocked: '0', 'awaiting-approval': '0', 'evidence-uri': '' });
    expect(double!.checkRuns[0]!.annotations).toEqual([]);
    // Every list was read in pages GitHub allows, and the approvers file came from the base commit.
    expect(double!.requests.some((request) => request.template === '/repos/{owner}/{repo}/contents/{path}' && request.query === `?ref=${BASE}`)).toBe(true);
  });

  test('a blocked path: check failure, an annotation on that path, job fails', async () => {
    const run = await gate(fixture({ files: [{ filename: 'src/app.ts' }, { filename: '.github/workflows/release.yml' }] }));
    const report = expectAgreement(run, 'failure');
    expect(report.counts.block).toBe(1);
    expect(run.outputs.blocked).toBe('1');
    const annotations = double!.checkRuns[0]!.annotations;
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({ path: '.github/workflows/release.yml', annotation_level: 'failure' });
    expect(run.stdout).toMatch(/^::error .*file=\.github\/workflows\/release\.yml::/m);
  });

  test('a rename is judged under both names: moving a workflow out is still a workflow write', async () => {
    const run = await gate(fixture({ files: [{ filename: 'docs/old-release.yml', status: 'renamed', previous_filename: '.github/workflows/release.yml' }] }));
    expectAgreement(run, 'failure');
    expect(double!.checkRuns[0]!.annotations.map((annotation) => annotation.path)).toEqual(['.github/workflows/release.yml']);
  });

  test('require_approval satisfied by an approving review on the head commit', async () => {
    const run = await gate(fixture({ files: [{ filename: 'CODEOWNERS' }], reviews: [{ user: { login: 'alice' }, state: 'APPROVED', commit_id: HEAD, submitted_at: '2026-11-29T10:00:00Z' }] }));
    const report = expectAgreement(run, 'success');
    expect(report.counts.require_approval).toBe(1);
    expect(report.approvals).toEqual([expect.objectContaining({ satisfied: true, by: 'alice', target: 'CODEOWNERS' })]);
    expect(run.outputs['awaiting-approval']).toBe('0');
    expect(double!.checkRuns[0]!.summary).toContain('approved by @alice');
  });

  test("require_approval not satisfied by the author's own approval, nor by one of an older commit", async () => {
    const run = await gate(
      fixture({
        author: { login: 'alice' },
        files: [{ filename: 'CODEOWNERS' }],
        reviews: [
          { user: { login: 'alice' }, state: 'APPROVED', commit_id: HEAD },
          { user: { login: 'bob' }, state: 'APPROVED', commit_id: OLDER },
        ],
      }, { teams: { 'acme/security': ['bob'] }, teamsReadable: true }),
    );
    const report = expectAgreement(run, 'failure');
    expect(report.approvals).toHaveLength(1);
    expect(report.approvals![0]!.satisfied).toBe(false);
    expect(report.approvals![0]!.reason).toMatch(/@alice is the change's author/);
    expect(report.approvals![0]!.reason).toMatch(/@bob approved an older commit/);
    expect(run.outputs['awaiting-approval']).toBe('1');
  });

  test('a team member approves when the token can read teams; the job token cannot, and the summary says what to configure', async () => {
    const reviews = [{ user: { login: 'erin' }, state: 'APPROVED', commit_id: HEAD }];
    const readable = await gate(fixture({ files: [{ filename: 'CODEOWNERS' }], reviews }, { teams: { 'acme/security': ['erin'] }, teamsReadable: true }));
    expectAgreement(readable, 'success');
    await double!.close();
    double = undefined;
    const unreadable = await gate(fixture({ files: [{ filename: 'CODEOWNERS' }], reviews }, { teams: { 'acme/security': ['erin'] }, teamsReadable: false }));
    const report = expectAgreement(unreadable, 'failure');
    expect(report.approvals![0]!.reason).toMatch(/membership could not be read/);
    expect(unreadable.summary).toMatch(/organization Members \(read\) permission/);
  });

  test('3,001 changed files: GitHub lists 3,000, so the run fails closed', async () => {
    const files = Array.from({ length: 3001 }, (_, index) => ({ filename: `src/file-${index}.ts` }));
    const run = await gate(fixture({ files }));
    expectAgreement(run, 'failure');
    const pages = double!.requests.filter((request) => request.template === '/repos/{owner}/{repo}/pulls/{pull_number}/files');
    expect(pages).toHaveLength(30);
    expect(run.summary).toMatch(/changes 3001 files but only 3000 were listed/);
  });

  test('a fork pull request without an OIDC token or key: decides, reports, says what it could not do', async () => {
    const repo = fixture({ fork: true, files: [{ filename: '.github/workflows/ci.yml' }] }, { readOnly: true });
    const run = await gate(repo, { inputs: {} });
    expect(double!.checkRuns).toEqual([]);
    const oneTimeKey = /--trusted-key (\S+\.pub\.pem)/.exec(run.summary)?.[1];
    expect(oneTimeKey).toBeDefined();
    expectAgreement(run, 'failure', oneTimeKey, false);
    expect(run.summary).toMatch(/sealed with a one-time key/);
    expect(run.summary).toMatch(/check run was not created: the token cannot write checks/);
    // The token appears only in the mask command the runner consumes.
    expect(run.stdout.split('\n').filter((line) => line.includes(TOKEN) && !line.startsWith('::add-mask::'))).toEqual([]);
  });

  test('a clean fork pull request passes on the exit code alone', async () => {
    const run = await gate(fixture({ fork: true }, { readOnly: true }), { inputs: {} });
    const oneTimeKey = /--trusted-key (\S+\.pub\.pem)/.exec(run.summary)![1];
    expectAgreement(run, 'success', oneTimeKey, false);
  });
});
