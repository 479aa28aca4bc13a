// The merge request context, approvals and changed files, read through @gitbeaker/rest from a
// loopback GitLab API double that checks every request against GitLab's documented endpoints.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentAuthorsOf, judgeApprovals, type DecisionRecord } from '@cavra/core';
import { afterEach, expect, test } from 'vitest';
import { UNKNOWN_APPROVAL_COMMIT, gitlabChange } from '../src/index.ts';
import { startGitlabDouble, type GitlabDouble, type GitlabWorld } from './support/gitlab-api-double.ts';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const TOKEN = 'glpat-loopback-test-token';
const APPROVERS = 'approver_groups:\n  Platform Security:\n    users: [carol]\n    groups: [acme/security]\n';

function world(overrides: Partial<GitlabWorld> = {}): GitlabWorld {
  return {
    projectId: '42',
    mr: {
      iid: 7,
      sha: HEAD,
      web_url: 'https://gitlab.example.com/acme/app/-/merge_requests/7',
      description: 'Adds the deploy script',
      labels: ['agent'],
      author: { id: 90, username: 'duo-developer', bot: true },
      target_branch: 'main',
      changes_count: '3',
      diff_refs: { base_sha: BASE, head_sha: HEAD, start_sha: BASE },
    },
    diffs: [
      { old_path: 'src/app.ts', new_path: 'src/app.ts', new_file: false, renamed_file: false, deleted_file: false },
      { old_path: 'scripts/old.sh', new_path: 'scripts/deploy.sh', new_file: false, renamed_file: true, deleted_file: false },
      { old_path: '.gitlab-ci.yml', new_path: '.gitlab-ci.yml', new_file: false, renamed_file: false, deleted_file: true },
    ],
    commits: [{ id: HEAD, author_name: 'Duo Developer', author_email: '90-duo-developer@users.noreply.gitlab.example.com', committer_name: 'Duo Developer', committer_email: '90-duo-developer@users.noreply.gitlab.example.com' }],
    approvedBy: [
      { id: 11, username: 'alice' },
      { id: 90, username: 'duo-developer', bot: true },
    ],
    resetApprovalsOnPush: true,
    labelEvents: [],
    files: { main: { '.cavra/approvers.yml': APPROVERS } },
    groups: { 'acme/security': [11] },
    notes: [],
    token: TOKEN,
    tokenUser: { id: 500, username: 'project_42_bot_0123abcd' },
    ...overrides,
  };
}

function jobEnv(double: GitlabDouble, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    GITLAB_CI: 'true',
    CI_SERVER_URL: double.url,
    CI_API_V4_URL: `${double.url}/api/v4`,
    CI_PROJECT_ID: '42',
    CI_PROJECT_PATH: 'acme/app',
    CI_MERGE_REQUEST_PROJECT_ID: '42',
    CI_MERGE_REQUEST_IID: '7',
    CI_MERGE_REQUEST_DIFF_BASE_SHA: BASE,
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_COMMIT_SHA: HEAD,
    CAVRA_GITLAB_TOKEN: TOKEN,
    ...extra,
  };
}

const doubles: GitlabDouble[] = [];
async function serve(state: GitlabWorld): Promise<GitlabDouble> {
  const double = await startGitlabDouble(state);
  doubles.push(double);
  return double;
}
afterEach(async () => {
  for (const double of doubles.splice(0)) {
    expect(double.violations).toEqual([]);
    await double.close();
  }
});

function awaitingApproval(target: string): DecisionRecord {
  return { decision_id: 'd1', session_id: 's', agent_id: 'a', actor: 'x', action_type: 'write_file', target, requested_operation: 'write', policy_pack: 'p', policy_id: 'p', rule_id: 'r', decision: 'require_approval', severity: 'high', reason: 'r', evidence_refs: [], approver_group: 'Platform Security', timestamp: '2026-11-29T00:00:00Z', correlation_id: 'c' } as DecisionRecord;
}

test('a merge request: changed files as write_file (renames under both names), author, commit authors, labels and approvals', async () => {
  const double = await serve(world());
  const change = await gitlabChange(jobEnv(double), { cwd: tmpdir() });
  expect(change.requests.map((request) => [request.action_type, request.target, request.operation])).toEqual([
    ['write_file', 'src/app.ts', 'modify'],
    ['write_file', 'scripts/old.sh', 'rename'],
    ['write_file', 'scripts/deploy.sh', 'rename'],
    ['write_file', '.gitlab-ci.yml', 'delete'],
  ]);
  expect(change.requests[0]).toMatchObject({ session_id: 'gitlab-mr-7', actor: 'duo-developer' });
  const review = change.review!;
  expect(review).toMatchObject({ provider: 'gitlab', changeId: '7', headSha: HEAD, baseSha: BASE, author: 'duo-developer', authorIsBot: true, labels: ['agent'], body: 'Adds the deploy script' });
  expect(review.commitAuthors).toEqual(['duo-developer', 'Duo Developer']);
  expect(review.approvals).toEqual([
    { user: 'alice', commitSha: HEAD, isBot: false, state: 'approved', groups: ['acme/security'] },
    { user: 'duo-developer', commitSha: HEAD, isBot: true, state: 'approved', groups: [] },
  ]);
  expect(change.limitations).toEqual([]);
  // GitLab Duo's service account is recorded as agent work, and it cannot approve its own change.
  expect(agentAuthorsOf(review)).toEqual(['duo-developer']);
  const [outcome] = judgeApprovals([awaitingApproval('scripts/deploy.sh')], review, change.approvers);
  expect(outcome).toMatchObject({ satisfied: true, via: 'review', by: 'alice' });
  // Every call carried the access token, and only documented endpoints were used.
  expect(double.requests.every((request) => request.authenticated)).toBe(true);
  expect(new Set(double.requests.map((request) => request.route))).toEqual(new Set(['mr', 'diffs', 'commits', 'mr-approvals', 'project-approvals', 'raw-file', 'group', 'group-member']));
  expect(double.requests.find((request) => request.route === 'raw-file')!.query).toEqual({ ref: 'main' });
});

test('approvals count only from the approvers file on the target branch, never one the change brings', async () => {
  // The agent's branch adds an approvers file naming its own accomplice; main has none.
  const double = await serve(world({ files: { [HEAD]: { '.cavra/approvers.yml': 'approver_groups:\n  Platform Security:\n    users: [mallory]\n' } }, approvedBy: [{ id: 66, username: 'mallory' }] }));
  const change = await gitlabChange(jobEnv(double), { cwd: tmpdir() });
  expect(change.approvers).toBeUndefined();
  const [outcome] = judgeApprovals([awaitingApproval('src/app.ts')], change.review, change.approvers);
  expect(outcome!.satisfied).toBe(false);
});

test('a look-alike group member and a non-member: membership is asked of GitLab per user', async () => {
  const double = await serve(world({ approvedBy: [{ id: 12, username: 'alice-impostor' }], groups: { 'acme/security': [11], 'acme/security-lookalike': [12] } }));
  const change = await gitlabChange(jobEnv(double), { cwd: tmpdir() });
  expect(change.review!.approvals[0]!.groups).toEqual([]);
  expect(judgeApprovals([awaitingApproval('src/app.ts')], change.review, change.approvers)[0]!.satisfied).toBe(false);
});

test('approvals kept across pushes are tied to no commit, and say how to fix it', async () => {
  const double = await serve(world({ resetApprovalsOnPush: false }));
  const change = await gitlabChange(jobEnv(double), { cwd: tmpdir() });
  expect(change.review!.approvals[0]!.commitSha).toBe(UNKNOWN_APPROVAL_COMMIT);
  expect(change.limitations.join('\n')).toContain('Remove all approvals when commits are added to the source branch');
  expect(judgeApprovals([awaitingApproval('src/app.ts')], change.review, change.approvers)[0]!.satisfied).toBe(false);
});

test('an unreadable group leaves membership unknown rather than "not a member"', async () => {
  const double = await serve(world({ groups: {} }));
  const change = await gitlabChange(jobEnv(double), { cwd: tmpdir() });
  expect(change.review!.approvals[0]!.groups).toBeUndefined();
  expect(change.limitations.join('\n')).toContain('GitLab group `acme/security`');
  expect(judgeApprovals([awaitingApproval('src/app.ts')], change.review, change.approvers)[0]!.reason).toContain('could not be read');
});

test('who applied the break-glass label is read from the label events', async () => {
  const labelEvents = [
    { id: 1, action: 'add', label: { id: 3, name: 'cavra:break-glass' }, user: { id: 90, username: 'duo-developer' }, created_at: '2026-11-29T10:00:00Z', resource_type: 'MergeRequest', resource_id: 7 },
    { id: 2, action: 'remove', label: { id: 3, name: 'cavra:break-glass' }, user: { id: 11, username: 'alice' }, created_at: '2026-11-29T10:01:00Z', resource_type: 'MergeRequest', resource_id: 7 },
    { id: 3, action: 'add', label: { id: 3, name: 'cavra:break-glass' }, user: { id: 13, username: 'dave' }, created_at: '2026-11-29T10:02:00Z', resource_type: 'MergeRequest', resource_id: 7 },
  ];
  const mr = { ...world().mr, labels: ['cavra:break-glass'], description: 'Break-glass: production is down' };
  const byDave = await serve(world({ mr, labelEvents, approvedBy: [] }));
  const change = await gitlabChange(jobEnv(byDave), { cwd: tmpdir() });
  expect(change.review!.breakGlassBy).toEqual({ user: 'dave', isBot: false });
  expect(judgeApprovals([awaitingApproval('src/app.ts')], change.review, change.approvers)[0]).toMatchObject({ satisfied: true, via: 'break_glass', by: 'dave' });

  // The agent applied it itself: break-glass needs another person.
  const byAgent = await serve(world({ mr, labelEvents: labelEvents.slice(0, 1), approvedBy: [] }));
  const agentChange = await gitlabChange(jobEnv(byAgent), { cwd: tmpdir() });
  expect(judgeApprovals([awaitingApproval('src/app.ts')], agentChange.review, agentChange.approvers)[0]!.satisfied).toBe(false);
});

test('every page of a large merge request is read, and a short list fails closed', async () => {
  const diffs = Array.from({ length: 250 }, (_, index) => ({ old_path: `f/${index}.ts`, new_path: `f/${index}.ts`, new_file: true, renamed_file: false, deleted_file: false }));
  const double = await serve(world({ diffs, mr: { ...world().mr, changes_count: '250' } }));
  const change = await gitlabChange(jobEnv(double), { cwd: tmpdir() });
  expect(change.requests).toHaveLength(250);
  expect(double.requests.filter((request) => request.route === 'diffs').map((request) => request.query.page ?? '1')).toEqual(['1', '2', '3']);

  const short = await serve(world({ diffs, mr: { ...world().mr, changes_count: '300' } }));
  await expect(gitlabChange(jobEnv(short), { cwd: tmpdir() })).rejects.toMatchObject({ code: 'ERR_GITLAB_CHANGES_INCOMPLETE' });
});

function gitRepo(): { dir: string; base: string; head: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cavra-gitlab-git-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'keep.txt'), 'x\n');
  writeFileSync(join(dir, 'old name.sh'), 'echo hi\n'.repeat(20));
  git('add', '-A');
  git('commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD');
  git('mv', 'old name.sh', 'scripts.sh');
  writeFileSync(join(dir, '.env'), 'SECRET=1\n');
  git('add', '-A');
  git('commit', '-qm', 'head');
  return { dir, base, head: git('rev-parse', 'HEAD') };
}

test('without a token on a private project: the changed files come from git, and the gate says what it could not read', async () => {
  const repo = gitRepo();
  const double = await serve(world({ mr: { ...world().mr, sha: repo.head } }));
  const change = await gitlabChange(jobEnv(double, { CAVRA_GITLAB_TOKEN: undefined, CI_COMMIT_SHA: repo.head, CI_MERGE_REQUEST_DIFF_BASE_SHA: repo.base }), { cwd: repo.dir });
  expect(change.requests.map((request) => request.target).sort()).toEqual(['.env', 'old name.sh', 'scripts.sh']);
  expect(change.review).toBeUndefined();
  expect(change.limitations.join('\n')).toMatch(/could not be read through the API \(404 not found\).*CAVRA_GITLAB_TOKEN/);
  expect(double.requests.every((request) => !request.authenticated)).toBe(true);
});

test('neither the API nor git can list the changes: fail closed with a one-line error', async () => {
  const double = await serve(world());
  const empty = mkdtempSync(join(tmpdir(), 'cavra-gitlab-nogit-'));
  const error = await gitlabChange(jobEnv(double, { CAVRA_GITLAB_TOKEN: undefined }), { cwd: empty }).catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: 'ERR_GITLAB_CHANGES_UNREADABLE' });
  expect((error as Error).message).not.toContain('\n');
  expect((error as Error).message).not.toContain(TOKEN);
});

test('a token without access: 403 is said plainly and the token never appears', async () => {
  const double = await serve(world({ forbidden: ['mr-approvals'] }));
  const change = await gitlabChange(jobEnv(double), { cwd: tmpdir() });
  expect(change.review!.approvals).toEqual([]);
  expect(change.limitations.join('\n')).toContain('403 forbidden');
  expect(JSON.stringify(change)).not.toContain(TOKEN);
});

test('outside a merge request pipeline only the sessions are judged', async () => {
  const change = await gitlabChange({ GITLAB_CI: 'true', CI_COMMIT_SHA: HEAD, CI_PROJECT_ID: '42' }, { cwd: tmpdir() });
  expect(change).toEqual({ requests: [], limitations: [expect.stringContaining('not a merge request pipeline')] });
  expect(await gitlabChange({}, { cwd: tmpdir() })).toEqual({ requests: [], limitations: [] });
});
