import type { DoubleScenario } from './devops-double.ts';

export const HEAD = 'c0ffee0000000000000000000000000000000002';
export const EARLIER = 'c0ffee0000000000000000000000000000000001';
export const BASE = 'ba5e000000000000000000000000000000000000';

const ALICE = { id: '11111111-1111-1111-1111-111111111111', uniqueName: 'alice@fabrikam.example', displayName: 'Alice', descriptor: 'aad.YWxpY2U' };
export const BOB = { id: '22222222-2222-2222-2222-222222222222', uniqueName: 'bob@fabrikam.example', displayName: 'Bob', descriptor: 'aad.Ym9i' };
const CAROL = { id: '33333333-3333-3333-3333-333333333333', uniqueName: 'carol@fabrikam.example', displayName: 'Carol', descriptor: 'aad.Y2Fyb2w' };
const BUILD = { id: '44444444-4444-4444-4444-444444444444', uniqueName: 'Build\\5d1a0000-0000-0000-0000-000000000000', displayName: 'Fabrikam Build Service (fabrikam)', descriptor: 'svc.YnVpbGQ' };
const SECURITY = { id: '55555555-5555-5555-5555-555555555555', uniqueName: 'vstfs:///Classification/TeamProject/p1\\Security Reviewers', displayName: '[Fabrikam]\\Security Reviewers', isContainer: true };
export const AGENT = { id: '66666666-6666-6666-6666-666666666666', uniqueName: 'agent@fabrikam.example', displayName: 'Coding Agent', descriptor: 'aad.YWdlbnQ' };

export function voteThread(id: number, voter: { id: string }, vote: number, publishedDate: string, author: { id: string } = voter) {
  return {
    id,
    publishedDate,
    comments: [{ id: 1, content: `voted ${vote}`, commentType: 'system', author }],
    properties: {
      CodeReviewThreadType: { $type: 'System.String', $value: 'VoteUpdate' },
      CodeReviewVoteResult: { $type: 'System.String', $value: String(vote) },
      CodeReviewVotedByIdentity: { $type: 'System.String', $value: '1' },
    },
    identities: { 1: voter },
  };
}

/** The pipeline variables of a pull-request build of `scenario`, whose organisation `collectionUri` serves. */
export function pullRequestVariables(scenario: DoubleScenario, collectionUri: string): Record<string, string> {
  return {
    'System.CollectionUri': collectionUri,
    'System.TeamProjectId': scenario.project,
    'System.TeamProject': 'Fabrikam',
    'Build.Repository.ID': scenario.repositoryId,
    'Build.Repository.Provider': 'TfsGit',
    'Build.BuildId': '42',
    'System.PullRequest.PullRequestId': String(scenario.pullRequestId),
  };
}

/** A pull request with two iterations, a fresh approval, a stale one, a rejection and a bot's. */
export function pullRequestScenario(overrides: Partial<DoubleScenario> = {}): DoubleScenario {
  return {
    organization: 'fabrikam',
    project: 'a7e1f0c2-0000-4000-8000-000000000001',
    repositoryId: 'r3p0s170-0000-4000-8000-000000000001',
    pullRequestId: 7,
    token: 'job-access-token-for-tests',
    pullRequest: {
      pullRequestId: 7,
      status: 'active',
      title: 'Agent: tidy the pipeline',
      description: 'Break-glass: none',
      createdBy: AGENT,
      sourceRefName: 'refs/heads/agent/tidy',
      targetRefName: 'refs/heads/main',
      lastMergeSourceCommit: { commitId: HEAD },
      lastMergeTargetCommit: { commitId: BASE },
      repository: { id: 'r3p0s170-0000-4000-8000-000000000001', name: 'app', webUrl: 'https://dev.azure.com/fabrikam/Fabrikam/_git/app' },
    },
    iterations: [
      { id: 1, createdDate: '2026-11-29T10:00:00Z', sourceRefCommit: { commitId: EARLIER }, targetRefCommit: { commitId: BASE } },
      { id: 2, createdDate: '2026-11-29T12:00:00Z', sourceRefCommit: { commitId: HEAD }, targetRefCommit: { commitId: BASE } },
    ],
    changePages: [
      [
        { changeTrackingId: 1, changeId: 1, item: { objectId: 'a1', path: '/src/app.ts' }, changeType: 'edit' },
        { changeTrackingId: 2, changeId: 2, item: { path: '/src', isFolder: true, gitObjectType: 'tree' }, changeType: 'edit' },
      ],
      [
        { changeTrackingId: 3, changeId: 3, item: { objectId: 'a3', path: '/docs/pipeline-notes.md' }, changeType: 'edit' },
        { changeTrackingId: 4, changeId: 4, item: { objectId: 'a4', path: '/docs/new.md' }, changeType: 'rename, edit', originalPath: '/docs/old.md' },
        { changeTrackingId: 5, changeId: 5, item: { path: '/scripts/gone.sh' }, changeType: 'delete' },
      ],
    ],
    reviewers: [
      { ...ALICE, vote: 10, votedFor: [{ ...SECURITY, vote: 10 }] },
      { ...BOB, vote: 5 },
      { ...CAROL, vote: -10 },
      { ...BUILD, vote: 10 },
      { ...SECURITY, vote: 10 },
    ],
    labels: [
      { id: 'l1', name: 'agent', active: true },
      { id: 'l2', name: 'stale-label', active: false },
    ],
    commits: [
      { commitId: HEAD, author: { name: 'Coding Agent', email: 'agent@fabrikam.example' }, committer: { name: 'Coding Agent', email: 'agent@fabrikam.example' } },
      { commitId: EARLIER, author: { name: 'Dana', email: 'dana@fabrikam.example' }, committer: { name: 'Coding Agent', email: 'agent@fabrikam.example' } },
    ],
    threads: [
      voteThread(10, BOB, 5, '2026-11-29T11:00:00Z'),
      voteThread(11, ALICE, 10, '2026-11-29T12:30:00Z'),
      voteThread(12, CAROL, -10, '2026-11-29T12:40:00Z'),
      // A human comment thread that merely looks like a vote: no system properties, never read as one.
      { id: 13, publishedDate: '2026-11-29T12:50:00Z', comments: [{ id: 1, content: 'CodeReviewVoteResult 10', commentType: 'text' }], properties: {}, identities: {} },
    ],
    ...overrides,
  };
}
